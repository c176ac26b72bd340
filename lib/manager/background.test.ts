import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../api/client';
import { dispatch, type Handlers, MessageError } from '../messaging/dispatch';
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
  // The real client over a fake network, so the test sees the requests the server would.
  const api = createApiClient({ baseUrl: 'http://127.0.0.1:8787/', token: 'tok', fetch });
  const handlers = createManagerHandlers({ api: async () => (signedIn ? api : null) });
  return { handlers, fetch };
}

describe('manager proxy', () => {
  it('calls the manager route with the bearer token and an encoded path and query', async () => {
    const { handlers, fetch } = setup(() => json(200, { kind: 'articles', items: [article], total: 1, limit: 25, offset: 0 }));
    const list = await handlers['manager.list']({ kind: 'articles', query: { limit: 25, offset: 0, q: 'roam & go' } }, {});
    expect(list.items[0]?.id).toBe('art-1');
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:8787/manager/articles?limit=25&offset=0&q=roam+%26+go');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok');
    await handlers['manager.get']({ kind: 'articles', id: '../auth/me' }, {}).catch(() => undefined);
    expect(fetch.mock.calls[1]![0]).toBe('http://127.0.0.1:8787/manager/articles/..%2Fauth%2Fme');
  });

  it("passes the server's refusal through with its code (an agent gets forbidden)", async () => {
    const { handlers } = setup(() =>
      json(403, { error: { code: 'forbidden', message: 'This needs the manager or admin role; you are signed in as an agent.' } }),
    );
    const refusal = handlers['manager.teams']({}, {});
    // A MessageError, so the dispatcher hands the console the server's code rather than `internal`.
    await expect(refusal).rejects.toBeInstanceOf(MessageError);
    await expect(refusal).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('agent') });
  });

  it('publishes with the version the console saw, or with none, and answers the saved item', async () => {
    const { handlers, fetch } = setup(() => json(200, { kind: 'articles', record: { ...article, version: 3, status: 'published' } }));
    const saved = await handlers['manager.setStatus']({ kind: 'articles', id: 'art-1', action: 'publish', baseVersion: 2 }, {});
    expect(saved).toMatchObject({ outcome: 'saved', item: { record: { version: 3, status: 'published' } } });
    await handlers['manager.setStatus']({ kind: 'articles', id: 'art-1', action: 'archive' }, {});
    expect(fetch.mock.calls.map(([url, init]) => [url, init?.method, init?.body])).toEqual([
      ['http://127.0.0.1:8787/manager/articles/art-1/publish', 'POST', '{"baseVersion":2}'],
      ['http://127.0.0.1:8787/manager/articles/art-1/archive', 'POST', '{}'],
    ]);
  });

  it('answers a stale save with the stored version instead of failing', async () => {
    const stored = { kind: 'articles', record: { ...article, version: 3, title: 'Roaming (theirs)' } };
    const { handlers } = setup(() => json(409, { error: { code: 'conflict', message: 'Someone saved first.', details: { current: stored } } }));
    const result = await handlers['manager.edit']({ kind: 'articles', id: 'art-1', body: { baseVersion: 2, patch: { title: 'Mine' } } }, {});
    expect(result).toMatchObject({ outcome: 'conflict', message: 'Someone saved first.', current: { record: { version: 3, title: 'Roaming (theirs)' } } });
  });

  it('fails a conflict that does not say what is stored, since there is nothing to compare', async () => {
    const { handlers } = setup(() => json(409, { error: { code: 'conflict', message: 'Someone saved first.' } }));
    await expect(handlers['manager.rollback']({ kind: 'articles', id: 'art-1', toVersion: 1, baseVersion: 2 }, {})).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses when signed out, and when the server answers nonsense', async () => {
    const signedOut = setup(() => json(200, {}), false);
    await expect(signedOut.handlers['manager.teams']({}, {})).rejects.toMatchObject({ code: 'signed_out' });
    expect(signedOut.fetch).not.toHaveBeenCalled();
    await expect(setup(() => json(200, { nope: true })).handlers['manager.teams']({}, {})).rejects.toMatchObject({ code: 'bad_response' });
  });
});

describe('manager requests the console may send', () => {
  const policy = { extensionId: 'ext', extensionOrigin: 'chrome-extension://ext/' };
  const managerPage = { id: 'ext', url: 'chrome-extension://ext/manager.html' };
  const handlers = new Proxy({}, { get: () => vi.fn() }) as Handlers;

  it('refuses kinds and fields the server does not author', async () => {
    expect(await dispatch({ name: 'manager.get', payload: { kind: 'customers', id: 'x' } }, managerPage, handlers, policy)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(
      await dispatch({ name: 'manager.create', payload: { kind: 'articles', body: { title: 'x', body: '', evil: 1 } } }, managerPage, handlers, policy),
    ).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
