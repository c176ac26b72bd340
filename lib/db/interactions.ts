import Dexie from 'dexie';
import type { Interaction } from '../schema';
import type { TandemDatabase } from './database';

/** A customer's interactions across channels, newest first. */
export async function timelineForCustomer(db: TandemDatabase, customerId: string, limit = 50): Promise<Interaction[]> {
  const rows = await db.interactions
    .where('[customerId+occurredAt]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .toArray();
  return rows.filter((i) => !i.deleted);
}

/** The interactions filed under these cases (the queue's effort per case), in no particular order. */
export async function interactionsForCases(db: TandemDatabase, caseIds: readonly string[]): Promise<Interaction[]> {
  if (caseIds.length === 0) return [];
  const rows = await db.interactions
    .where('caseId')
    .anyOf([...caseIds])
    .toArray();
  return rows.filter((i) => !i.deleted);
}

/**
 * Frees space by dropping the oldest cached history first: interactions by age, keeping any the
 * outbox still refers to. The outbox itself is never touched. Returns how many rows went.
 */
export async function trimOldestInteractions(db: TandemDatabase, fraction = 0.3): Promise<number> {
  return db.transaction('rw', [db.interactions, db.outbox], async () => {
    const pending = new Set((await db.outbox.toArray()).map((row) => row.recordId));
    const all = await db.interactions.toArray();
    const oldestFirst = all.filter((i) => !pending.has(i.id)).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    const drop = oldestFirst.slice(0, Math.ceil(oldestFirst.length * fraction)).map((i) => i.id);
    await db.interactions.bulkDelete(drop);
    return drop.length;
  });
}
