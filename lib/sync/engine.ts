import { type ApiClient, ApiClientError } from '../api/client';
import { applyPulledPage, applyPushResults, markWriteFailed, nextBatch, type OutboxRow, recordPushAttempts, syncCursor, type TandemDatabase } from '../db';
import type { Change, MutationEnvelope, MutationResult } from '../schema';
import { type AttachmentTransport, uploadAttachments } from './attachments';
import { endsSyncPass } from './retry';

/** Pull and push, and (when the transport can) attachment uploads. */
export type SyncTransport = Pick<ApiClient, 'pull' | 'push'> & Partial<AttachmentTransport>;

function envelope(row: OutboxRow): MutationEnvelope {
  const base = { id: row.mutationId, entity: row.entity as MutationEnvelope['entity'], op: row.op, recordId: row.recordId };
  if (row.op === 'create') return { ...base, data: row.data };
  if (row.op === 'update') return { ...base, baseVersion: row.baseVersion ?? 0, patch: row.data };
  return { ...base, baseVersion: row.baseVersion ?? 0 };
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
  async function pushRows(rows: OutboxRow[]): Promise<void> {
    await recordPushAttempts(db, rows);
    let results: MutationResult[];
    try {
      results = (await transport.push(rows.map(envelope))).results;
    } catch (error) {
      if (endsSyncPass(error)) throw error;
      // The request as a whole was refused: find the one mutation at fault and set it aside.
      if (rows.length > 1) {
        for (const row of rows) await pushRows([row]);
        return;
      }
      if (rows[0]) await markWriteFailed(db, rows[0], error instanceof Error ? error.message : String(error));
      return;
    }
    // One result per mutation, in order; anything else is a server fault, retried later rather than looping.
    if (results.length !== rows.length || results.some((r, i) => r.mutationId !== rows[i]?.mutationId)) {
      throw new ApiClientError('bad_response', 'The server answered a push with results that do not match its mutations.', 502);
    }
    await applyPushResults(db, rows, results, now);
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
    let cursor = await syncCursor(db);
    let applied = 0;
    for (;;) {
      const page = await transport.pull(cursor, pageSize);
      if (page.cursor < cursor) throw new Error(`The server moved the sync cursor backwards (${cursor} → ${page.cursor}).`);
      await applyPulledPage(db, page.changes, page.cursor);
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
