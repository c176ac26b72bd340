import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PullResponse } from '../../lib/schema/api';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, ENGINES } from '../testing';
import { acceptsGzip, encodePullPage, GZIP_MIN_BYTES, isLoopback } from './pull-encoding';

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br, zstd', true],
    ['deflate, gzip;q=0.5', true],
    ['GZIP', true],
    ['*', true],
    ['br, *;q=0.1', true],
    ['gzip;q=0', false],
    ['*;q=0', false],
    ['br, deflate', false],
    ['identity', false],
    ['', false],
    [undefined, false],
  ])('%j → %s', (header, accepted) => {
    expect(acceptsGzip(header)).toBe(accepted);
  });
});

describe('encodePullPage', () => {
  const page = JSON.stringify({ changes: Array.from({ length: 1000 }, (_, i) => ({ entity: 'customers', seq: i, record: { id: `c-${i}` } })) });

  it('is larger than the size under which nothing is gzipped', () => expect(page.length).toBeGreaterThan(GZIP_MIN_BYTES));

  it.each(['127.0.0.1', '127.8.0.3', '::1', '::ffff:127.0.0.1'])('sends text to a loopback peer (%s) even when it accepts gzip', (peer) => {
    expect(isLoopback(peer)).toBe(true);
    expect(encodePullPage(page, { acceptEncoding: 'gzip', peer }).body).toBe(page);
  });

  it('gzips for a peer across a network that accepts it', () => {
    const { body, headers } = encodePullPage(page, { acceptEncoding: 'gzip', peer: '10.1.2.3' });
    expect(headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(body as Uint8Array).toString('utf8')).toBe(page);
  });
});

describe.each(ENGINES)('the pull page on the wire on %s', (engine) => {
  const { api, app } = appForSuite(engine, { now: () => DEMO_CLOCK });
  const pull = (path: string, token: string, acceptEncoding?: string) =>
    api.request(path, { headers: { authorization: `Bearer ${token}`, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } });

  it('is gzipped for a client that accepts gzip, and inflates to the text a client that does not gets', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const plain = await pull('/sync/pull?cursor=0&limit=200', token);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(GZIP_MIN_BYTES);

    const zipped = await pull('/sync/pull?cursor=0&limit=200', token, 'gzip, deflate, br');
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('content-type')).toMatch(/^application\/json/);
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(text.length / 2);
    const inflated = gunzipSync(bytes).toString('utf8');
    // The same page, read the same way.
    expect(PullResponse.parse(JSON.parse(inflated))).toEqual(PullResponse.parse(JSON.parse(text)));
  });

  it('is sent as text to a client on the same machine, as @hono/node-server reports its socket', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const request = (remoteAddress: string) =>
      app().request(
        '/sync/pull?cursor=0&limit=200',
        { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } },
        {
          incoming: { socket: { remoteAddress } },
        },
      );
    const local = await request('127.0.0.1');
    expect(local.headers.get('content-encoding')).toBeNull();
    expect(PullResponse.parse(await local.json()).changes).toHaveLength(200);
    expect((await request('203.0.113.9')).headers.get('content-encoding')).toBe('gzip');
  });

  it('is sent as text when small, whatever the client accepts', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const res = await pull('/sync/pull?cursor=0&limit=1', token, 'gzip');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(PullResponse.parse(await res.json()).changes).toHaveLength(1);
  });

  it('is sent as text to a client that refuses gzip', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const res = await pull('/sync/pull?cursor=0&limit=200', token, 'br, gzip;q=0');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(PullResponse.parse(await res.json()).changes).toHaveLength(200);
  });
});
