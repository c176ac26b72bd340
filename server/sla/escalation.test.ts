import { describe, expect, it } from 'vitest';
import type { Case } from '../../lib/schema/entities';
import { EscalationsResponse, TeamEscalationSettings } from '../../lib/schema/sla';
import { appForSuite, appliedChange, createCase, ENGINES, expectError, expectOk } from '../testing';
import { sweepEscalations } from './escalation';

describe.each(ENGINES)('SLA escalation on %s', (engine) => {
  let clock = new Date('2026-11-20T09:00:00.000Z');
  const { db, api } = appForSuite(engine, { now: () => clock });
  const minutesLater = (m: number) => new Date(Date.parse('2026-11-20T09:00:00.000Z') + m * 60_000);
  const caseRow = async (id: string) => (await db().query<{ data: Case }>('select data from cases where id = $1', [id])).rows[0]?.data as Case;
  const mine = (caseId: string) => (e: { caseId: string }) => e.caseId === caseId;

  it('escalates a case at 75% of its first-response target by default, once, and records it', async () => {
    clock = minutesLater(0);
    const alex = await api.signIn('agent@tandem.demo');
    // Live chat, normal priority: 60 minutes around the clock (team-care has no calendar here).
    const created = appliedChange(await api.pushOne(alex, createCase({ createdAt: clock.toISOString(), assigneeId: 'user-alex' }))).record as Case;

    expect((await sweepEscalations(db(), minutesLater(44))).filter(mine(created.id))).toEqual([]);
    const [escalation] = (await sweepEscalations(db(), minutesLater(45))).filter(mine(created.id));
    expect(escalation).toMatchObject({ target: 'first', share: 0.75, assigneeId: 'user-alex', priorityBefore: 'normal', priorityAfter: 'normal' });
    const flagged = await caseRow(created.id);
    expect(flagged.slaClock?.response?.escalatedAt).toBe(minutesLater(45).toISOString());
    expect(flagged.priority).toBe('normal');
    // A later sweep does not escalate the same target again.
    expect((await sweepEscalations(db(), minutesLater(50))).filter(mine(created.id))).toEqual([]);

    const morgan = await api.signIn('manager@tandem.demo');
    const listed = await expectOk(await api.get('/sla/escalations/team-care', morgan), EscalationsResponse);
    expect(listed.escalations.filter(mine(created.id))).toHaveLength(1);
  });

  it('uses the team’s share and raises the priority when the team asks for it; only managers set it', async () => {
    clock = minutesLater(0);
    const alex = await api.signIn('agent@tandem.demo');
    const morgan = await api.signIn('manager@tandem.demo');
    await expectError(await api.put('/sla/escalation/team-care', alex, { share: 0.5, raisePriority: true }), 403, 'forbidden');
    await expectError(await api.put('/sla/escalation/team-care', morgan, { share: 1.5, raisePriority: true }), 400, 'invalid_request');
    const saved = await expectOk(await api.put('/sla/escalation/team-care', morgan, { share: 0.5, raisePriority: true }), TeamEscalationSettings);
    expect(saved.settings).toEqual({ share: 0.5, raisePriority: true });
    expect((await expectOk(await api.get('/sla/escalation/team-care', morgan), TeamEscalationSettings)).settings).toEqual({ share: 0.5, raisePriority: true });

    const created = appliedChange(await api.pushOne(alex, createCase({ createdAt: clock.toISOString() }))).record as Case;
    const [escalation] = (await sweepEscalations(db(), minutesLater(30))).filter(mine(created.id));
    expect(escalation).toMatchObject({ target: 'first', share: 0.5, assigneeId: null, priorityBefore: 'normal', priorityAfter: 'high' });
    const raised = await caseRow(created.id);
    expect(raised.priority).toBe('high');
    // The running target keeps the length the case was promised.
    expect(raised.slaClock?.response?.targetMinutes).toBe(60);
  });

  it('never escalates a paused or answered target', async () => {
    clock = minutesLater(0);
    const alex = await api.signIn('agent@tandem.demo');
    const created = appliedChange(await api.pushOne(alex, createCase({ createdAt: clock.toISOString() }))).record as Case;
    appliedChange(await api.pushOne(alex, { entity: 'cases', op: 'update', recordId: created.id, baseVersion: created.version, patch: { status: 'pending' } }));
    expect((await sweepEscalations(db(), minutesLater(59))).filter(mine(created.id))).toEqual([]);
  });
});
