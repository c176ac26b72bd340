import type { MutationOrigin } from '../schema';
import { entityTables } from './changes';
import { customerById, putCustomer } from './customers';
import type { OutboxRow, TandemDatabase } from './database';
import { interactionById, putInteraction } from './interactions';
import { applyPatch, mergePatches, type Patch } from './patch';
import { forgetPulledOnly } from './pulled-only';

/** Entities an agent writes from the extension, and the Dexie table each lives in. */
export type WritableEntity = 'customers' | 'cases' | 'interactions';

export type LocalWrite =
  /** `origin: 'capture'`: a customer the extension made on its own for a capture, which the server may merge (../schema/api.ts). */
  | { entity: WritableEntity; op: 'create'; record: { id: string } & Record<string, unknown>; origin?: MutationOrigin }
  /** `patch` is in the protocol's form: set-valued fields as `{ add, remove }`. */
  | { entity: WritableEntity; op: 'update'; recordId: string; patch: Patch };

/** Fields the server owns; a create sends everything else. */
const SERVER_OWNED = ['id', 'version', 'updatedAt', 'deleted'];

/** Caches a record as a row; an interaction or a customer leaves the block that held it (lib/db/blocks.ts). */
export async function putCached(db: TandemDatabase, entity: string, record: object): Promise<void> {
  if (entity === 'interactions') await putInteraction(db, record as Parameters<typeof putInteraction>[1]);
  else if (entity === 'customers') await putCustomer(db, record as Parameters<typeof putCustomer>[1]);
  else await db.table(entity).put(record);
}

/** The cached record, wherever its entity stores it. */
function cachedRecord(db: TandemDatabase, entity: string, id: string): Promise<object | undefined> {
  if (entity === 'interactions') return interactionById(db, id);
  if (entity === 'customers') return customerById(db, id);
  return db.table(entity).get(id);
}

/**
 * Applies the agent's write to the local cache and queues it for the server in ONE transaction:
 * either both happen or neither, so nothing shown is ever missing from the outbox.
 */
export async function writeLocal(db: TandemDatabase, writes: readonly LocalWrite[], now = new Date()): Promise<string[]> {
  const tables = [...new Set(writes.flatMap((w) => entityTables(db, w.entity)))];
  return db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
    await forgetPulledOnly(db);
    const ids: string[] = [];
    for (const write of writes) {
      const mutationId = crypto.randomUUID();
      const base: Omit<OutboxRow, 'op' | 'recordId' | 'baseVersion' | 'data'> = {
        mutationId,
        entity: write.entity,
        createdAt: now.toISOString(),
        attempts: 0,
        state: 'pending',
        lastError: null,
      };
      if (write.op === 'create') {
        await putCached(db, write.entity, write.record);
        const data = Object.fromEntries(Object.entries(write.record).filter(([k]) => !SERVER_OWNED.includes(k)));
        await db.outbox.add({ ...base, op: 'create', recordId: write.record.id, baseVersion: null, data, ...(write.origin ? { origin: write.origin } : {}) });
      } else {
        const current = (await cachedRecord(db, write.entity, write.recordId)) as ({ version: number } & Record<string, unknown>) | undefined;
        if (!current) throw new Error(`Cannot change ${write.entity} ${write.recordId}: it is not in the local cache.`);
        const next = { ...applyPatch(current, write.patch), updatedAt: now.toISOString() };
        await putCached(db, write.entity, next);
        // An edit folds into a queued write of the same record that was never sent, so one record
        // has at most one unsent mutation and consecutive edits never conflict with each other.
        const unsent = await db.outbox
          .where('[entity+recordId]')
          .equals([write.entity, write.recordId])
          .filter((row) => row.state === 'pending' && row.attempts === 0)
          .first();
        if (unsent?.seq !== undefined) {
          const data = unsent.op === 'create' ? applyPatch(unsent.data, write.patch) : mergePatches(unsent.data, write.patch);
          await db.outbox.update(unsent.seq, { data });
          ids.push(unsent.mutationId);
          continue;
        }
        await db.outbox.add({ ...base, op: 'update', recordId: write.recordId, baseVersion: current.version, data: write.patch });
      }
      ids.push(mutationId);
    }
    return ids;
  });
}

/**
 * The next mutations to push, oldest first, at most one per record: a later write of the same
 * record waits until the earlier one's answer tells it which server version it now builds on.
 * Rows in `held` (kept for a later pass) are left out, and so are later writes of their records.
 */
export async function nextBatch(db: TandemDatabase, limit: number, held: ReadonlySet<number> = new Set()): Promise<OutboxRow[]> {
  const pending = await db.outbox.where('state').equals('pending').sortBy('seq');
  const seen = new Set<string>();
  const batch: OutboxRow[] = [];
  for (const row of pending) {
    const key = `${row.entity}:${row.recordId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (row.seq !== undefined && held.has(row.seq)) continue;
    batch.push(row);
    if (batch.length === limit) break;
  }
  return batch;
}

/** "entity:id" of every record with a write not yet confirmed; a pull must not overwrite those. */
export async function recordsWithPendingWrites(db: TandemDatabase): Promise<Set<string>> {
  const rows = await db.outbox.toArray();
  return new Set(rows.map((row) => `${row.entity}:${row.recordId}`));
}

/** Whether the record has a write the server has not confirmed (queued, in flight or refused). */
export async function hasQueuedWrite(db: TandemDatabase, entity: string, recordId: string): Promise<boolean> {
  return (await db.outbox.where('[entity+recordId]').equals([entity, recordId]).count()) > 0;
}

/** Whether the server has acknowledged the case: no create of it is left in the outbox (queued, in flight or refused). */
export async function caseAcknowledged(db: TandemDatabase, caseId: string): Promise<boolean> {
  const creates = await db.outbox
    .where('[entity+recordId]')
    .equals(['cases', caseId])
    .filter((row) => row.op === 'create')
    .count();
  return creates === 0;
}

export async function outboxCounts(db: TandemDatabase): Promise<{ pending: number; failed: number }> {
  const [pending, failed] = await Promise.all([db.outbox.where('state').equals('pending').count(), db.outbox.where('state').equals('failed').count()]);
  return { pending, failed };
}

/** Writes the server refused for good; they stay so the agent can see and fix them. */
export async function failedWrites(db: TandemDatabase): Promise<OutboxRow[]> {
  return db.outbox.where('state').equals('failed').toArray();
}

/** Sends of one write the server failed on (a 500, or a mutation rejected as `internal`) before it is set aside as failed. */
export const MAX_PUSH_ATTEMPTS = 5;

/** Counted before sending, so an edit made while the push is in flight queues separately. Answers the rows as counted. */
export async function recordPushAttempts(db: TandemDatabase, rows: readonly OutboxRow[]): Promise<OutboxRow[]> {
  // Re-read in the same transaction that counts the attempt: an edit folded into a row after the batch
  // was read (writeLocal folds into rows never sent) is sent with it, not acknowledged unsent and lost.
  return db.transaction('rw', db.outbox, async () => {
    const fresh = await db.outbox.bulkGet(rows.flatMap((r) => (r.seq === undefined ? [] : [r.seq])));
    const counted = fresh.flatMap((r) => (r ? [{ ...r, attempts: r.attempts + 1 }] : []));
    await db.outbox.bulkUpdate(counted.flatMap((r) => (r.seq === undefined ? [] : [{ key: r.seq, changes: { attempts: r.attempts } }])));
    return counted;
  });
}

/**
 * Queues every failed write again (the agent asked). Their count of attempts restarts at one: they
 * were sent before, so a later edit of the same record still queues on its own rather than folding in.
 */
export async function retryFailedWrites(db: TandemDatabase): Promise<number> {
  return db.outbox.where('state').equals('failed').modify({ state: 'pending', attempts: 1, lastError: null });
}

/** Sets a write aside that the server refused for good. */
export async function markWriteFailed(db: TandemDatabase, row: OutboxRow, error: string): Promise<void> {
  if (row.seq !== undefined) await db.outbox.update(row.seq, { state: 'failed', lastError: error });
}
