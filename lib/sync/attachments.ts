import { ApiClientError, type ApiClient } from '../api/client';
import { pendingAttachments, type TandemDatabase } from '../db';
import { isRetryable } from './retry';

export type AttachmentTransport = Pick<ApiClient, 'uploadAttachment'>;

/** Whether the server has acknowledged the case: no create of it is left in the outbox (queued, in flight or refused). */
export async function caseAcknowledged(db: TandemDatabase, caseId: string): Promise<boolean> {
  const creates = await db.outbox
    .where('[entity+recordId]')
    .equals(['cases', caseId])
    .filter((row) => row.op === 'create')
    .count();
  return creates === 0;
}

/**
 * Uploads the screenshots waiting on this device, oldest first, each only once its case has
 * reached the server. The id never changes and the server answers a replay of the same bytes
 * with 200, so an upload interrupted anywhere is simply sent again. A refusal that cannot change
 * on retry (too large, wrong type, the case gone) marks the screenshot failed and keeps it here;
 * anything retryable (network, 5xx, 429) or a 401 is thrown for the engine's backoff and session
 * handling, leaving the rest for the next pass.
 */
export async function uploadAttachments(
  db: TandemDatabase,
  transport: AttachmentTransport,
  now: () => Date = () => new Date(),
): Promise<{ uploaded: number; waiting: number; failed: number }> {
  const counts = { uploaded: 0, waiting: 0, failed: 0 };
  for (const row of await pendingAttachments(db)) {
    if (!(await caseAcknowledged(db, row.caseId))) {
      counts.waiting++;
      continue;
    }
    // Counted before sending, like outbox attempts, so a killed worker still shows it tried.
    await db.attachments.update(row.id, { attempts: row.attempts + 1 });
    try {
      await transport.uploadAttachment(row.id, row.caseId, row.mime, row.bytes);
    } catch (error) {
      if (isRetryable(error) || (error instanceof ApiClientError && error.status === 401)) {
        await db.attachments.update(row.id, { lastError: error instanceof Error ? error.message : String(error) });
        throw error;
      }
      const reason = error instanceof ApiClientError ? `${error.message} (${error.code})` : String(error);
      await db.attachments.update(row.id, { state: 'failed', lastError: reason });
      counts.failed++;
      continue;
    }
    await db.attachments.update(row.id, { state: 'uploaded', uploadedAt: now().toISOString(), lastError: null });
    counts.uploaded++;
  }
  return counts;
}
