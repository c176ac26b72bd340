import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../lib/schema/api';
import {
  AccessLogResponse,
  CustomerExport,
  ErasureResponse,
  PrivacyCustomersResponse,
  RetentionResponse,
  RetentionRunResponse,
} from '../../lib/schema/privacy';
import { makePng } from '../attachments/test-images';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, caseData, ENGINES, expectError, expectOk } from '../testing';
import { queueWebhookEvents } from '../webhooks/dispatch';

const DAY_MS = 24 * 3600_000;
const JANE = 'cust-jane-doe';
const JANE_PHONE = '+14155550123';
const JANE_EMAIL = 'jane.doe@example.com';

describe.each(ENGINES)('retention, erasure and export on %s', (engine) => {
  let clock = DEMO_CLOCK;
  const { db, api } = appForSuite(engine, { now: () => clock });
  const tokens = { agent: '', manager: '', admin: '' };

  const interaction = (text: string, overrides: Record<string, unknown> = {}) => ({
    entity: 'interactions',
    op: 'create',
    recordId: `ix-${randomUUID()}`,
    data: {
      teamId: 'team-care',
      customerId: JANE,
      caseId: null,
      channel: 'email',
      visibility: 'private',
      direction: 'inbound',
      text,
      occurredAt: clock.toISOString(),
      ...overrides,
    },
  });
  const created = async (token: string, mutation: ReturnType<typeof interaction> | Record<string, unknown>) => {
    const result = await api.pushOne(token, mutation);
    if (result.status !== 'applied') throw new Error(`push: ${JSON.stringify(result)}`);
    return result.change.record.id;
  };
  const upload = (caseId: string) =>
    api.request(`/attachments/${randomUUID()}?caseId=${caseId}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${tokens.agent}` },
      body: makePng(4, 4),
    });
  const since = async (token: string, cursor: number): Promise<Map<string, Change>> =>
    new Map((await api.pullAll(token, { cursor })).changes.map((c) => [c.record.id, c]));
  const log = async (query: string) => expectOk(await api.get(`/privacy/access-log${query}`, tokens.admin), AccessLogResponse);

  beforeAll(async () => {
    tokens.agent = await api.signIn('agent@tandem.demo');
    tokens.manager = await api.signIn('manager@tandem.demo');
    tokens.admin = await api.signIn('admin@tandem.demo');
  });

  it('is off by default; the demo seeds Billing with a year, and its first run removes the older interactions it seeded', async () => {
    const { teams } = await expectOk(await api.get('/privacy/retention', tokens.admin), RetentionResponse);
    expect(teams.map((t) => [t.teamId, t.days])).toEqual([
      ['team-billing', 365],
      ['team-care', null],
    ]);
    const { rows: seeded } = await db().query(
      "select id from interactions where team_id = 'team-billing' and not deleted and (data->>'occurredAt')::timestamptz < $1",
      [new Date(DEMO_CLOCK.getTime() - 365 * DAY_MS).toISOString()],
    );
    expect(seeded).toHaveLength(3);
    const run = await expectOk(await api.post('/privacy/retention/run', tokens.admin, {}), RetentionRunResponse);
    expect(run.teams).toMatchObject([{ teamId: 'team-billing', days: 365, removed: { interactions: 3, cases: 0, screenshots: 0 } }]);
  });

  it("removes a team's interactions and closed cases older than its period, with their screenshots, from the server and, by tombstones, from caches", async () => {
    // A year and more ago: an interaction, a solved case with a screenshot, and an interaction of a case still open.
    clock = new Date(DEMO_CLOCK.getTime() - 400 * DAY_MS);
    const oldText = 'Old message quoting card ending 4242';
    const oldInteraction = await created(tokens.agent, interaction(oldText));
    const solvedCase = await created(tokens.agent, {
      entity: 'cases',
      op: 'create',
      recordId: `case-${randomUUID()}`,
      data: caseData({ subject: 'Old solved case', status: 'solved' }),
    });
    expect((await upload(solvedCase)).status).toBe(201);
    const openCase = await created(tokens.agent, {
      entity: 'cases',
      op: 'create',
      recordId: `case-${randomUUID()}`,
      data: caseData({ subject: 'Old open case' }),
    });
    const openCaseInteraction = await created(tokens.agent, interaction('Still being worked on', { caseId: openCase }));
    clock = DEMO_CLOCK;
    const recent = await created(tokens.agent, interaction('Yesterday'));
    const { cursor } = await api.pullAll(tokens.agent);

    const set = await expectOk(await api.put('/privacy/retention/team-care', tokens.admin, { days: 365 }), RetentionResponse);
    expect(set.teams.find((t) => t.teamId === 'team-care')).toMatchObject({ days: 365, updatedBy: 'user-ada' });
    const run = await expectOk(await api.post('/privacy/retention/run', tokens.admin, { teamId: 'team-care' }), RetentionRunResponse);
    expect(run.teams).toEqual([
      {
        teamId: 'team-care',
        days: 365,
        cutoff: new Date(DEMO_CLOCK.getTime() - 365 * DAY_MS).toISOString(),
        removed: { customers: 0, interactions: 1, cases: 1, screenshots: 1 },
      },
    ]);

    // The agent's next pull carries tombstones without content; the rest is untouched.
    const changes = await since(tokens.agent, cursor);
    expect(changes.get(oldInteraction)?.record).toMatchObject({ deleted: true, text: '' });
    expect(changes.get(solvedCase)?.record).toMatchObject({ deleted: true, subject: 'Removed', source: { url: null, externalId: null } });
    expect([...changes.keys()].sort()).toEqual([oldInteraction, solvedCase].sort());
    expect(JSON.stringify([...changes.values()])).not.toContain('4242');
    const { rows: left } = await db().query<{ id: string }>('select id from interactions where id = any($1::text[]) and not deleted', [
      [openCaseInteraction, recent],
    ]);
    expect(left).toHaveLength(2);
    const { rows: shots } = await db().query('select 1 from attachments where case_id = $1', [solvedCase]);
    expect(shots).toHaveLength(0);
    // Stored push answers no longer hold the text either.
    const { rows: stored } = await db().query<{ result: unknown }>('select result from push_results where record_id = $1', [oldInteraction]);
    expect(JSON.stringify(stored)).not.toContain('4242');

    // Logged with counts and no content; the console lists it as the team's last run.
    const { entries } = await log('?action=retention_run');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      teamId: 'team-care',
      customerId: null,
      userId: 'user-ada',
      // Counts as data (the console words them in the reader's language), no server-written sentence.
      reason: null,
      details: { days: 365, removed: { customers: 0, interactions: 1, cases: 1, screenshots: 1 } },
    });
    const listed = await expectOk(await api.get('/privacy/retention', tokens.admin), RetentionResponse);
    expect(listed.teams.find((t) => t.teamId === 'team-care')?.lastRun).toMatchObject({
      summary: null,
      details: { days: 365, removed: { interactions: 1, cases: 1, screenshots: 1 } },
    });

    // A second run finds nothing new and writes no change.
    const again = await expectOk(await api.post('/privacy/retention/run', tokens.admin, { teamId: 'team-care' }), RetentionRunResponse);
    expect(again.teams[0]?.removed).toEqual({ customers: 0, interactions: 0, cases: 0, screenshots: 0 });
    expect((await since(tokens.agent, (await api.pullAll(tokens.agent, { cursor })).cursor)).size).toBe(0);

    // Off again: nothing more is deleted by age.
    const off = await expectOk(await api.put('/privacy/retention/team-care', tokens.admin, { days: null }), RetentionResponse);
    expect(off.teams.find((t) => t.teamId === 'team-care')?.days).toBeNull();
  });

  it('refuses a period out of range and an unknown team', async () => {
    await expectError(await api.put('/privacy/retention/team-care', tokens.admin, { days: 0 }), 400, 'invalid_request');
    await expectError(await api.put('/privacy/retention/team-nowhere', tokens.admin, { days: 30 }), 400, 'unknown_team');
  });

  it('finds a customer by name or identity for an admin', async () => {
    const { customers } = await expectOk(await api.get('/privacy/customers?q=jane.doe%40example', tokens.admin), PrivacyCustomersResponse);
    expect(customers.map((c) => c.id)).toEqual([JANE]);
    expect(customers[0]?.cases).toBeGreaterThan(0);
    const { customers: none } = await expectOk(await api.get('/privacy/customers?q=%25%25', tokens.admin), PrivacyCustomersResponse);
    expect(none).toEqual([]);
  });

  it('exports everything held about a customer as JSON, and logs the export', async () => {
    const res = await api.get(`/privacy/customers/${JANE}/export`, tokens.admin);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="customer-${JANE}.json"`);
    const exported = await expectOk(res, CustomerExport);
    expect(exported.customer.identities).toContainEqual({ kind: 'phone', value: JANE_PHONE });
    expect(exported.interactions.length).toBeGreaterThan(0);
    expect(exported.interactions.every((i) => i.customerId === JANE)).toBe(true);
    expect(exported.cases.every((c) => c.customerId === JANE)).toBe(true);
    // The export is in the access log, and the export lists it.
    expect(exported.accessLog[0]).toMatchObject({ action: 'exported', userId: 'user-ada', customerId: JANE });
    await expectError(await api.get('/privacy/customers/cust-nobody/export', tokens.admin), 404, 'not_found');
  });

  it('erases a customer: every agent pulls tombstones without their data, nothing on the server holds it, the log keeps the reason', async () => {
    // A webhook queues her changes (a new case with her phone, an edit of her record) before the request comes in.
    const hook = await api.post('/admin/webhooks', tokens.admin, { url: 'https://hooks.example.com/crm', events: ['customer.changed', 'case.changed'] });
    expect(hook.status).toBe(201);
    const janeVersion = (await db().query<{ version: number }>('select version from customers where id = $1', [JANE])).rows[0]?.version;
    await created(tokens.admin, { entity: 'customers', op: 'update', recordId: JANE, baseVersion: janeVersion, patch: { language: 'en-US' } });
    const shotCase = await created(tokens.agent, {
      entity: 'cases',
      op: 'create',
      recordId: `case-${randomUUID()}`,
      data: caseData({ subject: `Call ${JANE_PHONE}` }),
    });
    expect((await upload(shotCase)).status).toBe(201);
    expect(await queueWebhookEvents(db(), clock)).toBeGreaterThanOrEqual(2);
    const { cursor: agentCursor, changes: before } = await api.pullAll(tokens.agent);
    const janes = before
      .filter((c) => !c.record.deleted && (c.record.id === JANE || (c.record as { customerId?: string }).customerId === JANE))
      .map((c) => c.record.id);
    const { cursor: managerCursor } = await api.pullAll(tokens.manager);

    await expectError(await api.post(`/privacy/customers/${JANE}/erase`, tokens.admin, { reason: 'no' }), 400, 'invalid_request');
    const erased = await expectOk(await api.post(`/privacy/customers/${JANE}/erase`, tokens.admin, { reason: 'Request #4711 by email' }), ErasureResponse);
    expect(erased.removed.customers).toBe(1);
    expect(erased.removed.screenshots).toBe(1);

    for (const [token, cursor] of [
      [tokens.agent, agentCursor],
      [tokens.manager, managerCursor],
    ] as const) {
      const changes = await since(token, cursor);
      // Every record of hers the agent held comes back as a tombstone in one pull.
      for (const id of janes) expect(changes.get(id)?.record.deleted, id).toBe(true);
      const text = JSON.stringify([...changes.values()]);
      for (const value of [JANE_PHONE, JANE_EMAIL, 'Jane']) expect(text).not.toContain(value);
    }
    // Nothing on the server holds her data: records, stored push answers, webhook deliveries, screenshots (her id stays:
    // it names no one).
    const { rows } = await db().query<{ n: string }>(
      `select (select count(*) from customers where (data - 'id')::text ilike '%jane%') + (select count(*) from interactions where data::text ilike $1)
            + (select count(*) from cases where data::text ilike $1) + (select count(*) from push_results where result::text ilike $1)
            + (select count(*) from webhook_deliveries where payload::text ilike $1 or payload::text ilike '%Jane Doe%') as n`,
      [`%${JANE_PHONE}%`],
    );
    expect(Number(rows[0]?.n)).toBe(0);
    expect((await db().query('select 1 from attachments where case_id = $1', [shotCase])).rows).toHaveLength(0);

    // An offline edit cannot bring her back; she can be neither found, exported nor erased again.
    const [edit] = await api.push(tokens.agent, { entity: 'customers', op: 'update', recordId: JANE, baseVersion: 1, patch: { name: 'Jane Doe' } });
    expect(edit?.status).toBe('conflict');
    expect((await expectOk(await api.get('/privacy/customers?q=Jane', tokens.admin), PrivacyCustomersResponse)).customers).toEqual([]);
    await expectError(await api.get(`/privacy/customers/${JANE}/export`, tokens.admin), 404, 'not_found');
    await expectError(await api.post(`/privacy/customers/${JANE}/erase`, tokens.admin, { reason: 'Request #4711 again' }), 404, 'not_found');

    const { entries } = await log(`?customerId=${JANE}&action=erased`);
    expect(entries).toHaveLength(1);
    // The admin's reason as typed; what was removed as data beside it.
    expect(entries[0]?.reason).toBe('Request #4711 by email');
    expect(entries[0]?.details).toEqual({ removed: erased.removed });
  });

  it('is for admins only', async () => {
    for (const token of [tokens.agent, tokens.manager]) {
      await expectError(await api.get('/privacy/retention', token), 403, 'forbidden');
      await expectError(await api.post('/privacy/retention/run', token, {}), 403, 'forbidden');
      await expectError(await api.get('/privacy/customers/cust-olu-ade/export', token), 403, 'forbidden');
      await expectError(await api.post('/privacy/customers/cust-olu-ade/erase', token, { reason: 'Not allowed to' }), 403, 'forbidden');
    }
  });
});
