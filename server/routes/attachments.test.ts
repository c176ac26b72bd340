import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES, AttachmentUploadResponse, CaseAttachmentsResponse } from '../../lib/schema/attachments';
import { imageInfo } from '../attachments/image';
import { makePng } from '../attachments/test-images';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, ENGINES, expectError, expectOk } from '../testing';

describe.each(ENGINES)('attachments on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK });
  let careAgent: string;
  let billingAgent: string;
  let careCase: string;
  let billingCase: string;

  const put = (
    id: string,
    token: string | undefined,
    body: Uint8Array<ArrayBuffer>,
    { caseId = careCase, type = 'image/png', length }: { caseId?: string; type?: string; length?: number } = {},
  ) =>
    api.request(`/attachments/${id}?caseId=${encodeURIComponent(caseId)}`, {
      method: 'PUT',
      headers: {
        'Content-Type': type,
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(length === undefined ? {} : { 'Content-Length': String(length) }),
      },
      body,
    });
  const upload = async (id: string, body: Uint8Array<ArrayBuffer>, status: number, opts: Parameters<typeof put>[3] = {}) =>
    expectOk(await put(id, careAgent, body, opts), AttachmentUploadResponse, status);

  beforeAll(async () => {
    careAgent = await api.signIn('agent@tandem.demo');
    billingAgent = await api.signIn('billing@tandem.demo');
    const first = async (team: string) =>
      (await db().query<{ id: string }>('select id from cases where team_id = $1 and not deleted order by id limit 1', [team])).rows[0]!.id;
    careCase = await first('team-care');
    billingCase = await first('team-billing');
  });

  it('stores an image once, answers a replay of the same id and bytes with 200, and serves it back', async () => {
    const id = randomUUID();
    const png = makePng(40, 24);
    const created = await upload(id, png, 201);
    expect(created).toMatchObject({
      replayed: false,
      attachment: { id, caseId: careCase, kind: 'screenshot', mime: 'image/png', width: 40, height: 24, size: png.length },
    });
    const replay = await upload(id, png, 200);
    expect(replay).toEqual({ ...created, replayed: true });
    const count = await db().query<{ n: number | string }>('select count(*) as n from attachments where id = $1', [id]);
    expect(Number(count.rows[0]!.n)).toBe(1);

    const res = await api.request(`/attachments/${id}`, { headers: { Authorization: `Bearer ${careAgent}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const served = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(served).equals(Buffer.from(png))).toBe(true);
    expect(imageInfo(served)).toEqual({ mime: 'image/png', width: 40, height: 24 });

    const list = await expectOk(await api.get(`/cases/${careCase}/attachments`, careAgent), CaseAttachmentsResponse);
    expect(list.attachments.map((a) => a.id)).toContain(id);
  });

  it('refuses the same id with other bytes or for another case (409)', async () => {
    const id = randomUUID();
    await upload(id, makePng(10, 10, { seed: 1 }), 201);
    await expectError(await put(id, careAgent, makePng(10, 10, { seed: 2 })), 409, 'conflict');
    const otherCareCase = (
      await db().query<{ id: string }>("select id from cases where team_id = 'team-care' and id <> $1 and not deleted limit 1", [careCase])
    ).rows[0]!.id;
    await expectError(await put(id, careAgent, makePng(10, 10, { seed: 1 }), { caseId: otherCareCase }), 409, 'conflict');
  });

  it('refuses bodies over the limit with 413, whether or not they declare their length', async () => {
    const big = makePng(900, 800, { noise: true });
    expect(big.length).toBeGreaterThan(ATTACHMENT_MAX_BYTES);
    const body = await expectError(await put(randomUUID(), careAgent, big, { length: big.length }), 413, 'payload_too_large');
    expect(body.error.details).toEqual({ max: ATTACHMENT_MAX_BYTES });
    // Streamed without a length: counted as it arrives.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < big.length; at += 256 * 1024) controller.enqueue(big.subarray(at, at + 256 * 1024));
        controller.close();
      },
    });
    const res = await api.request(`/attachments/${randomUUID()}?caseId=${careCase}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${careAgent}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectError(res, 413, 'payload_too_large');
    // A 1.5 MB image is fine here although JSON bodies stop at 1 MB.
    const large = makePng(700, 700, { noise: true });
    expect(large.length).toBeGreaterThan(1024 * 1024);
    await upload(randomUUID(), large, 201);
  });

  it('refuses other types and bodies that are not the declared image (415)', async () => {
    await expectError(await put(randomUUID(), careAgent, makePng(5, 5), { type: 'image/gif' }), 415, 'unsupported_media_type');
    await expectError(await put(randomUUID(), careAgent, new TextEncoder().encode('<svg/>'), { type: 'image/svg+xml' }), 415, 'unsupported_media_type');
    await expectError(await put(randomUUID(), careAgent, makePng(5, 5), { type: 'image/webp' }), 415, 'unsupported_media_type');
    await expectError(
      await put(randomUUID(), careAgent, new TextEncoder().encode('not an image at all'), { type: 'image/png' }),
      415,
      'unsupported_media_type',
    );
  });

  it('refuses a small file that declares a huge image (400), before anything is stored', async () => {
    const pngHeader = Buffer.from(makePng(1, 1).subarray(0, 33));
    pngHeader.writeUInt32BE(2 ** 31, 16); // width past an int4 column
    const webp = Buffer.alloc(30);
    webp.write('RIFF', 0, 'ascii');
    webp.write('WEBPVP8X', 8, 'ascii');
    webp.writeUIntLE(0xffffff, 24, 3); // 16777216 × 16777216
    webp.writeUIntLE(0xffffff, 27, 3);
    const wide = Buffer.from(makePng(1, 1));
    wide.writeUInt32BE(20_000, 16); // one side over the limit (the CRC is not checked)
    for (const [bytes, type] of [
      [pngHeader, 'image/png'],
      [webp, 'image/webp'],
      [wide, 'image/png'],
    ] as const) {
      const id = randomUUID();
      await expectError(await put(id, careAgent, Uint8Array.from(bytes), { type }), 400, 'invalid_request');
      expect((await db().query('select 1 from attachments where id = $1', [id])).rows).toHaveLength(0);
    }
  });

  it('needs a token (401), hides other teams’ cases and attachments (404) and refuses their ids (403)', async () => {
    await expectError(await put(randomUUID(), undefined, makePng(5, 5)), 401, 'unauthorized');
    await expectError(await api.request(`/attachments/${randomUUID()}`), 401, 'unauthorized');
    await expectError(await api.get(`/cases/${careCase}/attachments`), 401, 'unauthorized');

    // A case of another team is answered like one that does not exist.
    await expectError(await put(randomUUID(), careAgent, makePng(5, 5), { caseId: billingCase }), 404, 'not_found');
    await expectError(await put(randomUUID(), careAgent, makePng(5, 5), { caseId: 'case-nope' }), 404, 'not_found');
    await expectError(await api.get(`/cases/${billingCase}/attachments`, careAgent), 404, 'not_found');

    const id = randomUUID();
    await upload(id, makePng(6, 6), 201);
    await expectError(await api.get(`/attachments/${id}`, billingAgent), 404, 'not_found');
    // The billing agent cannot take over (or overwrite) an id that holds another team's screenshot.
    const billingPut = await put(id, billingAgent, makePng(6, 6), { caseId: billingCase });
    await expectError(billingPut, 403, 'forbidden');
    await expectError(await put('not-a-uuid', careAgent, makePng(5, 5)), 400, 'invalid_request');
    await expectError(
      await api.request(`/attachments/${randomUUID()}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${careAgent}`, 'Content-Type': 'image/png' },
        body: makePng(5, 5),
      }),
      400,
      'invalid_request',
    );
  });
});
