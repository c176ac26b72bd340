import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, HealthResponse, MeResponse, PullResponse, SignInResponse, type Change } from '../lib/schema/api';
import { createApp, type App } from './app';
import type { Db } from './db/database';
import { SYNCED_TABLES, writeRecords } from './db/records';
import { DEMO_CLOCK, DEMO_PASSWORD } from './seed/demo';
import { ENGINES, seededDb } from './testing';

describe.each(ENGINES)('on %s', (engine) => {
let db: Db;
let app: App;
let clock = DEMO_CLOCK;

beforeAll(async () => {
  db = await seededDb(engine);
  app = createApp({ db, now: () => clock });
}, 60_000);
afterAll(async () => {
  await db.close();
});

function post(a: App, path: string, body: string, headers: Record<string, string> = {}) {
  return a.request(path, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
}

async function signIn(email: string, a: App = app): Promise<string> {
  const res = await post(a, '/auth/sign-in', JSON.stringify({ email, password: DEMO_PASSWORD }));
  expect(res.status).toBe(200);
  return SignInResponse.parse(await res.json()).token;
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = ApiError.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

async function pullAll(token: string, limit = 250, a: App = app): Promise<{ changes: Change[]; pages: number; cursor: number }> {
  const changes: Change[] = [];
  let cursor = 0;
  let pages = 0;
  for (;;) {
    const res = await a.request(`/sync/pull?cursor=${cursor}&limit=${limit}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const page = PullResponse.parse(await res.json());
    pages += 1;
    expect(page.changes.length).toBeLessThanOrEqual(limit);
    if (page.changes.length > 0) expect(page.cursor).toBe(page.changes[page.changes.length - 1]?.seq);
    else expect(page.cursor).toBe(cursor);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { changes, pages, cursor };
}

describe('health and routing', () => {
  it('answers /health with the contract shape', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(HealthResponse.parse(await res.json())).toMatchObject({ ok: true, database: engine });
  });

  it('answers unknown routes with not_found', async () => {
    await expectError(await app.request('/nope'), 404, 'not_found');
  });

  it('allows any origin, including extension pages, on success and on error', async () => {
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const preflight = await app.request('/sync/pull', {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(preflight.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('authorization');
    const denied = await app.request('/auth/me', { headers: { Origin: origin } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });
});

describe('sign-in', () => {
  it('returns a token, its expiry 12 h ahead, and the user', async () => {
    const res = await post(app, '/auth/sign-in', JSON.stringify({ email: 'agent@tandem.demo', password: DEMO_PASSWORD }));
    const body = SignInResponse.parse(await res.json());
    expect(body.user).toEqual({ id: 'user-alex', email: 'agent@tandem.demo', name: 'Alex Agent', role: 'agent', teamIds: ['team-care'] });
    expect(Buffer.from(body.token, 'base64url')).toHaveLength(32);
    expect(new Date(body.expiresAt).getTime() - clock.getTime()).toBe(12 * 3600_000);
    const stored = await db.query<{ token_hash: string }>('select token_hash from tokens');
    expect(stored.rows.some((r) => r.token_hash.includes(body.token))).toBe(false);
  });

  it('accepts the email in any case', async () => {
    await signIn('Manager@Tandem.Demo');
  });

  it('refuses a wrong password or an unknown email with invalid_credentials', async () => {
    await expectError(await post(app, '/auth/sign-in', JSON.stringify({ email: 'agent@tandem.demo', password: 'nope' })), 401, 'invalid_credentials');
    await expectError(await post(app, '/auth/sign-in', JSON.stringify({ email: 'ghost@tandem.demo', password: DEMO_PASSWORD })), 401, 'invalid_credentials');
  });

  it('refuses malformed JSON, wrong types, unknown fields and empty bodies with 400', async () => {
    await expectError(await post(app, '/auth/sign-in', '{"email": "agent@tandem.demo",'), 400, 'invalid_json');
    await expectError(await post(app, '/auth/sign-in', ''), 400, 'invalid_json');
    await expectError(await post(app, '/auth/sign-in', JSON.stringify({ email: 42, password: true })), 400, 'invalid_request');
    await expectError(await post(app, '/auth/sign-in', JSON.stringify({ email: 'not-an-email', password: 'x' })), 400, 'invalid_request');
    await expectError(await post(app, '/auth/sign-in', JSON.stringify([1, 2])), 400, 'invalid_request');
    await expectError(
      await post(app, '/auth/sign-in', JSON.stringify({ email: 'agent@tandem.demo', password: DEMO_PASSWORD, admin: true })),
      400,
      'invalid_request',
    );
  });

  it('refuses bodies over 1 MB with payload_too_large', async () => {
    const huge = JSON.stringify({ email: 'agent@tandem.demo', password: 'x'.repeat(1_100_000) });
    await expectError(await post(app, '/auth/sign-in', huge), 413, 'payload_too_large');
  });

  it('rate limits failed attempts per email and IP, with Retry-After', async () => {
    let limitedClock = DEMO_CLOCK;
    const limited = createApp({ db, now: () => limitedClock });
    const wrong = JSON.stringify({ email: 'agent2@tandem.demo', password: 'guess' });
    for (let i = 0; i < 10; i++) await expectError(await post(limited, '/auth/sign-in', wrong), 401, 'invalid_credentials');
    const blocked = await post(limited, '/auth/sign-in', JSON.stringify({ email: 'agent2@tandem.demo', password: DEMO_PASSWORD }));
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    await expectError(blocked, 429, 'rate_limited');
    // Another account from the same place is not affected, and the block lifts after a minute.
    await signIn('agent@tandem.demo', limited);
    limitedClock = new Date(DEMO_CLOCK.getTime() + 61_000);
    await signIn('agent2@tandem.demo', limited);
  });
});

describe('sessions', () => {
  const me = (token: string) => app.request('/auth/me', { headers: { Authorization: `Bearer ${token}` } });

  it('returns the signed-in user', async () => {
    const res = await me(await signIn('billing@tandem.demo'));
    expect(res.status).toBe(200);
    expect(MeResponse.parse(await res.json()).user).toMatchObject({ id: 'user-cy', role: 'agent', teamIds: ['team-billing'] });
  });

  it('refuses missing, malformed and forged tokens', async () => {
    await expectError(await app.request('/auth/me'), 401, 'unauthorized');
    await expectError(await app.request('/auth/me', { headers: { Authorization: 'Basic YWdlbnQ6eA==' } }), 401, 'unauthorized');
    await expectError(await me(Buffer.alloc(32, 7).toString('base64url')), 401, 'unauthorized');
    await expectError(await app.request('/sync/pull', { headers: { Authorization: 'Bearer ' } }), 401, 'unauthorized');
  });

  it('refuses a token after sign-out', async () => {
    const token = await signIn('agent@tandem.demo');
    const out = await app.request('/auth/sign-out', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect(out.status).toBe(200);
    await expectError(await me(token), 401, 'unauthorized');
    await expectError(await app.request('/sync/pull', { headers: { Authorization: `Bearer ${token}` } }), 401, 'unauthorized');
  });

  it('refuses a token after 12 hours', async () => {
    const token = await signIn('agent@tandem.demo');
    clock = new Date(DEMO_CLOCK.getTime() + 12 * 3600_000 - 1000);
    expect((await me(token)).status).toBe(200);
    clock = new Date(DEMO_CLOCK.getTime() + 12 * 3600_000 + 1000);
    await expectError(await me(token), 401, 'unauthorized');
    clock = DEMO_CLOCK;
  });
});

describe('pull', () => {
  it('pages through every record exactly once, in strictly increasing seq order', async () => {
    const token = await signIn('admin@tandem.demo');
    const { changes, pages } = await pullAll(token, 97);
    expect(pages).toBeGreaterThan(10);
    const seqs = changes.map((c) => c.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] ?? -1);
    const keys = changes.map((c) => `${c.entity}/${c.record.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    let total = 0;
    for (const table of SYNCED_TABLES) {
      const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
      const n = rows[0]?.n ?? 0;
      expect(changes.filter((c) => c.entity === table).length, table).toBe(n);
      total += n;
    }
    expect(changes.length).toBe(total);
  });

  it('answers an empty page with the same cursor and hasMore false at the end', async () => {
    const token = await signIn('admin@tandem.demo');
    const { cursor } = await pullAll(token, 1000);
    const res = await app.request(`/sync/pull?cursor=${cursor}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(PullResponse.parse(await res.json())).toEqual({ changes: [], cursor, hasMore: false });
  });

  it('refuses invalid cursor and limit values', async () => {
    const headers = { Authorization: `Bearer ${await signIn('agent@tandem.demo')}` };
    await expectError(await app.request('/sync/pull?limit=5000', { headers }), 400, 'invalid_request');
    await expectError(await app.request('/sync/pull?limit=0', { headers }), 400, 'invalid_request');
    await expectError(await app.request('/sync/pull?cursor=-1', { headers }), 400, 'invalid_request');
    await expectError(await app.request('/sync/pull?cursor=abc', { headers }), 400, 'invalid_request');
  });

  it('gives team records only to members of that team', async () => {
    const care = (await pullAll(await signIn('agent@tandem.demo'), 1000)).changes;
    const billing = (await pullAll(await signIn('billing@tandem.demo'), 1000)).changes;
    const teamOf = (c: Change) => ('teamId' in c.record ? c.record.teamId : null);
    const owned = (cs: Change[]) => cs.filter((c) => c.entity === 'customers' || c.entity === 'cases' || c.entity === 'interactions');

    expect(owned(care).length).toBeGreaterThan(500);
    expect(owned(care).every((c) => teamOf(c) === 'team-care')).toBe(true);
    expect(owned(billing).length).toBeGreaterThan(100);
    expect(owned(billing).every((c) => teamOf(c) === 'team-billing')).toBe(true);

    const ids = (cs: Change[]) => new Set(cs.map((c) => c.record.id));
    expect(ids(care).has('cust-jane-doe')).toBe(true);
    expect(ids(care).has('cust-olu-ade')).toBe(false);
    expect(ids(billing).has('cust-olu-ade')).toBe(true);
    expect(ids(billing).has('cust-jane-doe')).toBe(false);
    expect(ids(billing).has('case-jane-doe-zd')).toBe(false);

    // Knowledge targeted at billing reaches billing only; untargeted knowledge reaches everyone.
    expect(ids(billing).has('bc-billing-run')).toBe(true);
    expect(ids(care).has('bc-billing-run')).toBe(false);
    expect(ids(care).has('bc-berlin-outage')).toBe(true);
    const goodwill = billing.find((c) => c.entity === 'snippets' && c.record.shortcut === ';goodwill');
    expect(goodwill).toBeDefined();
    expect(care.some((c) => c.entity === 'snippets' && c.record.shortcut === ';goodwill')).toBe(false);
    expect(care.filter((c) => c.entity === 'articles').length).toBeGreaterThanOrEqual(190);
  });

  it('shows drafts to managers and only contentless tombstones to agents', async () => {
    const agent = (await pullAll(await signIn('agent@tandem.demo'), 1000)).changes;
    const manager = (await pullAll(await signIn('manager@tandem.demo'), 1000)).changes;
    const knowledge = (cs: Change[]) => cs.filter((c) => c.entity === 'articles' || c.entity === 'snippets');

    const managerDrafts = knowledge(manager).filter((c) => 'status' in c.record && c.record.status === 'draft');
    expect(managerDrafts.length).toBeGreaterThanOrEqual(5);
    expect(managerDrafts.every((c) => !c.record.deleted && 'body' in c.record && c.record.body.length > 0)).toBe(true);

    for (const c of knowledge(agent)) {
      if (c.entity !== 'articles' && c.entity !== 'snippets') continue;
      if (c.record.status === 'published') continue;
      expect(c.record.deleted).toBe(true);
      expect(c.record.body).toBe('');
      expect(c.record.title).toBe('Unavailable');
    }
    const draftIds = new Set(managerDrafts.map((c) => c.record.id));
    const agentDraftBodies = knowledge(agent).filter((c) => draftIds.has(c.record.id) && !c.record.deleted);
    expect(agentDraftBodies).toEqual([]);
  });

  it('applies the field policy to hide configured fields from a role', async () => {
    const policed = createApp({ db, now: () => clock, fieldPolicy: { agent: { customers: ['lifetimeValueCents'] }, manager: {}, admin: {} } });
    const agent = (await pullAll(await signIn('agent@tandem.demo', policed), 1000, policed)).changes;
    const customers = agent.filter((c) => c.entity === 'customers');
    expect(customers.length).toBeGreaterThan(100);
    expect(customers.every((c) => !('lifetimeValueCents' in c.record))).toBe(true);
    const manager = (await pullAll(await signIn('manager@tandem.demo', policed), 1000, policed)).changes;
    const jane = manager.find((c) => c.record.id === 'cust-jane-doe');
    expect(jane?.entity === 'customers' && jane.record.lifetimeValueCents).toBe(184_250);
    // The default policy hides nothing from agents.
    const plain = (await pullAll(await signIn('agent@tandem.demo'), 1000)).changes.find((c) => c.record.id === 'cust-jane-doe');
    expect(plain?.entity === 'customers' && plain.record.lifetimeValueCents).toBe(184_250);
  });

  it('delivers later changes, including tombstones, after the cursor', async () => {
    const token = await signIn('agent@tandem.demo');
    const { cursor } = await pullAll(token, 1000);
    const { rows } = await db.query<{ data: Record<string, unknown> }>("select data from customers where id = 'cust-gen-001'");
    const before = rows[0]?.data;
    expect(before).toBeDefined();
    await writeRecords(db, 'customers', [{ ...before, version: 2, deleted: true, updatedAt: '2026-11-20T10:00:00.000Z' }]);
    const res = await app.request(`/sync/pull?cursor=${cursor}`, { headers: { Authorization: `Bearer ${token}` } });
    const page = PullResponse.parse(await res.json());
    expect(page.changes).toHaveLength(1);
    expect(page.changes[0]).toMatchObject({ entity: 'customers', record: { id: 'cust-gen-001', deleted: true, version: 2 } });
    expect(page.cursor).toBeGreaterThan(cursor);
  });
});
});
