import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { makePng } from '../../server/attachments/test-images';
import type { Db } from '../../server/db/database';
import { seededDb } from '../../server/testing';
import { ApiClientError, createApiClient } from '../api/client';
import { caseAcknowledged, saveAttachment, TandemDatabase, writeLocal } from '../db';
import type { Case } from '../schema';
import { ATTACHMENT_MAX_BYTES } from '../schema/attachments';
import { uploadAttachments } from './attachments';
import { createSyncEngine } from './engine';

const BASE = 'http://tandem.test';
let serverDb: Db;
let app: ReturnType<typeof createApp>;
let token: string;

beforeAll(async () => {
  serverDb = await seededDb();
  app = createApp({ db: serverDb });
  const res = await app.request('/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'agent@tandem.demo', password: 'tandem-demo' }),
  });
  token = ((await res.json()) as { token: string }).token;
}, 60_000);
afterAll(async () => {
  await serverDb?.close();
});

/** The network between the engine and the server: counts uploads and can fail them before or after the server handled them. */
function network() {
  const state = { uploads: 0, failUploads: null as null | 'before' | 'after' | 'status503', offline: false };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (state.offline) throw new TypeError('network down');
    const upload = request.method === 'PUT' && new URL(request.url).pathname.startsWith('/attachments/');
    if (upload) {
      state.uploads++;
      if (state.failUploads === 'before') throw new TypeError('connection refused');
      if (state.failUploads === 'status503') return new Response(JSON.stringify({ error: { code: 'unavailable', message: 'Try later' } }), { status: 503 });
    }
    const response = await app.fetch(request);
    if (upload && state.failUploads === 'after') throw new TypeError('connection reset after the server stored it');
    return response;
  };
  return { state, api: createApiClient({ baseUrl: BASE, token, fetch }) };
}

async function serverRows(id: string): Promise<number> {
  const { rows } = await serverDb.query<{ n: number | string }>('select count(*) as n from attachments where id = $1', [id]);
  return Number(rows[0]!.n);
}

let db: TandemDatabase;
let n = 0;
beforeEach(() => {
  db = new TandemDatabase(`uploads-${n++}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** A case captured on this device (queued in the outbox) with a screenshot kept beside it. */
async function captureWithScreenshot(bytes: Uint8Array = makePng(30, 20)): Promise<{ caseId: string; attachmentId: string }> {
  const at = new Date().toISOString();
  const kase: Case = {
    id: `case-${randomUUID()}`,
    version: 0,
    updatedAt: at,
    deleted: false,
    teamId: 'team-care',
    customerId: 'cust-jane-doe',
    subject: 'Screenshot test',
    status: 'new',
    priority: 'normal',
    channel: 'twitter',
    slaDueAt: null,
    assigneeId: null,
    tags: [],
    source: { url: null, site: 'x', externalId: randomUUID(), pageTitle: null },
    createdAt: at,
  };
  await writeLocal(db, [{ entity: 'cases', op: 'create', record: kase }]);
  const attachmentId = randomUUID();
  const buffer = bytes.slice().buffer;
  await saveAttachment(db, {
    id: attachmentId,
    caseId: kase.id,
    kind: 'screenshot',
    mime: 'image/png',
    width: 30,
    height: 20,
    size: buffer.byteLength,
    bytes: buffer,
    createdAt: at,
  });
  return { caseId: kase.id, attachmentId };
}

describe('uploadAttachments', () => {
  it('waits until the case’s create is acknowledged, then uploads once and marks the screenshot uploaded', async () => {
    const { state, api } = network();
    const { caseId, attachmentId } = await captureWithScreenshot();
    expect(await caseAcknowledged(db, caseId)).toBe(false);
    expect(await uploadAttachments(db, api)).toEqual({ uploaded: 0, waiting: 1, failed: 0 });
    expect(state.uploads).toBe(0);

    const engine = createSyncEngine({ db, transport: api });
    const result = await engine.syncOnce();
    expect(result).toMatchObject({ pushed: 1, uploaded: 1 });
    expect(await caseAcknowledged(db, caseId)).toBe(true);
    expect(state.uploads).toBe(1);
    expect(await serverRows(attachmentId)).toBe(1);
    const row = await db.attachments.get(attachmentId);
    expect(row).toMatchObject({ state: 'uploaded', attempts: 1, lastError: null });
    expect(row?.uploadedAt).not.toBeNull();

    // Nothing left to send: later syncs do not upload again.
    await engine.syncOnce();
    expect(state.uploads).toBe(1);
  });

  it('keeps a failed upload pending and throws it for the backoff, after the pull; the retry delivers it', async () => {
    const { state, api } = network();
    const { attachmentId } = await captureWithScreenshot();
    const engine = createSyncEngine({ db, transport: api });
    state.failUploads = 'status503';
    await expect(engine.syncOnce()).rejects.toMatchObject({ status: 503 });
    expect(await db.attachments.get(attachmentId)).toMatchObject({ state: 'pending', attempts: 1, uploadedAt: null });
    state.failUploads = 'before';
    await expect(engine.syncOnce()).rejects.toBeInstanceOf(ApiClientError);
    expect(await serverRows(attachmentId)).toBe(0);

    state.failUploads = null;
    await engine.syncOnce();
    expect(await db.attachments.get(attachmentId)).toMatchObject({ state: 'uploaded', attempts: 3 });
    expect(await serverRows(attachmentId)).toBe(1);
  });

  it('is idempotent: an upload whose answer was lost is sent again with the same id and stored once', async () => {
    const { state, api } = network();
    const { attachmentId } = await captureWithScreenshot();
    const engine = createSyncEngine({ db, transport: api });
    state.failUploads = 'after';
    await expect(engine.syncOnce()).rejects.toBeInstanceOf(ApiClientError);
    // The server has it, this device does not know yet.
    expect(await serverRows(attachmentId)).toBe(1);
    expect((await db.attachments.get(attachmentId))?.state).toBe('pending');

    state.failUploads = null;
    await engine.syncOnce();
    expect(state.uploads).toBe(2);
    expect(await serverRows(attachmentId)).toBe(1);
    expect((await db.attachments.get(attachmentId))?.state).toBe('uploaded');
  });

  it('sets aside a screenshot the server refuses for good, keeps its bytes and carries on with the others', async () => {
    const { state, api } = network();
    const big = makePng(900, 800, { noise: true });
    expect(big.length).toBeGreaterThan(ATTACHMENT_MAX_BYTES);
    const refused = await captureWithScreenshot(big);
    const fine = await captureWithScreenshot();
    const engine = createSyncEngine({ db, transport: api });
    await engine.syncOnce();
    const row = await db.attachments.get(refused.attachmentId);
    expect(row).toMatchObject({ state: 'failed', uploadedAt: null });
    expect(row?.lastError).toContain('payload_too_large');
    expect(row?.bytes.byteLength).toBe(big.length);
    expect((await db.attachments.get(fine.attachmentId))?.state).toBe('uploaded');
    const before = state.uploads;
    await engine.syncOnce();
    expect(state.uploads).toBe(before);
  });

  it('waits while offline, with the case still in the outbox, and delivers both after reconnecting', async () => {
    const { state, api } = network();
    const { caseId, attachmentId } = await captureWithScreenshot();
    const engine = createSyncEngine({ db, transport: api });
    state.offline = true;
    await expect(engine.syncOnce()).rejects.toBeInstanceOf(ApiClientError);
    expect(await caseAcknowledged(db, caseId)).toBe(false);
    expect(state.uploads).toBe(0);
    state.offline = false;
    await engine.syncOnce();
    expect(await serverRows(attachmentId)).toBe(1);
    const { rows } = await serverDb.query<{ case_id: string }>('select case_id from attachments where id = $1', [attachmentId]);
    expect(rows[0]?.case_id).toBe(caseId);
  });
});
