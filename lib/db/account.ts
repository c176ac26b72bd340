import { countPendingAttachments } from './attachments';
import type { TandemDatabase } from './database';
import { outboxCounts } from './outbox';

/** How many rows of each synced entity this device caches. */
export async function countRecords(db: TandemDatabase): Promise<Record<string, number>> {
  const [customers, interactions, cases, articles, snippets, broadcasts] = await Promise.all([
    db.customers.count(),
    db.interactions.count(),
    db.cases.count(),
    db.articles.count(),
    db.snippets.count(),
    db.broadcasts.count(),
  ]);
  return { customers, interactions, cases, articles, snippets, broadcasts };
}

/** Work that exists only on this device: queued writes and screenshots not yet uploaded. */
export async function countUnsyncedWork(db: TandemDatabase): Promise<number> {
  return (await outboxCounts(db)).pending + (await countPendingAttachments(db));
}

/** Signing out (or in as someone else) wipes the account's local data, sync state and session together. */
export async function clearAccountData(db: TandemDatabase): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });
}
