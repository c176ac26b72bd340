import type { TandemDatabase } from '../db';

/** Dexie wraps the browser's error; either name means the origin's storage quota is exhausted. */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { inner?: unknown }).inner) {
    if (e instanceof Error && e.name === 'QuotaExceededError') return true;
    if ((e as { name?: string }).name === 'QuotaExceededError') return true;
  }
  return false;
}

/**
 * Frees space by dropping the oldest cached history first: interactions by age, keeping any the
 * outbox still refers to. The outbox itself is never touched. Returns how many rows went.
 */
export async function trimCaches(db: TandemDatabase, fraction = 0.3): Promise<number> {
  return db.transaction('rw', [db.interactions, db.outbox], async () => {
    const pending = new Set((await db.outbox.toArray()).map((row) => row.recordId));
    const all = await db.interactions.toArray();
    const oldestFirst = all.filter((i) => !pending.has(i.id)).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    const drop = oldestFirst.slice(0, Math.ceil(oldestFirst.length * fraction)).map((i) => i.id);
    await db.interactions.bulkDelete(drop);
    return drop.length;
  });
}
