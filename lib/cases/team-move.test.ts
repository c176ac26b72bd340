import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyChanges, type LocalWrite, writeLocal } from '../db';
import { customer, kase, useTestDatabase } from '../db/test-fixtures';
import { createTeamMoveHandlers } from './team-move';

const db = useTestDatabase();

function handlers(teamIds = ['team-care', 'team-billing']) {
  return createTeamMoveHandlers({
    db: db(),
    me: async () => ({ id: 'user-morgan', teamIds }),
    write: (writes: LocalWrite[]) => writeLocal(db(), writes),
  });
}

async function seed(...extraCases: ReturnType<typeof kase>[]) {
  await applyChanges(db(), [
    { entity: 'customers', seq: 1, record: customer('c-jane', { name: 'Jane Doe' }) },
    { entity: 'cases', seq: 2, record: kase('k-refund', 'c-jane') },
    ...extraCases.map((record, i) => ({ entity: 'cases' as const, seq: 3 + i, record })),
  ]);
}

const outbox = async () => (await db().outbox.toArray()).map((row) => [row.entity, row.recordId, row.data]);

describe('moving a case to another team', () => {
  it('offers to move the customer, checked when she has no other open case in the old team', async () => {
    await seed(kase('k-closed', 'c-jane', { status: 'solved' }), kase('k-billing', 'c-jane', { teamId: 'team-billing' }));
    const offer = await handlers()['cases.teamMoveOffer']({ caseId: 'k-refund', teamId: 'team-billing' }, {});
    expect(offer).toEqual({ customerId: 'c-jane', customerName: 'Jane Doe', offered: true, otherOpenCases: 0, suggested: true });
  });

  it('offers it unchecked while another open case of hers stays in the old team', async () => {
    await seed(kase('k-other', 'c-jane', { status: 'open' }));
    const offer = await handlers()['cases.teamMoveOffer']({ caseId: 'k-refund', teamId: 'team-billing' }, {});
    expect(offer).toMatchObject({ offered: true, otherOpenCases: 1, suggested: false });
  });

  it('moves the case and, when accepted, its customer: both shown moved at once and queued for the server', async () => {
    await seed();
    const result = await handlers()['cases.moveToTeam']({ caseId: 'k-refund', teamId: 'team-billing', moveCustomer: true }, {});
    expect(result).toEqual({ moved: true, customerMoved: true });
    expect((await db().cases.get('k-refund'))?.teamId).toBe('team-billing');
    expect((await db().customers.get('c-jane'))?.teamId).toBe('team-billing');
    expect(await outbox()).toEqual([
      ['cases', 'k-refund', { teamId: 'team-billing' }],
      ['customers', 'c-jane', { teamId: 'team-billing' }],
    ]);
  });

  it('leaves the customer where she is when the offer is declined', async () => {
    await seed();
    await handlers()['cases.moveToTeam']({ caseId: 'k-refund', teamId: 'team-billing', moveCustomer: false }, {});
    expect((await db().customers.get('c-jane'))?.teamId).toBe('team-care');
    expect(await outbox()).toEqual([['cases', 'k-refund', { teamId: 'team-billing' }]]);
  });

  it('refuses a team the agent is not in, and writes nothing', async () => {
    await seed();
    await expect(handlers(['team-care'])['cases.moveToTeam']({ caseId: 'k-refund', teamId: 'team-billing', moveCustomer: true }, {})).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await outbox()).toEqual([]);
  });
});
