import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { type AttachmentRow, applyChanges, pendingAttachments } from '../db';
import { customer, kase, useTestDatabase } from '../db/test-fixtures';
import { ATTACHMENT_MAX_BYTES } from '../schema/attachments';
import { createAttachmentHandlers } from './attachment-handlers';
import type { EncodedScreenshot } from './screenshot';

const db = useTestDatabase();
const fromTab = { tab: { id: 7, windowId: 1 } };
const rect = { x: 0, y: 0, width: 40, height: 20 };

function shot(bytes = new Uint8Array([1, 2, 3]).buffer): EncodedScreenshot {
  return { bytes, mime: 'image/webp', width: 40, height: 20 };
}

async function setup({ taken = shot(), remote = [] as AttachmentRow[], canCapture = true } = {}) {
  await applyChanges(db(), [
    { entity: 'customers', seq: 1, record: customer('c-jane') },
    { entity: 'cases', seq: 2, record: kase('k-1', 'c-jane') },
    { entity: 'cases', seq: 3, record: kase('k-elsewhere', 'c-jane') },
  ]);
  const deps = {
    captureScreenshot: vi.fn(async () => taken),
    fetchRemoteAttachments: vi.fn(async () => remote),
    savedLocally: vi.fn(),
  };
  const handlers = createAttachmentHandlers({
    db: db(),
    now: () => new Date('2026-11-20T09:00:00.000Z'),
    ...deps,
    ...(canCapture ? {} : { captureScreenshot: undefined }),
  });
  return { handlers, ...deps };
}

describe('capture.screenshot', () => {
  it('keeps the sender tab’s screenshot with the case, waiting to upload, and has the sync send it', async () => {
    const { handlers, captureScreenshot, savedLocally } = await setup();
    const summary = await handlers['capture.screenshot']({ caseId: 'k-1', rect, devicePixelRatio: 2 }, fromTab);
    expect(captureScreenshot).toHaveBeenCalledWith({ tabId: 7, windowId: 1, rect, devicePixelRatio: 2 });
    expect(summary).toMatchObject({ caseId: 'k-1', mime: 'image/webp', size: 3, uploaded: false, error: null });
    expect(summary).not.toHaveProperty('bytes');
    expect((await pendingAttachments(db())).map((r) => r.id)).toEqual([summary.id]);
    expect(savedLocally).toHaveBeenCalledOnce();
  });

  it('refuses a screenshot larger than the server accepts, and keeps nothing', async () => {
    const { handlers } = await setup({ taken: shot(new ArrayBuffer(ATTACHMENT_MAX_BYTES + 1)) });
    await expect(handlers['capture.screenshot']({ caseId: 'k-1', rect, devicePixelRatio: 1 }, fromTab)).rejects.toMatchObject({ code: 'screenshot_too_large' });
    expect(await db().attachments.count()).toBe(0);
  });

  it('refuses a case this device does not hold, a sender without a tab, and a browser that cannot', async () => {
    const { handlers, captureScreenshot } = await setup();
    await expect(handlers['capture.screenshot']({ caseId: 'k-unknown', rect, devicePixelRatio: 1 }, fromTab)).rejects.toMatchObject({ code: 'not_found' });
    await expect(handlers['capture.screenshot']({ caseId: 'k-1', rect, devicePixelRatio: 1 }, {})).rejects.toMatchObject({ code: 'invalid_sender' });
    expect(captureScreenshot).not.toHaveBeenCalled();
    const { handlers: without } = await setup({ canCapture: false });
    await expect(without['capture.screenshot']({ caseId: 'k-1', rect, devicePixelRatio: 1 }, fromTab)).rejects.toMatchObject({
      code: 'screenshot_unavailable',
    });
  });
});

describe('attachments.forCases', () => {
  it('answers this device’s screenshots with their bytes, and asks the server only for cases without any', async () => {
    const remote: AttachmentRow = {
      id: 'shot-remote',
      caseId: 'k-elsewhere',
      kind: 'screenshot',
      mime: 'image/png',
      width: 1,
      height: 1,
      size: 2,
      bytes: new Uint8Array([9, 9]).buffer,
      createdAt: '2026-11-20T08:00:00.000Z',
      uploadedAt: '2026-11-20T08:00:00.000Z',
      state: 'uploaded',
      attempts: 0,
      lastError: null,
    };
    const { handlers, fetchRemoteAttachments } = await setup({ remote: [remote] });
    const local = await handlers['capture.screenshot']({ caseId: 'k-1', rect, devicePixelRatio: 1 }, fromTab);
    const { attachments } = await handlers['attachments.forCases']({ caseIds: ['k-1', 'k-elsewhere', 'k-1'] }, {});
    expect(attachments.map((a) => [a.id, a.base64, a.uploaded])).toEqual([
      [local.id, 'AQID', false],
      ['shot-remote', 'CQk=', true],
    ]);
    expect(fetchRemoteAttachments).toHaveBeenCalledExactlyOnceWith('k-elsewhere');
  });
});
