import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type MutationEnvelope } from '../../lib/schema/api';
import type { Case, Customer } from '../../lib/schema/entities';
import { createApp } from '../app';
import { assignmentLockKey } from '../assignment/assign';
import { hashToken } from '../auth/tokens';
import type { Db } from '../db/database';
import { RECORD_LOCK_CLASS } from '../db/records';
import { DEMO_FIELD_POLICY } from '../policy/field-policy';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, caseData, client, createCase, ENGINES, expectError } from '../testing';
import { GROUPS_IN_FLIGHT, pushMutations, SessionRefused } from './push';

describe.each(ENGINES)('push on %s', (engine) => {
  const clock = DEMO_CLOCK;
  const { db, app, api } = appForSuite(engine, { now: () => clock });
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    for (const email of ['agent@tandem.demo', 'agent2@tandem.demo', 'billing@tandem.demo', 'manager@tandem.demo']) tokens[email] = await api.signIn(email);
  });

  const alex = () => tokens['agent@tandem.demo'] ?? '';
  const bea = () => tokens['agent2@tandem.demo'] ?? '';
  const cy = () => tokens['billing@tandem.demo'] ?? '';
  const morgan = () => tokens['manager@tandem.demo'] ?? '';
  const pushRaw = (token: string, body: string) => api.post('/sync/push', token, body);

  async function row<T>(table: string, id: string): Promise<(T & { seq: number }) | undefined> {
    const { rows } = await db().query<{ data: T; seq: string | number }>(`select data, seq from ${table} where id = $1`, [id]);
    const r = rows[0];
    return r ? { ...r.data, seq: Number(r.seq) } : undefined;
  }

  async function maxSeq(): Promise<number> {
    const { rows } = await db().query<{ n: string | number }>(
      'select greatest((select max(seq) from customers), (select max(seq) from cases), (select max(seq) from interactions)) as n',
    );
    return Number(rows[0]?.n ?? 0);
  }

  const ROAMING = { subject: 'Roaming charges in Spain', priority: 'low', channel: 'email', createdAt: '2026-11-20T08:00:00.000Z' };
  const newCase = (over: Record<string, unknown> = {}) => caseData({ ...ROAMING, ...over });
  const createRoamingCase = (over: Record<string, unknown> = {}) => createCase({ ...ROAMING, ...over });

  it('creates a case, computes its SLA from the policy table, and serves it on the next pull', async () => {
    const recordId = `case-${randomUUID()}`;
    const before = await maxSeq();
    const result = await api.pushOne(alex(), { ...createRoamingCase(), recordId });
    expect(result).toMatchObject({ status: 'applied', replayed: false, change: { entity: 'cases', record: { id: recordId, version: 1 } } });
    if (result.status !== 'applied' || result.change.entity !== 'cases') throw new Error('not applied');
    // email, low priority: first response within 48 hours of creation.
    expect(result.change.record.slaDueAt).toBe('2026-11-22T08:00:00.000Z');
    expect(result.change.record.updatedAt).toBe(clock.toISOString());
    expect(result.change.seq).toBeGreaterThan(before);
    const { changes } = await api.pullAll(bea(), { cursor: before });
    expect(changes.map((c) => c.record.id)).toContain(recordId);

    const urgent = await api.pushOne(alex(), createRoamingCase({ channel: 'twitter', priority: 'urgent' }));
    expect(urgent.status === 'applied' && urgent.change.entity === 'cases' && urgent.change.record.slaDueAt).toBe('2026-11-20T08:30:00.000Z');
    const none = await api.pushOne(alex(), createRoamingCase({ slaDueAt: null }));
    expect(none.status === 'applied' && none.change.entity === 'cases' && none.change.record.slaDueAt).toBe(null);
  });

  it('answers a replayed mutation with its original result and applies nothing twice', async () => {
    const mutation = { id: randomUUID(), ...createRoamingCase() };
    const first = await api.pushOne(alex(), mutation);
    const seq = await maxSeq();
    const again = await api.push(alex(), mutation, mutation);
    expect(again).toEqual([
      { ...first, replayed: true },
      { ...first, replayed: true },
    ]);
    expect(await maxSeq()).toBe(seq);

    // The same create under a new mutation id (its stored result lost) is recognised by content.
    const sameContent = await api.pushOne(alex(), { ...mutation, id: randomUUID() });
    expect(sameContent).toMatchObject({ status: 'applied', replayed: true });
    const clash = await api.pushOne(alex(), { ...mutation, id: randomUUID(), data: newCase({ subject: 'Something else' }) });
    expect(clash).toMatchObject({ status: 'conflict', fields: ['subject'] });

    const update = { id: randomUUID(), entity: 'cases', op: 'update', recordId: mutation.recordId, baseVersion: 1, patch: { status: 'open' } };
    const applied = await api.pushOne(alex(), update);
    expect(applied).toMatchObject({ status: 'applied', change: { record: { version: 2, status: 'open' } } });
    expect(await api.pushOne(alex(), update)).toEqual({ ...applied, replayed: true });
    expect((await row<Case>('cases', mutation.recordId))?.version).toBe(2);
    // A mutation id reused for another record is refused.
    expect(await api.pushOne(alex(), { ...update, recordId: 'case-jane-doe-tw' })).toMatchObject({ status: 'rejected', code: 'mutation_id_reused' });
  });

  it('answers a second capture of the same source with the existing case', async () => {
    const before = await maxSeq();
    const result = await api.pushOne(
      bea(),
      createRoamingCase({
        channel: 'twitter',
        source: { url: 'https://x.com/jane_doe/status/1861234567890123456', site: 'twitter', externalId: '1861234567890123456' },
      }),
    );
    expect(result).toMatchObject({ status: 'duplicate_source', change: { entity: 'cases', record: { id: 'case-jane-doe-tw' } } });
    expect(await maxSeq()).toBe(before);
    // The same post in another team is a different case.
    const olu = await api.pushOne(
      cy(),
      createRoamingCase({
        teamId: 'team-billing',
        customerId: 'cust-olu-ade',
        channel: 'twitter',
        source: { url: null, site: 'twitter', externalId: '1861234567890123456' },
      }),
    );
    expect(olu.status).toBe('applied');
  });

  it('holds the sources a push captures as it writes them: a second create names the first, a deleted case frees its source', async () => {
    const source = { url: null, site: 'zendesk', externalId: `zd-${randomUUID()}` };
    const [first, second, third] = [`case-${randomUUID()}`, `case-${randomUUID()}`, `case-${randomUUID()}`];
    const results = await api.push(
      morgan(),
      { ...createRoamingCase({ source }), recordId: first },
      { ...createRoamingCase({ source }), recordId: second },
      { entity: 'cases', op: 'delete', recordId: first, baseVersion: 1 },
      { ...createRoamingCase({ source }), recordId: third },
      { ...createRoamingCase({ source }), recordId: `case-${randomUUID()}` },
    );
    expect(results.map((r) => r.status)).toEqual(['applied', 'duplicate_source', 'applied', 'applied', 'duplicate_source']);
    expect(results[1]).toMatchObject({ change: { record: { id: first } } });
    expect(results[4]).toMatchObject({ change: { record: { id: third } } });
    expect(await row<Case>('cases', second)).toBeUndefined();
  });

  it('merges case edits field by field, tags as a set, and conflicts on a field changed since the base', async () => {
    const id = `case-${randomUUID()}`;
    await api.pushOne(alex(), { ...createRoamingCase({ tags: ['roaming'] }), recordId: id });
    const up = (token: string, patch: Record<string, unknown>, baseVersion = 1) =>
      api.pushOne(token, { entity: 'cases', op: 'update', recordId: id, baseVersion, patch });
    expect(await up(alex(), { status: 'open', tags: { add: ['spain'] } })).toMatchObject({ status: 'applied', change: { record: { version: 2 } } });
    // Bea edited from version 1 too: other fields and tag additions still apply.
    expect(await up(bea(), { priority: 'high', tags: { add: ['refund'], remove: ['roaming'] } })).toMatchObject({
      status: 'applied',
      change: { record: { version: 3, status: 'open', priority: 'high', tags: ['spain', 'refund'] } },
    });
    // A status change on a stale base where the server also changed status is a conflict, with the server's record.
    const stale = await up(bea(), { status: 'solved', subject: 'Roaming refund' });
    expect(stale).toMatchObject({ status: 'conflict', fields: ['status'], current: { entity: 'cases', record: { id, version: 3, status: 'open' } } });
    expect((await row<Case>('cases', id))?.subject).toBe('Roaming charges in Spain');
    // Rebased on the current version it applies.
    expect(await up(bea(), { status: 'solved' }, 3)).toMatchObject({ status: 'applied', change: { record: { version: 4, status: 'solved' } } });
    // A patch that changes nothing is applied without a new version.
    expect(await up(bea(), { status: 'solved' }, 4)).toMatchObject({ status: 'applied', change: { record: { version: 4 } } });
  });

  it('merges customer identities and tags as sets', async () => {
    const { version } = (await row<Customer>('customers', 'cust-gen-002')) ?? { version: 0 };
    const up = (token: string, patch: Record<string, unknown>) =>
      api.pushOne(token, { entity: 'customers', op: 'update', recordId: 'cust-gen-002', baseVersion: version, patch });
    expect((await up(alex(), { identities: { add: [{ kind: 'twitter', value: 'gen2_a' }] } })).status).toBe('applied');
    const second = await up(bea(), { identities: { add: [{ kind: 'email', value: 'gen2@example.org' }] }, tags: { add: ['vip'] } });
    expect(second.status).toBe('applied');
    const stored = await row<Customer>('customers', 'cust-gen-002');
    expect(stored?.identities).toEqual(
      expect.arrayContaining([
        { kind: 'twitter', value: 'gen2_a' },
        { kind: 'email', value: 'gen2@example.org' },
      ]),
    );
    expect(stored?.tags).toContain('vip');
    expect(stored?.version).toBe(version + 2);
    // Removing every identity would leave an invalid customer.
    const all = stored?.identities ?? [];
    const invalid = await api.pushOne(alex(), {
      entity: 'customers',
      op: 'update',
      recordId: 'cust-gen-002',
      baseVersion: version + 2,
      patch: { identities: { remove: all } },
    });
    expect(invalid).toMatchObject({ status: 'rejected', code: 'invalid_mutation' });
  });

  it('stores customer identities in canonical form, removes by canonical value, and refuses unreadable ones', async () => {
    const recordId = `cust-${randomUUID()}`;
    const created = await api.pushOne(alex(), {
      entity: 'customers',
      op: 'create',
      recordId,
      data: {
        teamId: 'team-care',
        name: 'Test User',
        tier: 'standard',
        language: 'en-GB',
        identities: [
          { kind: 'twitter', value: '@TestUser123' },
          { kind: 'twitter', value: 'https://x.com/testuser123' },
          { kind: 'email', value: ' Mixed@Case.com' },
          { kind: 'phone', value: '020 7946 0958' },
          { kind: 'phone', value: 'front desk, ask for Sam' },
        ],
      },
    });
    expect(created.status).toBe('applied');
    const canonical = [
      { kind: 'twitter', value: 'testuser123' },
      { kind: 'email', value: 'mixed@case.com' },
      { kind: 'phone', value: '+442079460958' },
      // A phone libphonenumber cannot read is kept, trimmed: it may still be the customer's real number.
      { kind: 'phone', value: 'front desk, ask for Sam' },
    ];
    expect((await row<Customer>('customers', recordId))?.identities).toEqual(canonical);

    const patched = await api.pushOne(bea(), {
      entity: 'customers',
      op: 'update',
      recordId,
      baseVersion: 1,
      patch: { identities: { add: [{ kind: 'facebook', value: 'https://www.facebook.com/Test.User' }], remove: [{ kind: 'email', value: 'MIXED@case.com' }] } },
    });
    expect(patched.status).toBe('applied');
    expect((await row<Customer>('customers', recordId))?.identities).toEqual([
      ...canonical.filter((i) => i.kind !== 'email'),
      { kind: 'facebook', value: 'test.user' },
    ]);

    const refused = await api.pushOne(alex(), {
      entity: 'customers',
      op: 'update',
      recordId,
      baseVersion: 2,
      patch: { identities: { add: [{ kind: 'email', value: 'not an email' }] } },
    });
    expect(refused).toMatchObject({ status: 'rejected', code: 'invalid_mutation', message: expect.stringContaining('email "not an email"') });
    expect((await row<Customer>('customers', recordId))?.version).toBe(2);
  });

  it('merges a customer made for a capture into the customer of its team sharing an identity, and stores no second one', async () => {
    const before = await db().query<{ n: string | number }>('select count(*) as n from customers');
    const localId = `cust-${randomUUID()}`;
    const caseId = `case-${randomUUID()}`;
    // A capture made before the first sync pulled Jane: a contact of its own, then its case, in one push.
    const [customer, kase] = await api.push(
      alex(),
      {
        entity: 'customers',
        op: 'create',
        recordId: localId,
        origin: 'capture',
        data: { teamId: 'team-care', name: '@Jane_Doe', tier: 'standard', language: 'en', identities: [{ kind: 'twitter', value: '@Jane_Doe' }] },
      },
      { ...createRoamingCase({ customerId: localId }), recordId: caseId },
    );
    expect(customer).toMatchObject({ status: 'duplicate_identity', replayed: false, change: { entity: 'customers', record: { id: 'cust-jane-doe' } } });
    // The case still named the local id: refused, for the client to send again under the existing customer.
    expect(kase).toMatchObject({ status: 'rejected', code: 'invalid_reference' });
    const again = await api.pushOne(alex(), { ...createRoamingCase({ customerId: 'cust-jane-doe' }), recordId: caseId });
    expect(again).toMatchObject({ status: 'applied', change: { record: { customerId: 'cust-jane-doe' } } });
    const after = await db().query<{ n: string | number }>('select count(*) as n from customers');
    expect(Number(after.rows[0]?.n)).toBe(Number(before.rows[0]?.n));
    // Sent again (its answer lost), the create answers the same.
    const replay = await api.push(alex(), {
      id: customer!.mutationId,
      entity: 'customers',
      op: 'create',
      recordId: localId,
      origin: 'capture',
      data: { teamId: 'team-care', name: '@Jane_Doe', tier: 'standard', language: 'en', identities: [{ kind: 'twitter', value: '@Jane_Doe' }] },
    });
    expect(replay[0]).toMatchObject({ status: 'duplicate_identity', replayed: true, change: { record: { id: 'cust-jane-doe' } } });
  });

  it('creates a customer an agent makes on purpose even when another of its team shares the identity (a household email)', async () => {
    const recordId = `cust-${randomUUID()}`;
    const created = await api.pushOne(alex(), {
      entity: 'customers',
      op: 'create',
      recordId,
      data: { teamId: 'team-care', name: 'Jane Doe senior', tier: 'standard', language: 'en', identities: [{ kind: 'twitter', value: 'jane_doe' }] },
    });
    expect(created).toMatchObject({ status: 'applied', change: { record: { id: recordId } } });
    expect(await row<Customer>('customers', recordId)).toMatchObject({ name: 'Jane Doe senior' });
  });

  it('refuses a capture origin on anything but a customer create', async () => {
    const refused = await api.pushOne(alex(), { ...createRoamingCase({ customerId: 'cust-jane-doe' }), recordId: `case-${randomUUID()}`, origin: 'capture' });
    expect(refused).toMatchObject({ status: 'rejected', code: 'invalid_mutation' });
  });

  it('creates a customer made for a capture whose identities nobody in its team has, even when another team has them', async () => {
    const recordId = `cust-${randomUUID()}`;
    // Billing's agent: Jane is Care's customer.
    const created = await api.pushOne(cy(), {
      entity: 'customers',
      op: 'create',
      recordId,
      origin: 'capture',
      data: { teamId: 'team-billing', name: 'Jane in Billing', tier: 'standard', language: 'en', identities: [{ kind: 'twitter', value: 'jane_doe' }] },
    });
    expect(created).toMatchObject({ status: 'applied', change: { record: { id: recordId } } });
  });

  it('answers a NUL, a lone surrogate or a year-0000 timestamp per mutation and stores the valid ones beside them', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()].map((id) => `case-${id}`);
    const results = await api.push(
      alex(),
      { ...createRoamingCase(), recordId: ids[0] },
      { ...createRoamingCase({ subject: 'Refund\u0000' }), recordId: ids[1] },
      { ...createRoamingCase({ subject: 'Half \ud83d' }), recordId: ids[2] },
      { ...createRoamingCase({ createdAt: '0000-01-01T00:00:00+23:59' }), recordId: ids[3] },
    );
    expect(results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['applied', 'invalid_mutation', 'invalid_mutation', 'invalid_mutation']);
    expect(await row<Case>('cases', ids[0] ?? '')).toBeDefined();
    for (const id of ids.slice(1)) expect(await row<Case>('cases', id)).toBeUndefined();
  });

  it('rejects alone a mutation the database refuses or fails on, storing nothing of it, and applies the next', async () => {
    const user = { id: 'user-alex', email: 'agent@tandem.demo', name: 'Alex Agent', role: 'agent' as const, teamIds: ['team-care'] };
    // Fails the statement writing a case that mentions POISON once it has run: the row written must roll back.
    const faulty = (fault: unknown): Db => ({
      ...db(),
      transaction: (fn) =>
        db().transaction((tx) =>
          fn({
            exec: (sql) => tx.exec(sql),
            async query<T>(sql: string, params?: unknown[]) {
              const result = await tx.query<T>(sql, params);
              if (sql.includes('insert into cases') && JSON.stringify(params ?? []).includes('POISON')) throw fault;
              return result;
            },
          }),
        ),
    });
    for (const [fault, code] of [
      [Object.assign(new Error('invalid byte sequence'), { code: '22021' }), 'invalid_mutation'],
      [new Error('the disk is on fire'), 'internal'],
    ] as const) {
      const bad = { ...createRoamingCase({ subject: 'POISON' }), id: randomUUID() };
      const good = { ...createRoamingCase(), id: randomUUID() };
      // Before the fault: a write that stays, and a rule's refusal (before any write) beside it.
      const first = { ...createRoamingCase(), id: randomUUID() };
      const foreign = { ...createRoamingCase({ teamId: 'team-billing', customerId: 'cust-olu-ade' }), id: randomUUID() };
      const results = await pushMutations(faulty(fault), user, [first, foreign, bad, good] as MutationEnvelope[], clock);
      expect(results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['applied', 'forbidden', code, 'applied']);
      expect(await row<Case>('cases', bad.recordId)).toBeUndefined();
      expect(await row<Case>('cases', foreign.recordId)).toBeUndefined();
      for (const kept of [first, good]) expect(await row<Case>('cases', kept.recordId)).toBeDefined();
    }
  });

  describe('group commit', () => {
    const users = {
      alex: { id: 'user-alex', email: 'agent@tandem.demo', name: 'Alex Agent', role: 'agent' as const, teamIds: ['team-care'] },
      bea: { id: 'user-bea', email: 'agent2@tandem.demo', name: 'Bea Berg', role: 'agent' as const, teamIds: ['team-care'] },
      cy: { id: 'user-cy', email: 'billing@tandem.demo', name: 'Cy Cole', role: 'agent' as const, teamIds: ['team-billing'] },
      morgan: { id: 'user-morgan', email: 'manager@tandem.demo', name: 'Morgan Manager', role: 'manager' as const, teamIds: ['team-care', 'team-billing'] },
    };
    /** The suite's database, counting its transactions and failing any statement `fails` picks (once it has run). */
    const watched = (fails: (sql: string, params: unknown[]) => boolean) => {
      const counts = { transactions: 0 };
      const wrapped: Db = {
        ...db(),
        transaction: (fn) => {
          counts.transactions += 1;
          return db().transaction((tx) =>
            fn({
              exec: (sql) => tx.exec(sql),
              async query<T>(sql: string, params: unknown[] = []) {
                const result = await tx.query<T>(sql, params);
                if (fails(sql, params)) throw new Error('the disk is on fire');
                return result;
              },
            }),
          );
        },
      };
      return { db: wrapped, counts };
    };
    const codes = (results: readonly { status: string; code?: string }[]) => results.map((r) => r.code ?? r.status);
    // GROUPS_IN_FLIGHT pushes sent in one tick run at once, each alone; those sent with them wait and run as one group.
    const fillers = () => Array.from({ length: GROUPS_IN_FLIGHT }, () => [{ ...createRoamingCase(), id: randomUUID() }] as MutationEnvelope[]);

    it('writes the pushes that wait together in one transaction, each with its own results, replays and failures', async () => {
      const { db: grouped, counts } = watched((sql, params) => sql.includes('insert into cases') && JSON.stringify(params).includes('POISON'));
      const once = { ...createRoamingCase(), id: randomUUID() };
      const across = { ...createRoamingCase(), id: randomUUID() };
      const bad = { ...createRoamingCase({ subject: 'POISON' }), id: randomUUID() };
      const good = { ...createRoamingCase(), id: randomUUID() };
      const foreign = { ...createRoamingCase(), id: randomUUID() };
      const billing = { ...createRoamingCase({ teamId: 'team-billing', customerId: 'cust-olu-ade' }), id: randomUUID() };
      const managed = { ...createRoamingCase({ teamId: 'team-billing', customerId: 'cust-olu-ade' }), id: randomUUID() };
      const [first, ...waves] = fillers();
      const pushes: [keyof typeof users, MutationEnvelope[]][] = [
        ['alex', [...(first ?? []), across] as MutationEnvelope[]],
        ...waves.map((w) => ['bea', w] as [keyof typeof users, MutationEnvelope[]]),
        ['alex', [once] as MutationEnvelope[]],
        ['bea', [bad, good] as MutationEnvelope[]],
        ['alex', [once] as MutationEnvelope[]],
        ['cy', [foreign, billing] as MutationEnvelope[]],
        ['morgan', [managed] as MutationEnvelope[]],
        ['alex', [across] as MutationEnvelope[]],
      ];
      const results = await Promise.all(pushes.map(([who, mutations]) => pushMutations(grouped, users[who], mutations, clock)));
      // The first wave alone, the six that waited in one group, which ran twice (the fault moves it under savepoints).
      expect(counts.transactions).toBe(GROUPS_IN_FLIGHT + 2);
      const late = results.slice(GROUPS_IN_FLIGHT);
      expect(late.map(codes)).toEqual([['applied'], ['internal', 'applied'], ['applied'], ['forbidden', 'applied'], ['applied'], ['applied']]);
      // The same mutation twice in one group, and again in a group after the one that applied it: one write, replayed.
      expect(late[2]).toEqual([{ ...late[0]?.[0], replayed: true }]);
      expect(late[5]).toEqual([{ ...results[0]?.[1], replayed: true }]);
      for (const kept of [once, across, good, billing, managed]) expect(await row<Case>('cases', kept.recordId)).toBeDefined();
      for (const refused of [bad, foreign]) expect(await row<Case>('cases', refused.recordId)).toBeUndefined();
    });

    it('runs each push of a group alone when the group fails outside any mutation, failing only the push it belongs to', async () => {
      // The group's read under the locks fails whenever it carries Cy's mutations: Cy's push fails, not its neighbours.
      const { db: grouped } = watched((sql, params) => sql.includes("'push_results'") && JSON.stringify(params).includes('user-cy'));
      const pushes: [keyof typeof users, MutationEnvelope[]][] = [
        ...fillers().map((w) => ['alex', w] as [keyof typeof users, MutationEnvelope[]]),
        ['alex', [{ ...createRoamingCase(), id: randomUUID() }] as MutationEnvelope[]],
        ['cy', [{ ...createRoamingCase({ teamId: 'team-billing', customerId: 'cust-olu-ade' }), id: randomUUID() }] as MutationEnvelope[]],
        ['bea', [{ ...createRoamingCase(), id: randomUUID() }] as MutationEnvelope[]],
      ];
      const settled = await Promise.allSettled(pushes.map(([who, mutations]) => pushMutations(grouped, users[who], mutations, clock)));
      expect(settled.map((s) => (s.status === 'fulfilled' ? codes(s.value) : String(s.reason)))).toEqual([
        ...fillers().map(() => ['applied']),
        ['applied'],
        'Error: the disk is on fire',
        ['applied'],
      ]);
    });

    it('refuses, in its own transaction, a push whose session was revoked or whose user changed since it was checked; its neighbours apply', async () => {
      const session = async (email: string) => ({ tokenHash: hashToken(await api.signIn(email)) });
      const [revoked, changed, fine] = [await session('agent2@tandem.demo'), await session('agent@tandem.demo'), await session('billing@tandem.demo')];
      // Committed before the pushes: a cache that still holds the session must not let them write.
      await db().query('update tokens set revoked_at = $2 where token_hash = $1', [revoked.tokenHash, clock.toISOString()]);
      const mutations = {
        revoked: { ...createRoamingCase(), id: randomUUID() },
        changed: { ...createRoamingCase(), id: randomUUID() },
        fine: { ...createRoamingCase({ teamId: 'team-billing', customerId: 'cust-olu-ade' }), id: randomUUID() },
      };
      const settled = await Promise.allSettled([
        ...fillers().map((w) => pushMutations(db(), users.alex, w, clock)),
        pushMutations(db(), users.bea, [mutations.revoked] as MutationEnvelope[], clock, undefined, revoked),
        // Alex as the session read him before a change of teams.
        pushMutations(db(), { ...users.alex, teamIds: ['team-care', 'team-billing'] }, [mutations.changed] as MutationEnvelope[], clock, undefined, changed),
        pushMutations(db(), users.cy, [mutations.fine] as MutationEnvelope[], clock, undefined, fine),
      ]);
      expect(settled.map((s) => (s.status === 'fulfilled' ? codes(s.value) : (s.reason as SessionRefused).reason))).toEqual([
        ...fillers().map(() => ['applied']),
        'revoked',
        'changed',
        ['applied'],
      ]);
      expect(await row<Case>('cases', mutations.revoked.recordId)).toBeUndefined();
      expect(await row<Case>('cases', mutations.changed.recordId)).toBeUndefined();
      expect(await row<Case>('cases', mutations.fine.recordId)).toBeDefined();
    });

    it('answers 401 to a push sent right after its session was signed out, and writes nothing', async () => {
      const token = await api.signIn('agent2@tandem.demo');
      expect(codes(await api.push(token, { ...createRoamingCase(), id: randomUUID() }))).toEqual(['applied']);
      await db().query('update tokens set revoked_at = $2 where token_hash = $1', [hashToken(token), clock.toISOString()]);
      const late = { ...createRoamingCase(), id: randomUUID() };
      await expectError(await api.post('/sync/push', token, { mutations: [late] }), 401, 'unauthorized');
      expect(await row<Case>('cases', late.recordId)).toBeUndefined();
    });

    it('pushes as the user now is when their teams changed after the session was read', async () => {
      const token = await api.signIn('agent2@tandem.demo');
      expect(codes(await api.push(token, { ...createRoamingCase(), id: randomUUID() }))).toEqual(['applied']);
      await db().query(`update users set team_ids = array['team-care', 'team-billing'] where id = 'user-bea'`);
      try {
        const billing = { ...createRoamingCase({ teamId: 'team-billing', customerId: 'cust-olu-ade' }), id: randomUUID() };
        expect(codes(await api.push(token, billing))).toEqual(['applied']);
        expect(await row<Case>('cases', billing.recordId)).toBeDefined();
      } finally {
        await db().query(`update users set team_ids = array['team-care'] where id = 'user-bea'`);
      }
    });

    it.runIf(engine === 'postgres')('makes a push whose session is being revoked wait for the revocation, then refuses it', async () => {
      const tokenHash = hashToken(await api.signIn('agent2@tandem.demo'));
      const revoker = new pg.Client({ connectionString: db().url });
      await revoker.connect();
      try {
        await revoker.query('begin');
        await revoker.query('update tokens set revoked_at = $2 where token_hash = $1', [tokenHash, clock.toISOString()]);
        const late = { ...createRoamingCase(), id: randomUUID() };
        const pushing = pushMutations(db(), users.bea, [late] as MutationEnvelope[], clock, undefined, { tokenHash }).then(
          () => 'applied',
          (err: unknown) => (err instanceof SessionRefused ? err.reason : String(err)),
        );
        let early: string | undefined;
        void pushing.then((outcome) => {
          early = outcome;
        });
        // The push waits on the token's row lock, held by the revocation not yet committed (the only transaction it can wait on).
        for (; early === undefined; ) {
          const { rows } = await revoker.query(
            `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'transactionid'`,
          );
          if (rows.length > 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        expect(early, 'the push ended without waiting for the revocation in flight').toBeUndefined();
        await revoker.query('commit');
        expect(await pushing).toBe('revoked');
        expect(await row<Case>('cases', late.recordId)).toBeUndefined();
      } finally {
        await revoker.end();
      }
    });
  });

  it.runIf(engine === 'postgres')('lets a capture into a manual team through while another batch holds the team’s assignment turn', async () => {
    // Another server connection holds the turn a new case of team-care would take if the team assigned (it is manual).
    const holder = new pg.Client({ connectionString: db().url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock($1, hashtext($2))', [RECORD_LOCK_CLASS, assignmentLockKey('team-care')]);
      const pushing = api.post('/sync/push', alex(), { mutations: [{ id: randomUUID(), ...createRoamingCase() }] });
      // Resolves when the push waits on an advisory lock: a push that queues behind the holder loses the race.
      const blocked = (async () => {
        for (;;) {
          const { rows } = await holder.query(
            `select 1 from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`,
          );
          if (rows.length > 0) return 'blocked';
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const outcome = await Promise.race([pushing.then(async (res) => ((await res.json()) as { results: { status: string }[] }).results), blocked]);
      expect(outcome).not.toBe('blocked');
      expect(typeof outcome === 'string' ? [] : outcome.map((r) => r.status)).toEqual(['applied']);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
  });

  it('appends interactions, refuses to edit them, and checks their references', async () => {
    const data = {
      teamId: 'team-care',
      customerId: 'cust-jane-doe',
      caseId: 'case-jane-doe-tw',
      channel: 'twitter',
      visibility: 'public',
      direction: 'outbound',
      text: 'We are on it, Jane.',
      occurredAt: '2026-11-20T08:59:00.000Z',
    };
    const recordId = `int-${randomUUID()}`;
    expect(await api.pushOne(alex(), { entity: 'interactions', op: 'create', recordId, data })).toMatchObject({ status: 'applied' });
    expect(await api.pushOne(alex(), { entity: 'interactions', op: 'update', recordId, baseVersion: 1, patch: { text: 'x' } })).toMatchObject({
      status: 'rejected',
      code: 'op_not_allowed',
    });
    const wrongCase = await api.pushOne(alex(), {
      entity: 'interactions',
      op: 'create',
      recordId: `int-${randomUUID()}`,
      data: { ...data, customerId: 'cust-marcus-chen' },
    });
    expect(wrongCase).toMatchObject({ status: 'rejected', code: 'invalid_reference' });
    // A customer of another team is not one the caller can see, even under their own team id.
    const otherTeam = await api.pushOne(alex(), {
      entity: 'interactions',
      op: 'create',
      recordId: `int-${randomUUID()}`,
      data: { ...data, customerId: 'cust-olu-ade', caseId: null },
    });
    expect(otherTeam).toMatchObject({ status: 'rejected', code: 'invalid_reference' });
  });

  it('refuses cross-team writes per mutation, applies the rest, and writes nothing for the refused', async () => {
    const before = await row<Customer>('customers', 'cust-olu-ade');
    const okId = `case-${randomUUID()}`;
    const results = await api.push(
      alex(),
      { entity: 'customers', op: 'update', recordId: 'cust-olu-ade', baseVersion: 1, patch: { name: 'Hijacked' } },
      createRoamingCase({ teamId: 'team-billing', customerId: 'cust-olu-ade' }),
      { ...createRoamingCase(), recordId: okId },
      createRoamingCase({ subject: 42 }),
      { entity: 'articles', op: 'update', recordId: 'kb-001', baseVersion: 1, patch: { title: 'Mine' } },
      { entity: 'cases', op: 'delete', recordId: okId, baseVersion: 1 },
    );
    expect(results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
      'not_found',
      'forbidden',
      'applied',
      'invalid_mutation',
      'op_not_allowed',
      'forbidden',
    ]);
    expect(await row<Customer>('customers', 'cust-olu-ade')).toEqual(before);
    const invalid = results[3];
    expect(invalid?.status === 'rejected' && invalid.details).toEqual([expect.objectContaining({ path: 'data.subject' })]);
  });

  it('refuses authored content for every role: it is written only through /manager/*, with its history and reach checked', async () => {
    const admin = await api.signIn('admin@tandem.demo');
    const before = await row<{ title: string }>('articles', 'kb-001');
    for (const token of [alex(), morgan(), admin]) {
      const results = await api.push(
        token,
        { entity: 'articles', op: 'update', recordId: 'kb-001', baseVersion: 1, patch: { title: 'Pushed' } },
        { entity: 'snippets', op: 'create', recordId: `sn-${randomUUID()}`, data: {} },
        { entity: 'broadcasts', op: 'delete', recordId: 'bc-001', baseVersion: 1 },
      );
      expect(results.map((r) => r.status === 'rejected' && r.code)).toEqual(['op_not_allowed', 'op_not_allowed', 'op_not_allowed']);
      expect(results[0]?.status === 'rejected' && results[0].message).toContain('/manager/articles');
    }
    expect(await row('articles', 'kb-001')).toEqual(before);
  });

  it('hides policy fields in results and refuses patches to them', async () => {
    const policed = client(createApp({ db: db(), now: () => clock, fieldPolicy: DEMO_FIELD_POLICY }));
    const results = await policed.push(
      alex(),
      { entity: 'customers', op: 'update', recordId: 'cust-gen-003', baseVersion: 1, patch: { lifetimeValueCents: 1 } },
      { entity: 'customers', op: 'update', recordId: 'cust-gen-003', baseVersion: 1, patch: { tags: { add: ['x'] } } },
    );
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(results[1]?.status).toBe('applied');
    expect(results[1]?.status === 'applied' && 'lifetimeValueCents' in results[1].change.record).toBe(false);
    expect(results[1]?.status === 'applied' && results[1].change.record).toMatchObject({ valueBand: expect.any(String) });
  });

  it('refuses malformed, mistyped, unknown-field, oversized and unauthenticated pushes with stable codes', async () => {
    const before = await maxSeq();
    await expectError(await pushRaw(alex(), '{"mutations": ['), 400, 'invalid_json');
    await expectError(await pushRaw(alex(), ''), 400, 'invalid_json');
    await expectError(await pushRaw(alex(), JSON.stringify({ mutations: 'all of them' })), 400, 'invalid_request');
    await expectError(await pushRaw(alex(), JSON.stringify({ mutations: [], force: true })), 400, 'invalid_request');
    await expectError(
      await pushRaw(alex(), JSON.stringify({ mutations: [{ id: randomUUID(), entity: 'cases', op: 'update', recordId: 'case-jane-doe-tw', sudo: true }] })),
      400,
      'invalid_request',
    );
    await expectError(await pushRaw(alex(), JSON.stringify({ mutations: [{ id: 1, entity: 'users', op: 'drop' }] })), 400, 'invalid_request');
    const many = Array.from({ length: 101 }, () => ({ id: randomUUID(), ...createRoamingCase() }));
    await expectError(await pushRaw(alex(), JSON.stringify({ mutations: many })), 400, 'too_many_mutations');
    await expectError(
      await pushRaw(alex(), JSON.stringify({ mutations: [{ ...many[0], data: newCase({ subject: 'x'.repeat(1_100_000) }) }] })),
      413,
      'payload_too_large',
    );
    await expectError(await pushRaw('forged-token', JSON.stringify({ mutations: [] })), 401, 'unauthorized');
    await expectError(await pushRaw(Buffer.alloc(32, 9).toString('base64url'), JSON.stringify({ mutations: [] })), 401, 'unauthorized');
    const expired = createApp({ db: db(), now: () => new Date(clock.getTime() + 13 * 3600_000) });
    await expectError(
      await expired.request('/sync/push', { method: 'POST', body: '{"mutations":[]}', headers: { Authorization: `Bearer ${alex()}` } }),
      401,
      'unauthorized',
    );
    expect(await maxSeq()).toBe(before);
    // An empty batch is fine.
    expect(await api.push(alex())).toEqual([]);
  });

  it('refuses a huge body sent without Content-Length over real HTTP, closing the connection', async () => {
    const http = serve({ fetch: app().fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => http.once('listening', resolve));
    const server = { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
    try {
      const { status, body, connection } = await new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
        const req = httpRequest(
          `${server.url}/sync/push`,
          { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
          (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }));
          },
        );
        req.on('error', (err) => (err.message.includes('EPIPE') || err.message.includes('ECONNRESET') ? undefined : reject(err)));
        const chunk = 'x'.repeat(64 * 1024);
        for (let i = 0; i < 20; i++) req.write(chunk);
        req.end();
      });
      expect(status).toBe(413);
      expect(ApiError.parse(JSON.parse(body)).error.code).toBe('payload_too_large');
      // The unread rest of the body makes the socket unusable; the answer says so rather than promise keep-alive.
      expect(connection).toBe('close');
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });

  it('over real HTTP, refuses a declared length over the limit before its body, and reads a push within it', async () => {
    const http = serve({ fetch: app().fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => http.once('listening', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/sync/push`;
    try {
      // The body is never sent in full: the answer comes from the header alone.
      const { status, body, connection } = await new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
        const req = httpRequest(
          url,
          { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': '2000000', Authorization: `Bearer ${alex()}` } },
          (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () => {
              req.destroy();
              resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection });
            });
          },
        );
        req.on('error', (err) => (err.message.includes('EPIPE') || err.message.includes('ECONNRESET') ? undefined : reject(err)));
        req.write('x'.repeat(64 * 1024));
      });
      expect(status).toBe(413);
      expect(ApiError.parse(JSON.parse(body)).error.code).toBe('payload_too_large');
      expect(connection).toBe('close');

      const recordId = `case-${randomUUID()}`;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${alex()}` },
        body: JSON.stringify({ mutations: [{ id: randomUUID(), ...createRoamingCase(), recordId }] }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ results: [{ status: 'applied', change: { record: { id: recordId } } }] });
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });

  it('answers scope_changed to a pull with a cursor older than a change of teams', async () => {
    const { cursor } = await api.pullAll(cy());
    await db().query(`update users set team_ids = array['team-billing', 'team-care'] where id = 'user-cy'`);
    await expectError(await api.get(`/sync/pull?cursor=${cursor}`, cy()), 409, 'scope_changed');
    // Starting again from 0 reaches the end, and the cursor it ends on is accepted.
    const restart = await api.pullAll(cy());
    expect(restart.changes.some((c) => c.record.id === 'cust-jane-doe')).toBe(true);
    expect((await api.get(`/sync/pull?cursor=${restart.cursor}`, cy())).status).toBe(200);
    await db().query(`update users set team_ids = array['team-billing'] where id = 'user-cy'`);
  });
});
