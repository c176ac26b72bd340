// Where the sync stands, kept in the meta table so a restarted worker carries on: the change-feed
// cursor, the retry backoff and the time of the last good sync.
import { type Change, SYNCED_ENTITIES, type SyncedEntityName } from '../schema';
import { changesByEntity, type TableWriteTimes, tablesWritten, writeChanges } from './changes';
import { dropCustomersExcept, noCustomersCached } from './customers';
import type { TandemDatabase } from './database';
import { dropInteractionsExcept, noInteractionsCached } from './interactions';
import { getMeta, setMeta } from './meta';
import { recordsWithPendingWrites } from './outbox';
import { forgetPulledOnly, keepPulledOnly, storedPulledOnly } from './pulled-only';

export const CURSOR_KEY = 'sync.cursor';
const FEED_KEY = 'sync.feed';
const BACKOFF_KEY = 'sync.backoff';
const LAST_SYNC_KEY = 'sync.lastSyncAt';

/** How many syncs failed in a row, and when the next may run (ISO time). */
export interface Backoff {
  failures: number;
  retryAt: string | null;
  /** The server set retryAt (its Retry-After): even a forced sync waits for it. */
  serverAsked?: boolean;
}

const NO_BACKOFF: Backoff = { failures: 0, retryAt: null };

/** The tables the change feed fills, one per synced entity (a new entity in SYNCED_ENTITIES needs its table in database.ts). */
export function syncedTables(db: TandemDatabase) {
  return (Object.keys(SYNCED_ENTITIES) as SyncedEntityName[]).map((name) => db.table(name));
}

/** How far into the server's change feed this device has applied. */
export async function syncCursor(db: TandemDatabase): Promise<number> {
  return (await getMeta<number>(db, CURSOR_KEY)) ?? 0;
}

/**
 * Starts the copy of the server's data over (the agent's teams changed, or the server is not the one
 * this copy came from): every cached record goes, except those with writes still in the outbox, which
 * stay as the agent left them until the push answers; the outbox, conflicts and screenshots stay; the
 * next pull starts from cursor 0 and adopts the server's identity afresh.
 */
export async function restartChangeFeed(db: TandemDatabase): Promise<void> {
  const cached = syncedTables(db);
  const blocks = [db.interactionBlocks, db.interactionDirectory, db.interactionLinks, db.customerBlocks, db.customerDirectory, db.customerKeyNotes];
  await db.transaction('rw', [db.meta, db.outbox, ...blocks, ...cached], async () => {
    const keep = await recordsWithPendingWrites(db);
    const kept = (entity: string) => new Set([...keep].flatMap((key) => (key.startsWith(`${entity}:`) ? [key.slice(entity.length + 1)] : [])));
    for (const table of cached) {
      if (table.name === 'interactions' || table.name === 'customers') {
        await (table.name === 'interactions' ? dropInteractionsExcept : dropCustomersExcept)(db, kept(table.name));
        continue;
      }
      const ids = (await table.toCollection().primaryKeys()) as string[];
      await table.bulkDelete(ids.filter((id) => !keep.has(`${table.name}:${id}`)));
    }
    await setMeta(db, CURSOR_KEY, 0);
    await setMeta(db, FEED_KEY, null);
    // The records kept hold the agent's versions, not the feed's.
    await forgetPulledOnly(db);
  });
}

/** The change feed this copy came from: the server's database id and the epoch of its last answer. */
export interface FeedOrigin {
  id: string;
  epoch: string;
}

export async function feedOrigin(db: TandemDatabase): Promise<FeedOrigin | null> {
  return (await getMeta<FeedOrigin>(db, FEED_KEY)) ?? null;
}

export async function setFeedOrigin(db: TandemDatabase, origin: FeedOrigin): Promise<void> {
  await setMeta(db, FEED_KEY, origin);
}

/**
 * The synced tables a pull pass may write without reading them first (`applyPulledPage`'s `pulledOnly`): those that
 * hold no row (one key read each), which the pass fills only from its own pages in feed order, and those earlier
 * pages stored as holding only pulled rows (a first sync resumed after a killed worker; lib/db/pulled-only.ts).
 */
export async function pulledOnlyTables(db: TandemDatabase): Promise<Set<SyncedEntityName>> {
  const tables = syncedTables(db);
  const [firstKeys, stored] = await db.transaction('r', [db.meta, db.interactionBlocks, db.customerBlocks, ...tables], () =>
    Promise.all([
      Promise.all(
        tables.map(async (table) =>
          table.name === 'interactions'
            ? noInteractionsCached(db)
            : table.name === 'customers'
              ? noCustomersCached(db)
              : (await table.toCollection().limit(1).primaryKeys()).length === 0,
        ),
      ),
      storedPulledOnly(db),
    ]),
  );
  const empty = tables.filter((_, i) => firstKeys[i]).map((table) => table.name as SyncedEntityName);
  return new Set([...empty, ...stored]);
}

/**
 * Stores a pulled page and the cursor that covers it together, or not at all; records with writes still in the
 * outbox keep the agent's version. One transaction over only the tables the page writes; answers the time spent
 * writing each table (the pull profile). `pulledOnly`: tables whose rows all came from this pass's earlier pages
 * (`emptySyncedTables` at the pass's start), written without reading the versions they hold.
 */
export async function applyPulledPage(
  db: TandemDatabase,
  changes: readonly Change[],
  cursor: number,
  pulledOnly: ReadonlySet<SyncedEntityName> = new Set(),
): Promise<TableWriteTimes> {
  const byEntity = changesByEntity(changes);
  return db.transaction('rw', [db.meta, db.outbox, ...tablesWritten(db, byEntity.keys())], async () => {
    const times = byEntity.size > 0 ? await writeChanges(db, byEntity, await recordsWithPendingWrites(db), pulledOnly) : {};
    await setMeta(db, CURSOR_KEY, cursor);
    await keepPulledOnly(db, pulledOnly);
    return times;
  });
}

export async function syncBackoff(db: TandemDatabase): Promise<Backoff> {
  return (await getMeta<Backoff>(db, BACKOFF_KEY)) ?? NO_BACKOFF;
}

export async function setSyncBackoff(db: TandemDatabase, backoff: Backoff): Promise<void> {
  await setMeta(db, BACKOFF_KEY, backoff);
}

export async function clearSyncBackoff(db: TandemDatabase): Promise<void> {
  await setMeta(db, BACKOFF_KEY, NO_BACKOFF);
}

export async function lastSyncAt(db: TandemDatabase): Promise<string | null> {
  return (await getMeta<string>(db, LAST_SYNC_KEY)) ?? null;
}

export async function setLastSyncAt(db: TandemDatabase, at: Date): Promise<void> {
  await setMeta(db, LAST_SYNC_KEY, at.toISOString());
}
