import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TandemDatabase } from '../db';
import { dispatch, type Handlers } from '../messaging/dispatch';
import type { Article, Broadcast, Snippet } from '../schema';
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

let db: TandemDatabase;
beforeEach(() => {
  db = new TandemDatabase(`manager-test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function setup(answer: (url: string, init: RequestInit) => Response, signedIn = true) {
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => answer(String(url), init ?? {}));
  const handlers = createManagerHandlers({
    db,
    credentials: async () => (signedIn ? { baseUrl: 'http://127.0.0.1:8787/', token: 'tok' } : null),
    teamIds: async () => ['team-care'],
    now: () => new Date('2026-11-20T10:00:00.000Z'),
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

describe('broadcasts.active', () => {
  it("returns the agent's active broadcasts for the site with the suggested snippet's title", async () => {
    const b = (id: string, over: Partial<Broadcast> = {}): Broadcast => ({
      id,
      version: 1,
      updatedAt: '2026-11-20T09:00:00.000Z',
      deleted: false,
      title: id,
      message: '',
      severity: 'major',
      startsAt: '2026-11-20T09:00:00.000Z',
      endsAt: null,
      suggestedSnippetId: null,
      targeting: { teamIds: [], sites: [], tags: [] },
      ...over,
    });
    const snippet: Snippet = { ...article, id: 'snip-outage', title: 'Outage apology', shortcut: ';outage', status: 'published' } as unknown as Snippet;
    await db.snippets.put(snippet);
    await db.broadcasts.bulkPut([
      b('bc-care', { targeting: { teamIds: ['team-care'], sites: ['zendesk'], tags: [] }, suggestedSnippetId: 'snip-outage' }),
      b('bc-billing', { targeting: { teamIds: ['team-billing'], sites: [], tags: [] } }),
      b('bc-twitter', { targeting: { teamIds: [], sites: ['twitter'], tags: [] } }),
    ]);
    const { handlers } = setup(() => json(500, {}));
    const { broadcasts } = await handlers['broadcasts.active']({ site: 'zendesk', host: 'tandemdemo.zendesk.com' }, {});
    expect(broadcasts.map((x) => [x.id, x.suggestedSnippetTitle])).toEqual([['bc-care', 'Outage apology']]);
  });
});

describe('sender policy for manager messages', () => {
  const policy = { extensionId: 'ext', extensionOrigin: 'chrome-extension://ext/' };
  const page = { id: 'ext', url: 'https://tandemdemo.zendesk.com/agent/tickets/4521', tab: { id: 1 } };
  const handlers = new Proxy({}, { get: () => async () => ({ broadcasts: [] }) }) as Handlers;

  it('lets content scripts ask for broadcasts but never call manager routes', async () => {
    expect(await dispatch({ name: 'broadcasts.active', payload: { site: 'zendesk', host: 'x' } }, page, handlers, policy)).toMatchObject({ ok: true });
    expect(await dispatch({ name: 'manager.list', payload: { kind: 'articles', query: {} } }, page, handlers, policy)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses kinds and fields the server does not author', async () => {
    const ext = { id: 'ext', url: 'chrome-extension://ext/manager.html' };
    expect(await dispatch({ name: 'manager.get', payload: { kind: 'customers', id: 'x' } }, ext, handlers, policy)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch({ name: 'manager.create', payload: { kind: 'articles', body: { title: 'x', body: '', evil: 1 } } }, ext, handlers, policy)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
