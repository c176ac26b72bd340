import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Case, Customer, Interaction } from '../../lib/schema/entities';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, appliedChange, createCase, ENGINES } from '../testing';

describe.each(ENGINES)('moving a case and its customer to another team on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK });
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    for (const email of ['agent@tandem.demo', 'billing@tandem.demo', 'manager@tandem.demo']) tokens[email] = await api.signIn(email);
  });
  const alex = () => tokens['agent@tandem.demo'] ?? '';
  const cy = () => tokens['billing@tandem.demo'] ?? '';
  const morgan = () => tokens['manager@tandem.demo'] ?? '';

  async function stored<T>(table: string, id: string): Promise<T> {
    const { rows } = await db().query<{ data: T; team_id: string }>(`select data, team_id from ${table} where id = $1`, [id]);
    if (!rows[0]) throw new Error(`no ${table} ${id}`);
    expect((rows[0].data as { teamId: string }).teamId).toBe(rows[0].team_id);
    return rows[0].data;
  }

  /** A care customer with one case and one message on it, captured by Alex. */
  async function careCaseWithMessage() {
    const customerId = `cust-${randomUUID()}`;
    const customer = { teamId: 'team-care', name: 'Moving Customer', tier: 'standard', identities: [{ kind: 'email', value: `${customerId}@example.com` }] };
    const kase = createCase({ customerId, channel: 'email', priority: 'normal', createdAt: '2026-11-20T08:00:00.000Z' });
    const interactionId = `int-${randomUUID()}`;
    const message = {
      teamId: 'team-care',
      customerId,
      caseId: kase.recordId,
      channel: 'email',
      visibility: 'public',
      direction: 'inbound',
      text: 'Please move me to billing.',
      occurredAt: '2026-11-20T08:00:00.000Z',
    };
    const results = await api.push(alex(), { entity: 'customers', op: 'create', recordId: customerId, data: customer }, kase, {
      entity: 'interactions',
      op: 'create',
      recordId: interactionId,
      data: message,
    });
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    return { customerId, caseId: kase.recordId, interactionId };
  }

  const moveTo = (token: string, entity: 'cases' | 'customers', recordId: string, teamId: string, baseVersion = 1) =>
    api.pushOne(token, { entity, op: 'update', recordId, baseVersion, patch: { teamId } });

  it('moves a case with its messages, then its customer, for a member of both teams; the new team pulls them', async () => {
    const { customerId, caseId, interactionId } = await careCaseWithMessage();
    const moved = appliedChange(await moveTo(morgan(), 'cases', caseId, 'team-billing'));
    expect(moved.record).toMatchObject({ id: caseId, teamId: 'team-billing', version: 2 });
    expect((await stored<Case>('cases', caseId)).teamId).toBe('team-billing');
    expect((await stored<Interaction>('interactions', interactionId)).teamId).toBe('team-billing');
    // The case's customer stays in care until she is moved too.
    expect((await stored<Customer>('customers', customerId)).teamId).toBe('team-care');

    appliedChange(await moveTo(morgan(), 'customers', customerId, 'team-billing'));
    expect((await stored<Customer>('customers', customerId)).teamId).toBe('team-billing');
    const { changes } = await api.pullAll(cy(), { cursor: 0 });
    const seenByBilling = new Set(changes.map((c) => c.record.id));
    expect([customerId, caseId, interactionId].every((id) => seenByBilling.has(id))).toBe(true);
  });

  it('refuses a move to a team the caller is not in, and a move of a record outside their teams', async () => {
    const { customerId, caseId } = await careCaseWithMessage();
    expect(await moveTo(alex(), 'cases', caseId, 'team-billing')).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(await moveTo(alex(), 'customers', customerId, 'team-billing')).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(await moveTo(cy(), 'cases', caseId, 'team-billing')).toMatchObject({ status: 'rejected', code: 'not_found' });
    expect((await stored<Case>('cases', caseId)).teamId).toBe('team-care');
    expect((await stored<Customer>('customers', customerId)).teamId).toBe('team-care');
  });

  it("counts a moved case's clock against the new team's targets", async () => {
    const { caseId } = await careCaseWithMessage();
    // Billing answers a normal email within the hour; care's target is longer.
    await db().query(
      `insert into sla_policies (team_id, channel_group, priority, first_response_minutes, resolution_minutes, updated_at)
       values ('team-billing', 'ticket', 'normal', 60, 600, now())
       on conflict (team_id, channel_group, priority) do update set first_response_minutes = 60, resolution_minutes = 600`,
    );
    const before = await stored<Case>('cases', caseId);
    const moved = appliedChange(await moveTo(morgan(), 'cases', caseId, 'team-billing')).record as Case;
    expect(before.slaDueAt).not.toBe('2026-11-20T09:00:00.000Z');
    expect(moved.slaDueAt).toBe('2026-11-20T09:00:00.000Z');
  });
});
