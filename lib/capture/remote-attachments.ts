import type { ApiClient } from '../api/client';
import { type AttachmentRow, caseAcknowledged, getCase, keepDownloadedAttachment, type TandemDatabase } from '../db';
import { ATTACHMENT_MAX_BYTES, AttachmentMime } from '../schema/attachments';

/** How long a case's server-side screenshots count as looked up (the side panel refreshes often; the list rarely changes). */
const REMOTE_CHECK_MS = 60_000;
/** At most this many screenshots of one case are fetched. */
const MAX_FETCHED = 5;

export interface RemoteAttachmentDeps {
  db: TandemDatabase;
  signedInApi(): Promise<Pick<ApiClient, 'caseAttachments' | 'attachmentBytes'> | null>;
  now: () => Date;
}

/**
 * Screenshots of a case captured on another device: listed and fetched from the server, then kept
 * here. Only for a case this device holds and the server has acknowledged; at most once a minute per case.
 */
export function createRemoteAttachmentFetcher({ db, signedInApi, now }: RemoteAttachmentDeps) {
  const checkedAt = new Map<string, number>();

  return async function fetchRemoteAttachments(caseId: string): Promise<AttachmentRow[]> {
    const last = checkedAt.get(caseId);
    if (last !== undefined && now().getTime() - last < REMOTE_CHECK_MS) return [];
    const api = await signedInApi();
    if (!api || !(await getCase(db, caseId)) || !(await caseAcknowledged(db, caseId))) return [];
    checkedAt.set(caseId, now().getTime());
    const rows: AttachmentRow[] = [];
    try {
      const { attachments } = await api.caseAttachments(caseId);
      for (const meta of attachments.slice(0, MAX_FETCHED)) {
        const { mime, bytes } = await api.attachmentBytes(meta.id);
        const type = AttachmentMime.safeParse(mime);
        if (!type.success || bytes.byteLength === 0 || bytes.byteLength > ATTACHMENT_MAX_BYTES) continue;
        const row: AttachmentRow = {
          ...meta,
          mime: type.data,
          size: bytes.byteLength,
          bytes,
          uploadedAt: meta.createdAt,
          state: 'uploaded',
          attempts: 0,
          lastError: null,
        };
        await keepDownloadedAttachment(db, row);
        rows.push(row);
      }
    } catch {
      // Offline or refused: the side panel simply shows no thumbnail this time.
      checkedAt.delete(caseId);
    }
    return rows;
  };
}
