import type { Page, Worker } from 'playwright-core';

/** Where the extension's IndexedDB can be read: its service worker, or any of its pages (same origin, no worker needed). */
type ExtensionContext = Pick<Worker | Page, 'evaluate'>;

/** A record in the agent's local Dexie cache (null when absent or unreadable). */
export function cachedRecord(where: ExtensionContext, table: string, id: string): Promise<Record<string, unknown> | null> {
  return (where as Worker).evaluate(
    ({ table, id }) =>
      new Promise<Record<string, unknown> | null>((resolve) => {
        const open = indexedDB.open('tandem');
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction(table).objectStore(table).get(id);
          get.onsuccess = () => {
            resolve((get.result as Record<string, unknown> | undefined) ?? null);
            db.close();
          };
          get.onerror = () => resolve(null);
        };
      }),
    { table, id },
  );
}

/** Every row of a table of the agent's local Dexie cache. */
export function cachedRows<T>(where: ExtensionContext, table: string): Promise<T[]> {
  return (where as Worker).evaluate(
    (table) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('tandem');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction(table).objectStore(table).getAll();
          all.onsuccess = () => {
            resolve(all.result as T[]);
            db.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
    table,
  );
}
