import { describe, expect, it, vi } from 'vitest';
import { dispatch, type Handlers } from '../messaging/dispatch';
import type { Article } from '../schema';
import { createManagerHandlers } from './background';

const article: Article = {
  id: 'art-1',
  version: 2,
  updatedAt: '2026-11-20T09:00:00.000Z',
  deleted: false,
  title: 'Roaming',
  body: '# Roaming',
  summary: '',
  url: null,
  tags: [],
  language: 'en',
  status: 'draft',
  targeting: { teamIds: ['team-care'], sites: [], tags: [] },
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function setup(answer: (url: string, init: RequestInit) => Response, signedIn = true) {
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => answer(String(url), init ?? {}));
  const handlers = createManagerHandlers({
    credentials: async () => (signedIn ? { baseUrl: 'http://127.0.0.1:8787/', token: 'tok' } : null),
    fetch: fetch as unknown as typeof globalThis.fetch,
  });
  return { handlers, fetch };
}

describe('manager proxy', () => {
  it('calls the manager route with the bearer token and an encoded path and query', async () => {
    const { handlers, fetch } = setup(() => json(200, { kind: 'articles', items: [article], total: 1, limit: 25, offset: 0 }));
    const list = await handlers['manager.list']({ kind: 'articles', query: { limit: 25, offset: 0, q: 'roam & go' } }, {});
    expect(list.items[0]?.id).toBe('art-1');
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:8787/manager/articles?limit=25&offset=0&q=roam+%26+go');
    expect((init?.headers as Record<string, string>).authorization).toBe('Bearer tok');
    await handlers['manager.get']({ kind: 'articles', id: '../auth/me' }, {}).catch(() => undefined);
    expect(fetch.mock.calls[1]![0]).toBe('http://127.0.0.1:8787/manager/articles/..%2Fauth%2Fme');
  });

  it("passes the server's refusal through with its code (an agent gets forbidden)", async () => {
    const { handlers } = setup(() => json(403, { error: { code: 'forbidden', message: 'This needs the manager or admin role; you are signed in as an agent.' } }));
    await expect(handlers['manager.teams']({}, {})).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('agent') });
  });

  it('answers a stale save with the stored version instead of failing', async () => {
    const stored = { kind: 'articles', record: { ...article, version: 3, title: 'Roaming (theirs)' } };
    const { handlers } = setup(() => json(409, { error: { code: 'conflict', message: 'Someone saved first.', details: { current: stored } } }));
    const result = await handlers['manager.edit']({ kind: 'articles', id: 'art-1', body: { baseVersion: 2, patch: { title: 'Mine' } } }, {});
    expect(result).toMatchObject({ outcome: 'conflict', current: { record: { version: 3, title: 'Roaming (theirs)' } } });
  });

  it('refuses when signed out, and when the server answers nonsense', async () => {
    await expect(setup(() => json(200, {}), false).handlers['manager.teams']({}, {})).rejects.toMatchObject({ code: 'signed_out' });
    await expect(setup(() => json(200, { nope: true })).handlers['manager.teams']({}, {})).rejects.toMatchObject({ code: 'bad_response' });
  });
});

describe('manager requests the console may send', () => {
  const policy = { extensionId: 'ext', extensionOrigin: 'chrome-extension://ext/' };
  const managerPage = { id: 'ext', url: 'chrome-extension://ext/manager.html' };
  const handlers = new Proxy({}, { get: () => vi.fn() }) as Handlers;

  it('refuses kinds and fields the server does not author', async () => {
    expect(await dispatch({ name: 'manager.get', payload: { kind: 'customers', id: 'x' } }, managerPage, handlers, policy)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch({ name: 'manager.create', payload: { kind: 'articles', body: { title: 'x', body: '', evil: 1 } } }, managerPage, handlers, policy)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
