import { describe, expect, it } from 'vitest';
import { type Change, HealthResponse, MeResponse, PULL_PAGE_MAX, PullResponse, SignInResponse } from '../lib/schema/api';
import { createApp } from './app';
import { SYNCED_TABLES, writeRecords } from './db/records';
import { DEMO_FIELD_POLICY } from './policy/field-policy';
import { DEMO_CLOCK, DEMO_PASSWORD } from './seed/demo';
import { appForSuite, client, ENGINES, expectError, expectOk } from './testing';

describe.each(ENGINES)('on %s', (engine) => {
  let clock = DEMO_CLOCK;
  const { db, api } = appForSuite(engine, { now: () => clock });

  describe('health and routing', () => {
    it('answers /health with the contract shape', async () => {
      const res = await api.get('/health');
      expect(res.status).toBe(200);
      expect(HealthResponse.parse(await res.json())).toMatchObject({ ok: true, database: engine });
    });

    it('answers unknown routes with not_found', async () => {
      await expectError(await api.get('/nope'), 404, 'not_found');
    });

    it('allows any origin, including extension pages, on success and on error', async () => {
      const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
      const preflight = await api.request('/sync/pull', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*');
      expect(preflight.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('authorization');
      const denied = await api.request('/auth/me', { headers: { Origin: origin } });
      expect(denied.status).toBe(401);
      expect(denied.headers.get('Access-Control-Allow-Origin')).toBe('*');
    });
  });

  describe('sign-in', () => {
    it('returns a token, its expiry 12 h ahead, and the user', async () => {
      const body = await expectOk(await api.post('/auth/sign-in', undefined, { email: 'agent@tandem.demo', password: DEMO_PASSWORD }), SignInResponse);
      expect(body.user).toEqual({ id: 'user-alex', email: 'agent@tandem.demo', name: 'Alex Agent', role: 'agent', teamIds: ['team-care'] });
      expect(Buffer.from(body.token, 'base64url')).toHaveLength(32);
      expect(new Date(body.expiresAt).getTime() - clock.getTime()).toBe(12 * 3600_000);
      const stored = await db().query<{ token_hash: string }>('select token_hash from tokens');
      expect(stored.rows.some((r) => r.token_hash.includes(body.token))).toBe(false);
    });

    it('accepts the email in any case', async () => {
      await api.signIn('Manager@Tandem.Demo');
    });

    it('refuses a wrong password or an unknown email with invalid_credentials', async () => {
      await expectError(await api.post('/auth/sign-in', undefined, { email: 'agent@tandem.demo', password: 'nope' }), 401, 'invalid_credentials');
      await expectError(await api.post('/auth/sign-in', undefined, { email: 'ghost@tandem.demo', password: DEMO_PASSWORD }), 401, 'invalid_credentials');
    });

    it('refuses malformed JSON, wrong types, unknown fields and empty bodies with 400', async () => {
      await expectError(await api.post('/auth/sign-in', undefined, '{"email": "agent@tandem.demo",'), 400, 'invalid_json');
      await expectError(await api.post('/auth/sign-in', undefined, ''), 400, 'invalid_json');
      await expectError(await api.post('/auth/sign-in', undefined, { email: 42, password: true }), 400, 'invalid_request');
      await expectError(await api.post('/auth/sign-in', undefined, { email: 'not-an-email', password: 'x' }), 400, 'invalid_request');
      await expectError(await api.post('/auth/sign-in', undefined, [1, 2]), 400, 'invalid_request');
      await expectError(
        await api.post('/auth/sign-in', undefined, { email: 'agent@tandem.demo', password: DEMO_PASSWORD, admin: true }),
        400,
        'invalid_request',
      );
    });

    it('refuses bodies over 1 MB with payload_too_large', async () => {
      const huge = JSON.stringify({ email: 'agent@tandem.demo', password: 'x'.repeat(1_100_000) });
      await expectError(await api.post('/auth/sign-in', undefined, huge), 413, 'payload_too_large');
    });

    it('rate limits failed attempts per email and IP, with Retry-After', async () => {
      let limitedClock = DEMO_CLOCK;
      const limited = client(createApp({ db: db(), now: () => limitedClock }));
      const wrong = { email: 'agent2@tandem.demo', password: 'guess' };
      for (let i = 0; i < 10; i++) await expectError(await limited.post('/auth/sign-in', undefined, wrong), 401, 'invalid_credentials');
      const blocked = await limited.post('/auth/sign-in', undefined, { email: 'agent2@tandem.demo', password: DEMO_PASSWORD });
      expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
      await expectError(blocked, 429, 'rate_limited');
      // Another account from the same place is not affected, and the block lifts after a minute.
      await limited.signIn('agent@tandem.demo');
      limitedClock = new Date(DEMO_CLOCK.getTime() + 61_000);
      await limited.signIn('agent2@tandem.demo');
    });
  });

  describe('sessions', () => {
    const me = (token?: string) => api.get('/auth/me', token);

    it('returns the signed-in user', async () => {
      const res = await me(await api.signIn('billing@tandem.demo'));
      expect((await expectOk(res, MeResponse)).user).toMatchObject({ id: 'user-cy', role: 'agent', teamIds: ['team-billing'] });
    });

    it('refuses missing, malformed and forged tokens', async () => {
      await expectError(await me(), 401, 'unauthorized');
      await expectError(await api.request('/auth/me', { headers: { Authorization: 'Basic YWdlbnQ6eA==' } }), 401, 'unauthorized');
      await expectError(await me(Buffer.alloc(32, 7).toString('base64url')), 401, 'unauthorized');
      await expectError(await api.request('/sync/pull', { headers: { Authorization: 'Bearer ' } }), 401, 'unauthorized');
    });

    it('refuses a token after sign-out', async () => {
      const token = await api.signIn('agent@tandem.demo');
      expect((await api.post('/auth/sign-out', token)).status).toBe(200);
      await expectError(await me(token), 401, 'unauthorized');
      await expectError(await api.get('/sync/pull', token), 401, 'unauthorized');
    });

    it('refuses a token after 12 hours', async () => {
      const token = await api.signIn('agent@tandem.demo');
      clock = new Date(DEMO_CLOCK.getTime() + 12 * 3600_000 - 1000);
      expect((await me(token)).status).toBe(200);
      clock = new Date(DEMO_CLOCK.getTime() + 12 * 3600_000 + 1000);
      await expectError(await me(token), 401, 'unauthorized');
      clock = DEMO_CLOCK;
    });
  });

  describe('pull', () => {
    it('pages through every record exactly once, in strictly increasing seq order', async () => {
      const token = await api.signIn('admin@tandem.demo');
      const { changes, pages, cursor } = await api.pullAll(token, { limit: 97 });
      expect(pages).toBeGreaterThan(10);
      const seqs = changes.map((c) => c.seq);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] ?? -1);
      expect(cursor).toBe(seqs[seqs.length - 1]);
      const keys = changes.map((c) => `${c.entity}/${c.record.id}`);
      expect(new Set(keys).size).toBe(keys.length);
      let total = 0;
      for (const table of SYNCED_TABLES) {
        const { rows } = await db().query<{ n: number }>(`select count(*)::int as n from ${table}`);
        const n = rows[0]?.n ?? 0;
        expect(changes.filter((c) => c.entity === table).length, table).toBe(n);
        total += n;
      }
      expect(changes.length).toBe(total);
    });

    it('answers an empty page with the same cursor and hasMore false at the end', async () => {
      const token = await api.signIn('admin@tandem.demo');
      const { cursor } = await api.pullAll(token);
      expect(await expectOk(await api.get(`/sync/pull?cursor=${cursor}`, token), PullResponse)).toEqual({
        changes: [],
        cursor,
        hasMore: false,
        server: expect.objectContaining({ since: expect.any(Number) }),
      });
    });

    it('refuses invalid cursor and limit values', async () => {
      const token = await api.signIn('agent@tandem.demo');
      await expectError(await api.get(`/sync/pull?limit=${PULL_PAGE_MAX + 1}`, token), 400, 'invalid_request');
      await expectError(await api.get('/sync/pull?limit=0', token), 400, 'invalid_request');
      await expectError(await api.get('/sync/pull?cursor=-1', token), 400, 'invalid_request');
      await expectError(await api.get('/sync/pull?cursor=abc', token), 400, 'invalid_request');
    });

    it('gives team records only to members of that team', async () => {
      const care = (await api.pullAll(await api.signIn('agent@tandem.demo'))).changes;
      const billing = (await api.pullAll(await api.signIn('billing@tandem.demo'))).changes;
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
      const agent = (await api.pullAll(await api.signIn('agent@tandem.demo'))).changes;
      const manager = (await api.pullAll(await api.signIn('manager@tandem.demo'))).changes;
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
      const policed = client(createApp({ db: db(), now: () => clock, fieldPolicy: DEMO_FIELD_POLICY }));
      const agent = (await policed.pullAll(await policed.signIn('agent@tandem.demo'))).changes;
      const customers = agent.filter((c) => c.entity === 'customers');
      expect(customers.length).toBeGreaterThan(100);
      expect(customers.every((c) => !('lifetimeValueCents' in c.record))).toBe(true);
      // …but the band it falls in, so their queue still sorts by value (issue 15): Jane's $1,842.50 is "medium".
      expect(customers.find((c) => c.record.id === 'cust-jane-doe')?.record).toMatchObject({
        valueBand: 'medium',
        masking: { masked: ['lifetimeValueCents'] },
      });
      const manager = (await policed.pullAll(await policed.signIn('manager@tandem.demo'))).changes;
      const jane = manager.find((c) => c.record.id === 'cust-jane-doe');
      expect(jane?.entity === 'customers' && jane.record.lifetimeValueCents).toBe(184_250);
      // The default policy hides nothing from agents.
      const plain = (await api.pullAll(await api.signIn('agent@tandem.demo'))).changes.find((c) => c.record.id === 'cust-jane-doe');
      expect(plain?.entity === 'customers' && plain.record.lifetimeValueCents).toBe(184_250);
    });

    it('delivers later changes, including tombstones, after the cursor', async () => {
      const token = await api.signIn('agent@tandem.demo');
      const { cursor } = await api.pullAll(token);
      const { rows } = await db().query<{ data: Record<string, unknown> }>("select data from customers where id = 'cust-gen-001'");
      const before = rows[0]?.data;
      expect(before).toBeDefined();
      await writeRecords(db(), 'customers', [{ ...before, version: 2, deleted: true, updatedAt: '2026-11-20T10:00:00.000Z' }]);
      const page = await expectOk(await api.get(`/sync/pull?cursor=${cursor}`, token), PullResponse);
      expect(page.changes).toHaveLength(1);
      expect(page.changes[0]).toMatchObject({ entity: 'customers', record: { id: 'cust-gen-001', deleted: true, version: 2 } });
      expect(page.cursor).toBeGreaterThan(cursor);
    });
  });
});
