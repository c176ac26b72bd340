// A list of things the device keeps until the server has them (agents' flags, broadcast receipts, content gaps): kept
// at once in the meta table, offline too, and sent in batches after a sync; a failed batch stays for the next sync.
import type { TandemDatabase } from './database';
import { getMeta, setMeta } from './meta';

export function createPendingList<T extends { id: string }>(db: TandemDatabase, key: string) {
  /** Serialises the list's read-modify-write between new items and the sync. */
  let writes: Promise<unknown> = Promise.resolve();
  const read = async () => (await getMeta<T[]>(db, key)) ?? [];
  const update = (change: (pending: T[]) => T[]) => (writes = writes.then(async () => setMeta(db, key, change(await read()))));

  return {
    /** Keeps the item, unless one with its id is kept already (the first stays); resolves once it is stored. */
    add: async (item: T): Promise<void> => {
      await update((pending) => (pending.some((p) => p.id === item.id) ? pending : [...pending, item]));
    },
    pending: async (): Promise<T[]> => {
      await writes;
      return read();
    },
    /** Sends the list in batches of at most `batchSize`; each batch is dropped once `send` resolves, and kept when it throws. */
    async flush(batchSize: number, send: (batch: T[]) => Promise<unknown>): Promise<void> {
      await writes;
      const pending = await read();
      for (let from = 0; from < pending.length; from += batchSize) {
        const batch = pending.slice(from, from + batchSize);
        await send(batch);
        const sent = new Set(batch.map((item) => item.id));
        await update((list) => list.filter((item) => !sent.has(item.id)));
      }
    },
  };
}

export type PendingList<T extends { id: string }> = ReturnType<typeof createPendingList<T>>;
