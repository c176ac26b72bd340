// Inputs the database cannot store, sent to the routes that write or look them up: each is a 400 with a stable code,
// found at the edge by the shared schemas (lib/schema/primitives.ts), and nothing is written.
import { describe, expect, it, vi } from 'vitest';
import { createApp } from './app';
import { DEMO_CLOCK } from './seed/demo';
import { appForSuite, client, ENGINES, expectError } from './testing';

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'half \ud83d';

describe.each(ENGINES)('bad input on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK });
  const signIn = (email: string) => api.signIn(email);

  it('refuses a NUL in a path parameter with 400, never a database error', async () => {
    const admin = await signIn('admin@tandem.demo');
    const agent = await signIn('agent@tandem.demo');
    for (const [path, token] of [
      ['/admin/users/x%00y', admin],
      ['/manager/articles/kb%00', admin],
      ['/manager/articles/kb%00/versions', admin],
      ['/cases/case%00/attachments', agent],
    ] as const) {
      await expectError(await api.get(path, token), 400, 'invalid_request');
    }
    await expectError(await api.post('/queue/routing-rules/r%00/delete', admin), 400, 'invalid_request');
    await expectError(await api.put('/sla/policies/team%00', admin, {}), 400, 'invalid_request');
  });

  it('refuses text with a NUL or a lone surrogate in every body that is stored, and stores nothing', async () => {
    const admin = await signIn('admin@tandem.demo');
    const agent = await signIn('agent@tandem.demo');
    const article = { title: NUL, body: 'Body', summary: 'Sum', url: null, tags: [], language: 'en', targeting: { teamIds: [], sites: [], tags: [] } };
    for (const bad of [NUL, LONE_SURROGATE]) {
      await expectError(await api.post('/manager/articles', admin, { ...article, title: bad }), 400, 'invalid_request');
      await expectError(await api.post('/admin/users', admin, { email: 'new@tandem.demo', name: bad, role: 'agent' }), 400, 'invalid_request');
      await expectError(await api.post('/queue/presence', agent, { caseId: bad, state: 'viewing' }), 400, 'invalid_request');
      const event = { id: 'ev-bad', type: 'opened', itemKind: 'article', itemId: 'kb-001', site: bad, occurredAt: DEMO_CLOCK.toISOString() };
      await expectError(await api.post('/usage/events', agent, { events: [event] }), 400, 'invalid_request');
    }
    expect((await db().query(`select 1 from users where email = 'new@tandem.demo'`)).rows).toHaveLength(0);
    expect((await db().query(`select 1 from usage_events where id = 'ev-bad'`)).rows).toHaveLength(0);
  });

  it('refuses timestamps and dates outside years 1970–9999 or with offsets no place has', async () => {
    const agent = await signIn('agent@tandem.demo');
    const manager = await signIn('manager@tandem.demo');
    for (const occurredAt of ['0000-01-01T00:00:00Z', '2026-01-01T00:00:00+23:59']) {
      const event = { id: 'ev-when', type: 'opened', itemKind: 'article', itemId: 'kb-001', occurredAt };
      await expectError(await api.post('/usage/events', agent, { events: [event] }), 400, 'invalid_request');
    }
    await expectError(await api.get('/manager/analytics?to=0000-01-01', manager), 400, 'invalid_request');
  });

  it('refuses numbers past their int4 column', async () => {
    const manager = await signIn('manager@tandem.demo');
    const rule = { teamId: 'team-care', name: 'Big', position: 2 ** 31, match: {}, target: { kind: 'team', teamId: 'team-billing' } };
    await expectError(await api.post('/queue/routing-rules', manager, rule), 400, 'invalid_request');
  });

  it('refuses a JSON route’s body sent as anything but application/json (415), and writes nothing', async () => {
    const agent = await signIn('agent@tandem.demo');
    const event = { id: 'ev-typed', type: 'opened', itemKind: 'article', itemId: 'kb-001', occurredAt: DEMO_CLOCK.toISOString() };
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const res = await api.request('/usage/events', {
        method: 'POST',
        headers: { Authorization: `Bearer ${agent}`, ...(type ? { 'Content-Type': type } : {}) },
        body: JSON.stringify({ events: [event] }),
      });
      await expectError(res, 415, 'unsupported_media_type');
    }
    expect((await db().query(`select 1 from usage_events where id = 'ev-typed'`)).rows).toHaveLength(0);
    const typed = await api.post('/usage/events', agent, { events: [event] });
    expect(typed.status).toBe(200);
  });

  it('answers 503 with Retry-After, parsing nothing, when the JSON bodies held at once would pass the budget', async () => {
    const event = (id: string) => ({ id, type: 'opened', itemKind: 'article', itemId: 'kb-001', occurredAt: DEMO_CLOCK.toISOString() });
    const size = JSON.stringify({ events: [event('ev-budget-1')] }).length;
    // Room for one body and a half: a second would not fit if the first were still held after its answer.
    const roomy = client(createApp({ db: db(), now: () => DEMO_CLOCK, jsonBodyBudgetChars: Math.floor(size * 1.5) }));
    const agent = await roomy.signIn('agent@tandem.demo');
    for (const id of ['ev-budget-1', 'ev-budget-2', 'ev-budget-3'])
      expect((await roomy.post('/usage/events', agent, { events: [event(id)] })).status).toBe(200);

    const tight = client(createApp({ db: db(), now: () => DEMO_CLOCK, jsonBodyBudgetChars: size - 1 }));
    const refused = await tight.post('/usage/events', agent, { events: [event('ev-budget-4')] });
    await expectError(refused, 503, 'unavailable');
    expect(refused.headers.get('retry-after')).toBe('5');
    expect((await db().query(`select 1 from usage_events where id = 'ev-budget-4'`)).rows).toHaveLength(0);
    expect((await tight.get('/auth/me', agent)).status).toBe(200);
  });

  it('answers a body the client stopped sending (Node\'s "aborted") as a 400, and logs no unexpected error', async () => {
    const agent = await signIn('agent@tandem.demo');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      for (const [method, path, type] of [
        ['POST', '/sync/push', 'application/json'],
        ['PUT', '/attachments/3f1c1a52-2d3b-4c1e-9a8e-000000000001?caseId=case-jane-doe-tw', 'image/png'],
      ] as const) {
        // What the Node adapter's body stream fails with when the socket closes mid-body (node:_http_server abortIncoming).
        const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"mutations":['));
            controller.error(aborted);
          },
        });
        const res = await api.request(path, {
          method,
          headers: { Authorization: `Bearer ${agent}`, 'Content-Type': type },
          body,
          duplex: 'half',
        } as RequestInit);
        await expectError(res, 400, 'invalid_request');
      }
      expect(errors.mock.calls.filter((args) => String(args[0]).includes('unexpected error'))).toEqual([]);
    } finally {
      errors.mockRestore();
    }
  });
});
