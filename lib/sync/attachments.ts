import { type ApiClient, ApiClientError } from '../api/client';
import { caseAcknowledged, markUploaded, markUploadFailed, pendingAttachments, recordUploadAttempt, recordUploadError, type TandemDatabase } from '../db';
import { endsSyncPass } from './retry';

export type AttachmentTransport = Pick<ApiClient, 'uploadAttachment'>;

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
    await recordUploadAttempt(db, row);
    try {
      await transport.uploadAttachment(row.id, row.caseId, row.mime, row.bytes);
    } catch (error) {
      if (endsSyncPass(error)) {
        await recordUploadError(db, row.id, error instanceof Error ? error.message : String(error));
        throw error;
      }
      const reason = error instanceof ApiClientError ? `${error.message} (${error.code})` : String(error);
      await markUploadFailed(db, row.id, reason);
      counts.failed++;
      continue;
    }
    await markUploaded(db, row.id, now());
    counts.uploaded++;
  }
  return counts;
}
