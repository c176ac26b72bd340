import type { AttachmentRow, TandemDatabase } from './database';

/** Keeps a new screenshot with its case; the uploader sends it once the case is on the server. */
export async function saveAttachment(db: TandemDatabase, row: Omit<AttachmentRow, 'state' | 'uploadedAt' | 'attempts' | 'lastError'>): Promise<AttachmentRow> {
  const stored: AttachmentRow = { ...row, state: 'pending', uploadedAt: null, attempts: 0, lastError: null };
  await db.attachments.add(stored);
  return stored;
}

/** Keeps a screenshot fetched from the server (captured on another device) as already uploaded. */
export async function keepDownloadedAttachment(db: TandemDatabase, row: AttachmentRow): Promise<void> {
  await db.attachments.put(row);
}

/** A case's screenshots, oldest first. */
export async function attachmentsForCase(db: TandemDatabase, caseId: string): Promise<AttachmentRow[]> {
  return (await db.attachments.where('caseId').equals(caseId).toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Screenshots still waiting for the server, oldest first. */
export async function pendingAttachments(db: TandemDatabase): Promise<AttachmentRow[]> {
  return (await db.attachments.where('state').equals('pending').toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function countPendingAttachments(db: TandemDatabase): Promise<number> {
  return db.attachments.where('state').equals('pending').count();
}

/** Counted before sending, like outbox attempts, so a killed worker still shows it tried. */
export async function recordUploadAttempt(db: TandemDatabase, row: AttachmentRow): Promise<void> {
  await db.attachments.update(row.id, { attempts: row.attempts + 1 });
}

/** A failure worth retrying: the screenshot stays pending with the reason. */
export async function recordUploadError(db: TandemDatabase, id: string, error: string): Promise<void> {
  await db.attachments.update(id, { lastError: error });
}

/** Refused for good: kept on this device (the bytes exist nowhere else) but no longer sent. */
export async function markUploadFailed(db: TandemDatabase, id: string, reason: string): Promise<void> {
  await db.attachments.update(id, { state: 'failed', lastError: reason });
}

export async function markUploaded(db: TandemDatabase, id: string, at: Date): Promise<void> {
  await db.attachments.update(id, { state: 'uploaded', uploadedAt: at.toISOString(), lastError: null });
}
