// The persisted knowledge index's two meta rows, read straight from IndexedDB without Dexie. No imports on purpose: the
// background starts this read before its other modules are evaluated (lib/background/wake-reads.ts), so the browser
// reads the ≈ 12 MB row while the worker evaluates its code instead of after (docs/knowledge-search.md, cold worker).

/** The full saved index (search-index.ts `saveIndex`). */
export const INDEX_META_KEY = 'knowledge.index';
/** The records applied since that full copy (search-index.ts `persistIndex`). */
export const INDEX_TAIL_META_KEY = 'knowledge.index.tail';

/** The two rows' values as stored (unchecked: `loadIndex` checks them), undefined where a row is absent. */
export interface IndexRows {
  row: unknown;
  tail: unknown;
}

/**
 * Reads both rows in one read-only transaction of a connection of its own, closed as soon as they are read (or when a
 * newer schema asks for the database). Null when they cannot be read this way: no database yet (it is not created
 * here: the upgrade is aborted, Dexie creates it), no meta table, or any IndexedDB error; the caller then reads them
 * through Dexie.
 */
export function readIndexRows(factory: IDBFactory | undefined = globalThis.indexedDB, name = 'tandem'): Promise<IndexRows | null> {
  return new Promise((resolve) => {
    if (!factory) return resolve(null);
    let open: IDBOpenDBRequest;
    try {
      open = factory.open(name);
    } catch {
      return resolve(null);
    }
    // Opened without a version, a missing database would be created empty at version 1; Dexie must create it.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(null);
    open.onblocked = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close(); // Dexie opening a newer schema is not held up by this connection
      const done = (rows: IndexRows | null) => {
        db.close();
        resolve(rows);
      };
      try {
        if (!db.objectStoreNames.contains('meta')) return done(null);
        const meta = db.transaction('meta', 'readonly').objectStore('meta');
        const rows: IndexRows = { row: undefined, tail: undefined };
        const row = meta.get(INDEX_META_KEY);
        const tail = meta.get(INDEX_TAIL_META_KEY);
        row.onsuccess = () => (rows.row = (row.result as { value?: unknown } | undefined)?.value);
        tail.onsuccess = () => (rows.tail = (tail.result as { value?: unknown } | undefined)?.value);
        meta.transaction.oncomplete = () => done(rows);
        meta.transaction.onerror = () => done(null);
        meta.transaction.onabort = () => done(null);
      } catch {
        done(null);
      }
    };
  });
}
