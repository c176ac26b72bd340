import { type AttachmentRow, attachmentsForCase, getCase, saveAttachment, type TandemDatabase } from '../db';
import { type Handlers, MessageError } from '../messaging/dispatch';
import { ATTACHMENT_MAX_BYTES, type LocalAttachmentSummary, type ViewportRect } from '../schema/attachments';
import { type EncodedScreenshot, toBase64 } from './screenshot';

export interface AttachmentHandlerDeps {
  db: TandemDatabase;
  /**
   * Takes the screenshot: the sender tab's visible area cropped to rect × devicePixelRatio
   * (entrypoints/background.ts, with tabs.captureVisibleTab). Absent where the browser cannot.
   */
  captureScreenshot?: (target: { tabId: number; windowId: number; rect: ViewportRect; devicePixelRatio: number }) => Promise<EncodedScreenshot>;
  /** Screenshots of a case captured on another device, fetched from the server. */
  fetchRemoteAttachments(caseId: string): Promise<AttachmentRow[]>;
  /** A screenshot was saved: the pages refresh and the sync uploads it. */
  savedLocally(): void;
  now: () => Date;
}

function summary(row: AttachmentRow): LocalAttachmentSummary {
  const { bytes: _bytes, state, uploadedAt: _at, attempts: _n, lastError, ...meta } = row;
  return { ...meta, uploaded: state === 'uploaded', error: state === 'failed' ? lastError : null };
}

const megabytes = (n: number) => (n / 1024 / 1024).toFixed(1);

/** Screenshots kept with captured cases: taken from the page that asks, listed for the side panel. */
export function createAttachmentHandlers(deps: AttachmentHandlerDeps): Pick<Handlers, 'capture.screenshot' | 'attachments.forCases'> {
  const { db } = deps;
  return {
    'capture.screenshot': async ({ caseId, rect, devicePixelRatio }, sender) => {
      const tabId = sender.tab?.id;
      const windowId = sender.tab?.windowId;
      if (tabId === undefined || windowId === undefined) throw new MessageError('invalid_sender', 'Screenshots are taken of the page that asks for them.');
      if (!deps.captureScreenshot) throw new MessageError('screenshot_unavailable', 'This browser cannot take screenshots for Tandem.');
      // Only a case this device holds: the one just captured (or found) from this page.
      const kase = await getCase(db, caseId);
      if (!kase) throw new MessageError('not_found', 'The case for this screenshot is not on this device.');
      const shot = await deps.captureScreenshot({ tabId, windowId, rect, devicePixelRatio });
      if (shot.bytes.byteLength > ATTACHMENT_MAX_BYTES) {
        throw new MessageError(
          'screenshot_too_large',
          `The screenshot is ${megabytes(shot.bytes.byteLength)} MB, more than the ${megabytes(ATTACHMENT_MAX_BYTES)} MB the server accepts, so it was not attached. The case was captured without it.`,
        );
      }
      const row = await saveAttachment(db, {
        id: crypto.randomUUID(),
        caseId: kase.id,
        kind: 'screenshot',
        mime: shot.mime,
        width: shot.width,
        height: shot.height,
        size: shot.bytes.byteLength,
        bytes: shot.bytes,
        createdAt: deps.now().toISOString(),
      });
      deps.savedLocally();
      return summary(row);
    },
    'attachments.forCases': async ({ caseIds }) => {
      const attachments = [];
      for (const caseId of new Set(caseIds)) {
        const local = await attachmentsForCase(db, caseId);
        const rows = local.length > 0 ? local : await deps.fetchRemoteAttachments(caseId);
        for (const row of rows) attachments.push({ ...summary(row), base64: toBase64(row.bytes) });
      }
      return { attachments };
    },
  };
}
