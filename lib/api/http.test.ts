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

describe('a server that accepts the request and never answers', () => {
  /** A fetch that hangs until its signal fires, as a stalled server or a one-way network would; counts its calls. */
  function hangingFetch() {
    const calls: string[] = [];
    const fetch = (input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        calls.push(String(input));
        if (init?.signal?.aborted) reject(init.signal.reason);
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    return { fetch: fetch as typeof globalThis.fetch, calls };
  }

  it('gives up after the timeout, as offline, without a second try', async () => {
    const { fetch, calls } = hangingFetch();
    const http = createHttp({ baseUrl: 'https://tandem.example', fetch, timeoutMs: 20 });
    await expect(http.send({ path: '/sync/pull' })).rejects.toMatchObject({ code: 'offline', status: null });
    await expect(http.send({ path: '/sync/push', method: 'POST' })).rejects.toMatchObject({ code: 'offline' });
    expect(calls).toHaveLength(2);
  });

  it('ends every request of a cancelled client at once, as aborted, long before the timeout', async () => {
    const { fetch, calls } = hangingFetch();
    const cancel = new AbortController();
    const http = createHttp({ baseUrl: 'https://tandem.example', fetch, timeoutMs: 3_600_000, signal: cancel.signal });
    const pull = http.send({ path: '/sync/pull' }).catch((e: unknown) => e);
    const push = http.send({ path: '/sync/push', method: 'POST' }).catch((e: unknown) => e);
    cancel.abort();
    expect(await pull).toMatchObject({ code: 'aborted', status: null });
    expect(await push).toMatchObject({ code: 'aborted', status: null });
    // A cancelled GET is not retried either.
    expect(calls).toHaveLength(2);
    await expect(http.send({ path: '/sync/pull' })).rejects.toMatchObject({ code: 'aborted' });
  });
});
