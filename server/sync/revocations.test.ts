import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Change } from '../../lib/schema/api';
import { Case, Customer, Interaction } from '../../lib/schema/entities';
import { moveCaseToTeam } from '../routes/queue';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, createCase, ENGINES, expectError } from '../testing';

/** The pull page as clients before "Lost access" read it (format 1 without `revoked`): they must still drop the row. */
const FormatOneChange = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('customers'), seq: z.number().int(), record: Customer }),
  z.object({ entity: z.literal('interactions'), seq: z.number().int(), record: Interaction }),
  z.object({ entity: z.literal('cases'), seq: z.number().int(), record: Case }),
]);

const isRevoked = (c: Change) => 'revoked' in c && c.revoked === true;
const teamOf = (c: Change) => ('teamId' in c.record ? c.record.teamId : null);

describe.each(ENGINES)('a record that leaves a team on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK });
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    for (const email of ['agent@tandem.demo', 'billing@tandem.demo', 'manager@tandem.demo', 'admin@tandem.demo']) tokens[email] = await api.signIn(email);
  });
  const alex = () => tokens['agent@tandem.demo'] ?? '';
  const cy = () => tokens['billing@tandem.demo'] ?? '';
  const morgan = () => tokens['manager@tandem.demo'] ?? '';
  const ada = () => tokens['admin@tandem.demo'] ?? '';

  const SECRET = 'My card number ends in 4242.';

  /** A care customer with one case and one message, captured by Alex, who has pulled all of it. */
  async function careCase() {
    const customerId = `cust-${randomUUID()}`;
    const customer = { teamId: 'team-care', name: 'Leaving Customer', tier: 'platinum', identities: [{ kind: 'email', value: `${customerId}@example.com` }] };
    const kase = createCase({ customerId, channel: 'email', priority: 'high', subject: 'Refund for order 7781', createdAt: '2026-11-20T08:00:00.000Z' });
    const interactionId = `int-${randomUUID()}`;
    const message = {
      teamId: 'team-care',
      customerId,
      caseId: kase.recordId,
      channel: 'email',
      visibility: 'private',
      direction: 'inbound',
      text: SECRET,
      occurredAt: '2026-11-20T08:00:00.000Z',
    };
    const results = await api.push(alex(), { entity: 'customers', op: 'create', recordId: customerId, data: customer }, kase, {
      entity: 'interactions',
      op: 'create',
      recordId: interactionId,
      data: message,
    });
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const { cursor } = await api.pullAll(alex());
    return { customerId, caseId: kase.recordId, interactionId, cursor };
  }

  const moveTo = (entity: 'cases' | 'customers', recordId: string, teamId: string, baseVersion = 1) =>
    api.pushOne(morgan(), { entity, op: 'update', recordId, baseVersion, patch: { teamId } });

  it('tells a member of the old team only to drop the moved case, its messages, then its customer, with none of their content', async () => {
    const { customerId, caseId, interactionId, cursor } = await careCase();
    const morganBefore = (await api.pullAll(morgan())).cursor;
    expect((await moveTo('cases', caseId, 'team-billing')).status).toBe('applied');

    const afterCaseMove = await api.pullAll(alex(), { cursor });
    const revoked = afterCaseMove.changes.filter(isRevoked);
    expect(revoked.map((c) => [c.entity, c.record.id]).sort()).toEqual([
      ['cases', caseId],
      ['interactions', interactionId],
    ]);
    for (const change of revoked) {
      expect(change.record).toMatchObject({ deleted: true, teamId: 'team-care' });
      expect(change.record.version).toBe(2);
      // Nothing of the record beyond what names it: not its text, subject or the team it went to.
      expect(JSON.stringify(change.record)).not.toMatch(/4242|7781|team-billing/);
    }
    // The customer is still in care: nothing about her yet.
    expect(afterCaseMove.changes.some((c) => c.record.id === customerId)).toBe(false);

    expect((await moveTo('customers', customerId, 'team-billing')).status).toBe('applied');
    const afterCustomerMove = await api.pullAll(alex(), { cursor: afterCaseMove.cursor });
    expect(afterCustomerMove.changes.map((c) => [c.entity, c.record.id, isRevoked(c), c.record.deleted])).toEqual([['customers', customerId, true, true]]);
    expect(JSON.stringify(afterCustomerMove.changes)).not.toMatch(/Leaving Customer|example\.com|platinum/);

    // A member of both teams keeps everything; the new team gets the records themselves.
    const morganChanges = (await api.pullAll(morgan(), { cursor: morganBefore })).changes;
    expect(morganChanges.some(isRevoked)).toBe(false);
    expect(morganChanges.find((c) => c.record.id === caseId)?.record).toMatchObject({ teamId: 'team-billing', deleted: false });
    const cyChanges = (await api.pullAll(cy())).changes;
    expect(cyChanges.filter((c) => [customerId, caseId, interactionId].includes(c.record.id)).every((c) => !isRevoked(c) && !c.record.deleted)).toBe(true);
  });

  it('is a plain tombstone to a client that does not know `revoked` (page format 1)', async () => {
    const { caseId, cursor } = await careCase();
    await moveTo('cases', caseId, 'team-billing');
    const res = await api.get(`/sync/pull?cursor=${cursor}`, alex());
    const page = (await res.json()) as { changes: unknown[] };
    const asOldClient = page.changes.map((c) => FormatOneChange.parse(c));
    expect(asOldClient.find((c) => c.record.id === caseId)?.record.deleted).toBe(true);
  });

  it('tells the old team when a routing rule hands a case to another team', async () => {
    const { caseId, interactionId, cursor } = await careCase();
    await moveCaseToTeam(db(), caseId, 'team-billing');
    const { changes } = await api.pullAll(alex(), { cursor });
    expect(
      changes
        .filter(isRevoked)
        .map((c) => c.record.id)
        .sort(),
    ).toEqual([caseId, interactionId].sort());
  });

  it('sends nothing once the record is back in a team of the caller; a later move out sends it again', async () => {
    const { caseId, cursor } = await careCase();
    await moveTo('cases', caseId, 'team-billing');
    await moveTo('cases', caseId, 'team-care', 2);
    const { changes, cursor: back } = await api.pullAll(alex(), { cursor });
    expect(changes.filter((c) => c.record.id === caseId).map((c) => [isRevoked(c), c.record.deleted, teamOf(c)])).toEqual([[false, false, 'team-care']]);
    await moveTo('cases', caseId, 'team-billing', 3);
    const later = await api.pullAll(alex(), { cursor: back });
    expect(later.changes.filter((c) => c.record.id === caseId).map(isRevoked)).toEqual([true]);
  });

  it("wakes the old team's live streams at the move, so their clients pull the revocation at once", async () => {
    const { caseId } = await careCase();
    const live = await api.openLive(alex());
    try {
      await live.until((text) => text.includes(': connected'));
      await moveTo('cases', caseId, 'team-billing');
      await live.until((text) => text.includes('event: cursor'));
      const [event] = live.events('cursor') as { cursor: number }[];
      const { rows } = await db().query<{ seq: string }>(`select max(seq) as seq from access_revocations where record_id = $1`, [caseId]);
      expect(event?.cursor).toBeGreaterThanOrEqual(Number(rows[0]?.seq));
    } finally {
      live.close();
    }
  });

  it("answers an old team member's queued write on a moved case as any write outside their teams: not_found", async () => {
    const { caseId } = await careCase();
    await moveTo('cases', caseId, 'team-billing');
    expect(await api.pushOne(alex(), { entity: 'cases', op: 'update', recordId: caseId, baseVersion: 1, patch: { status: 'pending' } })).toMatchObject({
      status: 'rejected',
      code: 'not_found',
    });
  });

  it('wakes the live stream of an agent an admin takes off a team, whose next pull starts over without that team', async () => {
    const bea = await api.signIn('agent2@tandem.demo');
    const { cursor } = await api.pullAll(bea);
    const live = await api.openLive(bea);
    try {
      await live.until((text) => text.includes(': connected'));
      const moved = await api.post('/admin/users/user-bea', ada(), { teamIds: ['team-billing'] });
      expect(moved.status).toBe(200);
      await live.until((text) => text.includes('event: cursor'));
      await expectError(await api.get(`/sync/pull?cursor=${cursor}`, bea), 409, 'scope_changed');
      const restart = await api.pullAll(bea);
      expect(restart.changes.some((c) => teamOf(c) === 'team-care' && !c.record.deleted)).toBe(false);
    } finally {
      live.close();
      await db().query(`update users set team_ids = array['team-care'] where id = 'user-bea'`);
    }
  });
});
