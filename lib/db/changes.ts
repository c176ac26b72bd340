import type { Table } from 'dexie';
import type { Change, SyncedEntityName } from '../schema';
import { customerTables, writePulledCustomers } from './customers';
import type { TandemDatabase } from './database';
import { interactionTables, writePulledInteractions } from './interactions';
import { forgetPulledOnly } from './pulled-only';

/** Milliseconds spent writing each table of a page, for the pull profile (lib/sync/pull-profile.ts). */
export type TableWriteTimes = Partial<Record<SyncedEntityName, number>>;

/** A page's changes by table, in one pass (in feed order within each table). */
export function changesByEntity(changes: readonly Change[]): Map<SyncedEntityName, Change[]> {
  const byEntity = new Map<SyncedEntityName, Change[]>();
  for (const change of changes) {
    const list = byEntity.get(change.entity);
    if (list) list.push(change);
    else byEntity.set(change.entity, [change]);
  }
  return byEntity;
}

/** The tables holding an entity's cached records: interactions and customers have blocks besides rows. */
export function entityTables(db: TandemDatabase, entity: string): Table[] {
  if (entity === 'interactions') return interactionTables(db);
  if (entity === 'customers') return customerTables(db);
  return [db.table(entity)];
}

/** The tables these entities' changes write, and no others; cases bring attachments (a case's tombstone takes its screenshots). */
export function tablesWritten(db: TandemDatabase, entities: Iterable<SyncedEntityName>) {
  const tables = [];
  for (const entity of entities) {
    tables.push(...entityTables(db, entity));
    if (entity === 'cases') tables.push(db.attachments);
  }
  return tables;
}

/**
 * Writes one table's changes; the caller holds a transaction over `tablesWritten`. `readFirst` false skips reading the
 * cached versions: for a table whose rows all came from earlier pages of the same pass, which only ever hold older
 * versions (the feed is in seq order), so every change wins anyway. A first sync's writes cost a third less so.
 */
async function writeTable(db: TandemDatabase, entity: SyncedEntityName, list: readonly Change[], skip: ReadonlySet<string>, readFirst: boolean): Promise<void> {
  // Interactions and customers have blocks besides rows (lib/db/blocks.ts).
  if (entity === 'interactions') return writePulledInteractions(db, list, skip, readFirst);
  if (entity === 'customers') return writePulledCustomers(db, list, skip, readFirst);
  const table = db.table(entity);
  const existing = readFirst ? await table.bulkGet(list.map((c) => c.record.id)) : [];
  const puts: unknown[] = [];
  const deletes: string[] = [];
  list.forEach((change, i) => {
    const current = existing[i] as { version: number } | undefined;
    // The record left the caller's teams: it goes, whatever this device holds or has queued (docs/sync-protocol.md "Lost access").
    if ('revoked' in change && change.revoked) {
      deletes.push(change.record.id);
      return;
    }
    if (current && current.version > change.record.version) return;
    // A record with a write still in the outbox keeps the agent's version until the push answers.
    if (skip.has(`${change.entity}:${change.record.id}`)) return;
    if (change.record.deleted) deletes.push(change.record.id);
    else puts.push(change.record);
  });
  if (puts.length > 0) await table.bulkPut(puts);
  if (deletes.length > 0) {
    await table.bulkDelete(deletes);
    // A case removed on the server (deleted, erased, past retention) takes its screenshots off this device too.
    if (entity === 'cases') await db.attachments.where('caseId').anyOf(deletes).delete();
  }
}

/**
 * Writes grouped changes table by table inside the caller's transaction (over `tablesWritten`), timing each table.
 * A change older than the cached version is skipped, so replaying a page is harmless. Tombstones delete the row.
 * `skip` holds "entity:id" keys of records with unconfirmed local writes. `pulledOnly`: tables holding only rows
 * the caller pulled in this pass, written without reading what they hold (see `writeTable`).
 */
export async function writeChanges(
  db: TandemDatabase,
  byEntity: ReadonlyMap<SyncedEntityName, readonly Change[]>,
  skip: ReadonlySet<string>,
  pulledOnly: ReadonlySet<SyncedEntityName> = new Set(),
): Promise<TableWriteTimes> {
  const times: TableWriteTimes = {};
  for (const [entity, list] of byEntity) {
    const start = performance.now();
    await writeTable(db, entity, list, skip, !pulledOnly.has(entity));
    times[entity] = performance.now() - start;
  }
  return times;
}

/** Applies changes (a page, or a test's fixtures) in a single transaction over the tables they write (see `writeChanges`). */
export async function applyChanges(db: TandemDatabase, changes: readonly Change[], skip: ReadonlySet<string> = new Set()): Promise<TableWriteTimes> {
  const byEntity = changesByEntity(changes);
  if (byEntity.size === 0) return {};
  // Changes from outside a pull pass come in no known order with the rows cached.
  return db.transaction('rw', [db.meta, ...tablesWritten(db, byEntity.keys())], async () => {
    await forgetPulledOnly(db);
    return writeChanges(db, byEntity, skip);
  });
}
