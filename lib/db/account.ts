import { countPendingAttachments } from './attachments';
import { countCustomers } from './customers';
import type { TandemDatabase } from './database';
import { countInteractions } from './interactions';
import { outboxCounts } from './outbox';
import { syncedTables } from './sync-state';

/** How many rows of each synced entity this device caches. */
export async function countRecords(db: TandemDatabase): Promise<Record<string, number>> {
  const tables = syncedTables(db);
  const counts = await Promise.all(
    tables.map((table) => (table.name === 'interactions' ? countInteractions(db) : table.name === 'customers' ? countCustomers(db) : table.count())),
  );
  return Object.fromEntries(tables.map((table, i) => [table.name, counts[i] ?? 0]));
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
