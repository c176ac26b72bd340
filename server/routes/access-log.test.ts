import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../lib/schema/entities';
import { AccessLogResponse, FieldPolicyResponse, RevealResponse } from '../../lib/schema/privacy';
import { purgeAccessLog } from '../policy/access-log';
import { DEMO_FIELD_POLICY } from '../policy/field-policy';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, ENGINES, expectError, expectOk } from '../testing';

const JANE = 'cust-jane-doe';
const JANE_PHONE = '+14155550123';

describe.each(ENGINES)('field policy, reveal and access log on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK, fieldPolicy: DEMO_FIELD_POLICY });
  const tokens = { agent: '', billingAgent: '', manager: '', admin: '' };

  const janeAs = async (token: string): Promise<Customer> => {
    const { changes } = await api.pullAll(token);
    const change = changes.find((c) => c.record.id === JANE);
    if (change?.entity !== 'customers') throw new Error('Jane is not in the pull');
    return change.record;
  };
  const setPolicy = (body: Record<string, unknown>, token = tokens.admin) => api.put('/admin/field-policy', token, body);
  const log = async (token: string, query = '') => expectOk(await api.get(`/privacy/access-log${query}`, token), AccessLogResponse);

  beforeAll(async () => {
    tokens.agent = await api.signIn('agent@tandem.demo');
    tokens.billingAgent = await api.signIn('billing@tandem.demo');
    tokens.manager = await api.signIn('manager@tandem.demo');
    tokens.admin = await api.signIn('admin@tandem.demo');
  });

  it('masks what an admin sets for a role and team, from the next pull, and leaves other roles whole', async () => {
    const { cursor } = await api.pullAll(tokens.agent);
    const policy = await expectOk(
      await setPolicy({ role: 'agent', teamId: 'team-care', customer: { phone: 'masked', email: 'masked' }, interactions: {}, mayReveal: true }),
      FieldPolicyResponse,
    );
    expect(policy.defaults.agent.customer).toEqual({ lifetimeValueCents: 'masked' });
    expect(policy.rules).toMatchObject([{ role: 'agent', teamId: 'team-care', customer: { phone: 'masked' }, updatedBy: 'user-ada' }]);
    // What the agent cached under the old policy must go: their old cursor is refused, so they pull again from 0.
    await expectError(await api.get(`/sync/pull?cursor=${cursor}`, tokens.agent), 409, 'scope_changed');
    const masked = await janeAs(tokens.agent);
    expect(masked.identities).toContainEqual({ kind: 'phone', value: '•••• 0123' });
    expect(masked.identities).toContainEqual({ kind: 'email', value: 'j•••@example.com' });
    expect(masked.masking).toEqual({ masked: expect.arrayContaining(['phone', 'email', 'lifetimeValueCents']), revealable: true });
    expect(masked.valueBand).toBe('medium');
    const whole = await janeAs(tokens.manager);
    expect(whole.identities).toContainEqual({ kind: 'phone', value: JANE_PHONE });
    expect(whole.lifetimeValueCents).toBe(184_250);
    expect(whole.masking).toBeUndefined();
  });

  it('sends masked agents live events that carry no customer data, only the cursor to pull under the policy', async () => {
    const live = await api.openLive(tokens.agent);
    try {
      await live.until((t) => t.includes(': connected'));
      const { changes } = await api.pullAll(tokens.manager);
      const version = changes.find((c) => c.record.id === JANE)?.record.version ?? 0;
      await api.push(tokens.manager, { entity: 'customers', op: 'update', recordId: JANE, baseVersion: version, patch: { tags: { add: ['live'] } } });
      const text = await live.until((t) => t.includes('event: cursor'));
      expect(text).not.toContain(JANE_PHONE);
      expect(text).not.toContain('jane.doe@example.com');
    } finally {
      live.close();
    }
  });

  it('masks push results the same way', async () => {
    const { changes } = await api.pullAll(tokens.agent);
    const version = changes.find((c) => c.record.id === JANE)?.record.version ?? 0;
    const [result] = await api.push(tokens.agent, {
      entity: 'customers',
      op: 'update',
      recordId: JANE,
      baseVersion: version,
      patch: { tags: { add: ['policy'] } },
    });
    expect(result?.status).toBe('applied');
    const record = result?.status === 'applied' ? result.change.record : {};
    expect(JSON.stringify(record)).not.toContain(JANE_PHONE);
    expect(record).toMatchObject({ valueBand: 'medium' });
  });

  it('refuses modes a field cannot take, unknown teams, and anyone but an admin', async () => {
    await expectError(await setPolicy({ role: 'agent', teamId: null, customer: { name: 'hidden' }, interactions: {} }), 400, 'invalid_request');
    await expectError(await setPolicy({ role: 'agent', teamId: 'team-nobody', customer: {}, interactions: {} }), 400, 'unknown_team');
    await expectError(await setPolicy({ role: 'agent', teamId: null, customer: {}, interactions: {} }, tokens.manager), 403, 'forbidden');
  });

  it('reveals a masked value to a role allowed to, with a reason, and logs it; refuses without a reason or the right', async () => {
    await expectError(await api.post('/privacy/reveal', tokens.agent, { entity: 'customers', id: JANE, field: 'phone', reason: '' }), 400, 'invalid_request');
    const revealed = await expectOk(
      await api.post('/privacy/reveal', tokens.agent, { entity: 'customers', id: JANE, field: 'phone', reason: 'Customer asked for a call back' }),
      RevealResponse,
    );
    expect(revealed).toEqual({ field: 'phone', values: [JANE_PHONE] });
    // Billing's agent cannot see Jane at all; the answer does not say she exists.
    await expectError(
      await api.post('/privacy/reveal', tokens.billingAgent, { entity: 'customers', id: JANE, field: 'phone', reason: 'Curious about it' }),
      404,
      'not_found',
    );
    // Agents have no reveal right for lifetime value (the demo default).
    await setPolicy({ role: 'agent', teamId: 'team-care', customer: { phone: 'masked', email: 'masked' }, interactions: {}, mayReveal: false });
    await expectError(
      await api.post('/privacy/reveal', tokens.agent, { entity: 'customers', id: JANE, field: 'lifetimeValueCents', reason: 'Upsell check' }),
      403,
      'forbidden',
    );
    const { entries } = await log(tokens.manager, `?customerId=${JANE}&action=revealed`);
    expect(entries).toMatchObject([
      { userId: 'user-alex', userName: 'Alex Agent', customerId: JANE, field: 'phone', reason: 'Customer asked for a call back' },
    ]);
  });

  it('logs card openings sent as usage events once, for customers the sender can see, under their team', async () => {
    const event = { id: randomUUID(), type: 'card_opened', itemKind: 'customer', itemId: JANE, surface: 'sidepanel', occurredAt: DEMO_CLOCK.toISOString() };
    const billingCustomer = { ...event, id: randomUUID(), itemId: 'cust-olu-ade', surface: 'page' };
    expect((await api.post('/usage/events', tokens.agent, { events: [event, billingCustomer] })).status).toBe(200);
    expect((await api.post('/usage/events', tokens.agent, { events: [event] })).status).toBe(200);
    const { entries } = await log(tokens.admin, '?action=card_opened');
    expect(entries).toMatchObject([{ userId: 'user-alex', customerId: JANE, teamId: 'team-care', surface: 'sidepanel' }]);
    const usage = await db().query('select 1 from usage_events where type = $1', ['card_opened']);
    expect(usage.rows).toEqual([]);
  });

  it('lets managers and admins filter the log, and no one else read it', async () => {
    await expectError(await api.get('/privacy/access-log', tokens.agent), 403, 'forbidden');
    const all = await log(tokens.manager);
    expect(all.retentionDays).toBe(365);
    expect(all.entries.map((e) => e.action).sort()).toEqual(['card_opened', 'revealed']);
    expect((await log(tokens.manager, '?userId=user-cy')).entries).toEqual([]);
    expect((await log(tokens.manager, `?from=${encodeURIComponent(new Date(DEMO_CLOCK.getTime() + 1000).toISOString())}`)).entries).toEqual([]);
    expect((await log(tokens.manager, '?limit=1')).entries).toHaveLength(1);
  });

  it('is append-only: the database refuses updates and deletes; only the retention purge removes old entries', async () => {
    await expect(db().query(`update access_log set reason = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(db().query('delete from access_log')).rejects.toThrow(/append-only/);
    await db().query(`insert into access_log (at, user_id, team_id, customer_id, action) values ($1, 'user-alex', 'team-care', $2, 'card_opened')`, [
      new Date(DEMO_CLOCK.getTime() - 400 * 24 * 3600_000).toISOString(),
      JANE,
    ]);
    expect(await purgeAccessLog(db(), DEMO_CLOCK, 365)).toBe(1);
    expect((await log(tokens.admin)).entries).toHaveLength(2);
  });

  it('puts the agent back on the default once the team rule is emptied', async () => {
    await setPolicy({ role: 'agent', teamId: 'team-care', customer: {}, interactions: {} });
    const jane = await janeAs(tokens.agent);
    expect(jane.identities).toContainEqual({ kind: 'phone', value: JANE_PHONE });
    expect((await expectOk(await api.get('/admin/field-policy', tokens.admin), FieldPolicyResponse)).rules).toEqual([]);
  });
});
