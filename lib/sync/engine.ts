import { ApiClientError, type ApiClient } from '../api/client';
import { applyChanges, getMeta, setMeta, toCachedCustomer, type OutboxRow, type TandemDatabase } from '../db';
import type { Change, Customer, MutationEnvelope, MutationResult } from '../schema';
import { nextBatch, recordsWithPendingWrites } from './outbox';
import { applyPatch } from './patch';
import { CURSOR_KEY } from './pull';

import { uploadAttachments, type AttachmentTransport } from './attachments';
import { isRetryable } from './retry';

export { isRetryable };

/** Pull and push, and (when the transport can) attachment uploads. */
export type SyncTransport = Pick<ApiClient, 'pull' | 'push'> & Partial<AttachmentTransport>;

function envelope(row: OutboxRow): MutationEnvelope {
  const base = { id: row.mutationId, entity: row.entity as MutationEnvelope['entity'], op: row.op, recordId: row.recordId };
  if (row.op === 'create') return { ...base, data: row.data };
  if (row.op === 'update') return { ...base, baseVersion: row.baseVersion ?? 0, patch: row.data };
  return { ...base, baseVersion: row.baseVersion ?? 0 };
}

function cacheable(change: Change): unknown {
  return change.entity === 'customers' ? toCachedCustomer(change.record as Customer) : change.record;
}

/**
 * Pushes the outbox and pulls by cursor. Every step is durable in Dexie, so a worker killed at
 * any await resumes correctly: a mutation sent but unanswered is sent again with the same id,
 * and the server answers a replay with the original result.
 */
export function createSyncEngine({
  db,
  transport,
  batchSize = 100,
  pageSize = 500,
  now = () => new Date(),
  onPulled,
}: {
  db: TandemDatabase;
  transport: SyncTransport;
  batchSize?: number;
  pageSize?: number;
  now?: () => Date;
  /** Told about each applied page (the knowledge index follows changes this way). */
  onPulled?: (changes: readonly Change[], cursor: number) => void;
}) {
  /** After the server stored a record: cache its version, then replay later local edits of it on top. */
  async function settle(row: OutboxRow, change: Change, replacedId: string | null): Promise<void> {
    const table = db.table(change.entity);
    await table.put(cacheable(change));
    if (replacedId && replacedId !== change.record.id) {
      // The server already had this capture under another id: point everything local at it.
      await table.delete(replacedId);
      await db.outbox.where('[entity+recordId]').equals([row.entity, replacedId]).modify({ recordId: change.record.id });
      await db.interactions.where('caseId').equals(replacedId).modify({ caseId: change.record.id });
      if (change.entity === 'cases') await db.attachments.where('caseId').equals(replacedId).modify({ caseId: change.record.id });
      for (const pending of await db.outbox.where('entity').equals('interactions').toArray()) {
        if (pending.data.caseId === replacedId && pending.seq !== undefined) await db.outbox.update(pending.seq, { data: { ...pending.data, caseId: change.record.id } });
      }
    }
    const later = await db.outbox.where('[entity+recordId]').equals([change.entity, change.record.id]).sortBy('seq');
    let local = change.record as unknown as Record<string, unknown>;
    for (const pending of later) {
      if (pending.seq === undefined || pending.mutationId === row.mutationId) continue;
      if (pending.op === 'update') local = applyPatch(local, pending.data);
      await db.outbox.update(pending.seq, { baseVersion: change.record.version });
    }
    if (local !== (change.record as unknown)) await table.put(change.entity === 'customers' ? toCachedCustomer(local as unknown as Customer) : local);
  }

  async function applyResult(row: OutboxRow, result: MutationResult): Promise<void> {
    if (row.seq === undefined) return;
    switch (result.status) {
      case 'applied':
        await db.outbox.delete(row.seq);
        await settle(row, result.change, null);
        return;
      case 'duplicate_source':
        await db.outbox.delete(row.seq);
        await settle(row, result.change, row.recordId);
        return;
      case 'conflict':
        // Nothing was applied; keep both versions for the agent, show the server's meanwhile.
        await db.outbox.delete(row.seq);
        await db.conflicts.put({ mutationId: row.mutationId, entity: row.entity, recordId: row.recordId, local: row.data, server: result.current.record, at: now().toISOString() });
        await settle(row, result.current, null);
        return;
      case 'rejected':
        await db.outbox.update(row.seq, { state: 'failed', lastError: `${result.message} (${result.code})` });
        return;
    }
  }

  async function pushRows(rows: OutboxRow[]): Promise<void> {
    // Counted before sending, so an edit made while this is in flight queues separately.
    await db.outbox.bulkUpdate(rows.flatMap((r) => (r.seq === undefined ? [] : [{ key: r.seq, changes: { attempts: r.attempts + 1 } }])));
    let results: MutationResult[];
    try {
      results = (await transport.push(rows.map(envelope))).results;
    } catch (error) {
      if (isRetryable(error) || (error instanceof ApiClientError && error.status === 401)) throw error;
      // The request as a whole was refused: find the one mutation at fault and set it aside.
      if (rows.length > 1) {
        for (const row of rows) await pushRows([row]);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      if (rows[0]?.seq !== undefined) await db.outbox.update(rows[0].seq, { state: 'failed', lastError: message });
      return;
    }
    // One result per mutation, in order; anything else is a server fault, retried later rather than looping.
    if (results.length !== rows.length || results.some((r, i) => r.mutationId !== rows[i]?.mutationId)) {
      throw new ApiClientError('bad_response', 'The server answered a push with results that do not match its mutations.', 502);
    }
    await db.transaction('rw', [db.outbox, db.conflicts, db.customers, db.cases, db.interactions, db.articles, db.snippets, db.broadcasts, db.attachments], async () => {
      for (const [i, result] of results.entries()) {
        const seq = rows[i]?.seq;
        // Re-read: the row may have been rebased by an earlier result in this batch.
        const fresh = seq === undefined ? undefined : await db.outbox.get(seq);
        if (fresh) await applyResult(fresh, result);
      }
    });
  }

  async function pushAll(): Promise<number> {
    let pushed = 0;
    for (;;) {
      const rows = await nextBatch(db, batchSize);
      if (rows.length === 0) return pushed;
      await pushRows(rows);
      pushed += rows.length;
    }
  }

  async function pullAll(): Promise<number> {
    let cursor = (await getMeta<number>(db, CURSOR_KEY)) ?? 0;
    let applied = 0;
    for (;;) {
      const page = await transport.pull(cursor, pageSize);
      if (page.cursor < cursor) throw new Error(`The server moved the sync cursor backwards (${cursor} → ${page.cursor}).`);
      // The page and the cursor that covers it are stored together, or not at all.
      await db.transaction('rw', [db.meta, db.outbox, db.customers, db.cases, db.interactions, db.articles, db.snippets, db.broadcasts], async () => {
        await applyChanges(db, page.changes, await recordsWithPendingWrites(db));
        await setMeta(db, CURSOR_KEY, page.cursor);
      });
      const moved = page.cursor !== cursor;
      cursor = page.cursor;
      applied += page.changes.length;
      if (page.changes.length > 0 || moved) onPulled?.(page.changes, page.cursor);
      if (!page.hasMore) return applied;
    }
  }

  /** Screenshots go up after the push, once their cases are acknowledged; none without an uploading transport. */
  async function uploadAll() {
    const upload = transport.uploadAttachment;
    if (!upload) return { uploaded: 0, waiting: 0, failed: 0 };
    return uploadAttachments(db, { uploadAttachment: upload }, now);
  }

  /**
   * Push first so the pull that follows already reflects the agent's own writes; then uploads, whose
   * cases the push has just acknowledged. A failed upload does not hold up the pull: its error is
   * thrown after it, so the caller's backoff retries it.
   */
  async function syncOnce(): Promise<{ pushed: number; pulled: number; uploaded: number }> {
    const pushed = await pushAll();
    let uploadError: unknown = null;
    const uploads = await uploadAll().catch((error: unknown) => {
      uploadError = error;
      return { uploaded: 0 };
    });
    const pulled = await pullAll();
    if (uploadError) throw uploadError;
    return { pushed, pulled, uploaded: uploads.uploaded };
  }

  return { pushAll, pullAll, uploadAll, syncOnce };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

/** Exponential backoff with full jitter: 2 s, 4 s, … up to 5 minutes. */
export function backoffDelay(failures: number, random: () => number = Math.random, baseMs = 2000, maxMs = 300_000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
