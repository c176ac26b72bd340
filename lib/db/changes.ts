import type { Change, SyncedEntityName } from '../schema';
import { toCachedRow } from './customers';
import type { TandemDatabase } from './database';

/**
 * Applies one page of pulled changes in a single transaction. A change older than the cached
 * version is skipped, so replaying a page is harmless. Tombstones delete the row. `skip` holds
 * "entity:id" keys of records with unconfirmed local writes.
 */
export async function applyChanges(db: TandemDatabase, changes: readonly Change[], skip: ReadonlySet<string> = new Set()): Promise<void> {
  const tables = [db.customers, db.interactions, db.cases, db.articles, db.snippets, db.broadcasts, db.attachments];
  await db.transaction('rw', tables, async () => {
    const byEntity = new Map<SyncedEntityName, Change[]>();
    for (const change of changes) byEntity.set(change.entity, [...(byEntity.get(change.entity) ?? []), change]);
    for (const [entity, list] of byEntity) {
      const table = db.table(entity);
      const existing = await table.bulkGet(list.map((c) => c.record.id));
      const puts: unknown[] = [];
      const deletes: string[] = [];
      list.forEach((change, i) => {
        const current = existing[i] as { version: number } | undefined;
        if (current && current.version > change.record.version) return;
        // A record with a write still in the outbox keeps the agent's version until the push answers.
        if (skip.has(`${change.entity}:${change.record.id}`)) return;
        if (change.record.deleted) deletes.push(change.record.id);
        else puts.push(toCachedRow(change.entity, change.record));
      });
      await table.bulkPut(puts);
      await table.bulkDelete(deletes);
      // A case removed on the server (deleted, erased, past retention) takes its screenshots off this device too.
      if (entity === 'cases' && deletes.length > 0) await db.attachments.where('caseId').anyOf(deletes).delete();
    }
  });
}
