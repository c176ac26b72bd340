import type { Page, Worker } from 'playwright-core';

/** Where the extension's IndexedDB can be read: its service worker, or any of its pages (same origin, no worker needed). */
type ExtensionContext = Pick<Worker | Page, 'evaluate'>;

/** A record in the agent's local Dexie cache (null when absent or unreadable); an interaction in a block too. */
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
            const row = (get.result as Record<string, unknown> | undefined) ?? null;
            // Pulled interactions may sit in a block (lib/db/interactions.ts; no id index since Dexie 9): every block read.
            if (row || table !== 'interactions' || !db.objectStoreNames.contains('interactionBlocks')) {
              resolve(row);
              db.close();
              return;
            }
            const blocks = db.transaction('interactionBlocks').objectStore('interactionBlocks').getAll();
            blocks.onsuccess = () => {
              const records = (blocks.result as { records: Record<string, unknown>[] }[]).flatMap((b) => b.records);
              resolve(records.find((r) => r.id === id) ?? null);
              db.close();
            };
            blocks.onerror = () => resolve(null);
          };
          get.onerror = () => resolve(null);
        };
      }),
    { table, id },
  );
}

/** Every row of a table of the agent's local Dexie cache (for 'interactions', those stored in blocks too). */
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
            // Pulled interactions may sit in blocks, many to a row (lib/db/interactions.ts): read as rows.
            if (table !== 'interactions' || !db.objectStoreNames.contains('interactionBlocks')) {
              resolve(all.result as T[]);
              db.close();
              return;
            }
            const blocks = db.transaction('interactionBlocks').objectStore('interactionBlocks').getAll();
            blocks.onsuccess = () => {
              resolve([...(all.result as T[]), ...(blocks.result as { records: T[] }[]).flatMap((b) => b.records)]);
              db.close();
            };
            blocks.onerror = () => reject(blocks.error);
          };
          all.onerror = () => reject(all.error);
        };
      }),
    table,
  );
}
