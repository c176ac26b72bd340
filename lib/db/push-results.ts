import Dexie from 'dexie';
import type { Change, MutationResult } from '../schema';
import { customerTables, deleteCustomer } from './customers';
import type { OutboxRow, TandemDatabase } from './database';
import { deleteInteraction, interactionTables, modifyInteractions } from './interactions';
import { putCached } from './outbox';
import { applyPatch } from './patch';
import { forgetPulledOnly } from './pulled-only';

/**
 * The server already had the customer this device created (an identity they share, `duplicate_identity`): the
 * local one is dropped and whatever named it, cached or queued, names the existing one. Its later edits go to it too.
 */
async function repointCustomer(db: TandemDatabase, localId: string, existingId: string): Promise<void> {
  await deleteCustomer(db, localId);
  await db.outbox.where('[entity+recordId]').equals(['customers', localId]).modify({ recordId: existingId });
  await db.cases.where('[customerId+status]').between([localId, Dexie.minKey], [localId, Dexie.maxKey]).modify({ customerId: existingId });
  await modifyInteractions(db, { customerId: localId }, { customerId: existingId });
  for (const entity of ['cases', 'interactions'] as const) {
    for (const pending of await db.outbox.where('entity').equals(entity).toArray()) {
      if (pending.data.customerId === localId && pending.seq !== undefined)
        await db.outbox.update(pending.seq, { data: { ...pending.data, customerId: existingId } });
    }
  }
}

/** After the server stored a record: cache its version, then replay later local edits of it on top. */
async function settle(db: TandemDatabase, row: OutboxRow, change: Change, replacedId: string | null): Promise<void> {
  await putCached(db, change.entity, change.record);
  if (replacedId && replacedId !== change.record.id && change.entity === 'customers') await repointCustomer(db, replacedId, change.record.id);
  else if (replacedId && replacedId !== change.record.id) {
    // The server already had this capture under another id: point everything local at it. Its interactions
    // go under the existing case's customer too: the capture may have made a customer of its own (the cache
    // lacked the existing one, as during a first sync), and the server files an interaction only under its
    // case's customer.
    const filed = { caseId: change.record.id, ...('customerId' in change.record ? { customerId: change.record.customerId } : {}) };
    if (change.entity === 'interactions') await deleteInteraction(db, replacedId);
    else await db.table(change.entity).delete(replacedId);
    await db.outbox.where('[entity+recordId]').equals([row.entity, replacedId]).modify({ recordId: change.record.id });
    await modifyInteractions(db, { caseId: replacedId }, filed);
    if (change.entity === 'cases') await db.attachments.where('caseId').equals(replacedId).modify({ caseId: change.record.id });
    for (const pending of await db.outbox.where('entity').equals('interactions').toArray()) {
      if (pending.data.caseId === replacedId && pending.seq !== undefined) await db.outbox.update(pending.seq, { data: { ...pending.data, ...filed } });
    }
  }
  const later = await db.outbox.where('[entity+recordId]').equals([change.entity, change.record.id]).sortBy('seq');
  let local = change.record as unknown as Record<string, unknown>;
  for (const pending of later) {
    if (pending.seq === undefined || pending.mutationId === row.mutationId) continue;
    if (pending.op === 'update') local = applyPatch(local, pending.data);
    await db.outbox.update(pending.seq, { baseVersion: change.record.version });
  }
  if (local !== (change.record as unknown)) await putCached(db, change.entity, local);
}

/**
 * A reference the server did not know because an earlier answer of the same push moved it (a case
 * create answered `duplicate_source`: the capture's interaction still named the local case id; a customer
 * create answered `duplicate_identity`: its case and interaction still named the local customer):
 * `settle` has pointed the queued row at the existing record, so it is sent again rather than failed.
 */
function rebasedMeanwhile(sent: OutboxRow, row: OutboxRow, result: MutationResult): boolean {
  return result.status === 'rejected' && result.code === 'invalid_reference' && JSON.stringify(sent.data) !== JSON.stringify(row.data);
}

async function applyResult(db: TandemDatabase, row: OutboxRow, result: MutationResult, now: () => Date): Promise<void> {
  if (row.seq === undefined) return;
  switch (result.status) {
    case 'applied':
      await db.outbox.delete(row.seq);
      await settle(db, row, result.change, null);
      return;
    case 'duplicate_source':
    case 'duplicate_identity':
      await db.outbox.delete(row.seq);
      await settle(db, row, result.change, row.recordId);
      return;
    case 'conflict':
      // Nothing was applied; keep both versions for the agent, show the server's meanwhile.
      await db.outbox.delete(row.seq);
      await db.conflicts.put({
        mutationId: row.mutationId,
        entity: row.entity,
        recordId: row.recordId,
        local: row.data,
        server: result.current.record,
        at: now().toISOString(),
      });
      await settle(db, row, result.current, null);
      return;
    case 'rejected':
      await db.outbox.update(row.seq, { state: 'failed', lastError: `${result.message} (${result.code})` });
      return;
  }
}

/**
 * Applies the server's answer to a push, one result per pushed row in order, in one transaction:
 * confirmed writes leave the outbox and the cache takes the server's version, conflicts are kept
 * for the agent, refusals are set aside.
 */
export async function applyPushResults(db: TandemDatabase, rows: readonly OutboxRow[], results: readonly MutationResult[], now: () => Date): Promise<void> {
  await db.transaction(
    'rw',
    [db.outbox, db.conflicts, db.meta, ...customerTables(db), db.cases, ...interactionTables(db), db.articles, db.snippets, db.broadcasts, db.attachments],
    async () => {
      // The server's versions (and moved references) land outside the feed's order.
      await forgetPulledOnly(db);
      for (const [i, result] of results.entries()) {
        const seq = rows[i]?.seq;
        // Re-read: the row may have been rebased by an earlier result in this batch.
        const fresh = seq === undefined ? undefined : await db.outbox.get(seq);
        if (fresh && !rebasedMeanwhile(rows[i]!, fresh, result)) await applyResult(db, fresh, result, now);
      }
    },
  );
}
