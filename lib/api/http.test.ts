import { describe, expect, it } from 'vitest';
import { ApiClientError, createHttp, parseRetryAfter } from './http';

const NOW = Date.parse('2026-11-20T09:00:00.000Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates as milliseconds from now', () => {
    expect(parseRetryAfter('5', NOW)).toBe(5000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 09:00:30 GMT', NOW)).toBe(30_000);
  });

  it('keeps the wait between 1 s and 10 minutes', () => {
    expect(parseRetryAfter('0', NOW)).toBe(1000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 08:00:00 GMT', NOW)).toBe(1000);
    expect(parseRetryAfter('86400', NOW)).toBe(600_000);
  });

  it('ignores an absent or unreadable header', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('-3', NOW)).toBeNull();
  });
});

describe('an error answer', () => {
  const answering = (response: Response) => createHttp({ baseUrl: 'https://tandem.example', fetch: async () => response });

  it('carries the server’s Retry-After', async () => {
    const http = answering(
      new Response(JSON.stringify({ error: { code: 'unavailable', message: 'The database is unavailable.' } }), {
        status: 503,
        headers: { 'retry-after': '7' },
      }),
    );
    const error = await http.send({ path: '/sync/pull' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({ code: 'unavailable', status: 503, retryAfterMs: 7000 });
  });

  it('carries it on an answer without an error body too, and null when there is none', async () => {
    const bare = await answering(new Response('busy', { status: 429, headers: { 'retry-after': '2' } }))
      .send({ path: '/sync/push', method: 'POST' })
      .catch((e: unknown) => e);
    expect(bare).toMatchObject({ code: 'http_error', status: 429, retryAfterMs: 2000 });
    const without = await answering(new Response('oops', { status: 500 }))
      .send({ path: '/sync/pull' })
      .catch((e: unknown) => e);
    expect(without).toMatchObject({ retryAfterMs: null });
  });
});
