import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../lib/schema/entities';
import { SlaReportResponse } from '../../lib/schema/sla';
import { appForSuite, appliedChange, createCase, ENGINES, expectError, expectOk } from '../testing';

describe.each(ENGINES)('GET /sla/report on %s', (engine) => {
  let clock = new Date('2026-11-30T09:00:00.000Z');
  const { api } = appForSuite(engine, { now: () => clock });
  const at = (iso: string) => (clock = new Date(iso));
  const reply = (caseId: string, direction: 'inbound' | 'outbound' = 'outbound') => ({
    entity: 'interactions',
    op: 'create',
    recordId: `int-${randomUUID()}`,
    data: {
      teamId: 'team-care',
      customerId: 'cust-jane-doe',
      caseId,
      channel: 'chat',
      visibility: 'private',
      direction,
      text: 'On it.',
      occurredAt: '2026-11-30T09:00:00.000Z',
    },
  });

  it('counts first replies by the server’s time of receipt against each case’s deadline, for the team’s managers', async () => {
    at('2026-11-30T09:00:00.000Z');
    const alex = await api.signIn('agent@tandem.demo');
    const morgan = await api.signIn('manager@tandem.demo');
    // Two live chats at 09:00 (normal: 60 minutes, around the clock): one answered at 09:20, one at 10:30.
    const onTime = appliedChange(await api.pushOne(alex, createCase({ createdAt: clock.toISOString() }))).record as Case;
    const late = appliedChange(await api.pushOne(alex, createCase({ createdAt: clock.toISOString() }))).record as Case;
    at('2026-11-30T09:20:00.000Z');
    appliedChange(await api.pushOne(alex, reply(onTime.id)));
    at('2026-11-30T10:30:00.000Z');
    appliedChange(await api.pushOne(alex, reply(late.id)));

    const path = '/sla/report/team-care?from=2026-11-30T00:00:00.000Z&to=2026-12-01T00:00:00.000Z';
    await expectError(await api.get(path, alex), 403, 'forbidden');
    const report = await expectOk(await api.get(path, morgan), SlaReportResponse);
    expect(report.rows).toEqual([{ teamId: 'team-care', channel: 'chat', week: '2026-11-30', target: 'first', decided: 2, met: 1, breached: 1, share: 0.5 }]);
    expect(report.firstResponse).toEqual({ replied: 2, medianMinutes: 20, p90Minutes: 90 });
    expect(report.breachesByHour[10]).toBe(1);
    await expectError(await api.get('/sla/report/team-care?from=2026-12-01T00:00:00.000Z&to=2026-11-30T00:00:00.000Z', morgan), 400, 'invalid_request');
  });

  it('counts next responses by the outcome the clock kept when the reply stopped it', async () => {
    at('2026-12-01T09:00:00.000Z');
    const alex = await api.signIn('agent@tandem.demo');
    const morgan = await api.signIn('manager@tandem.demo');
    const kase = appliedChange(await api.pushOne(alex, createCase({ createdAt: clock.toISOString() }))).record as Case;
    at('2026-12-01T09:10:00.000Z');
    appliedChange(await api.pushOne(alex, reply(kase.id)));
    // The customer writes at 10:40: the next reply is due at 11:40 (60 minutes); it comes at 11:50.
    at('2026-12-01T10:40:00.000Z');
    appliedChange(await api.pushOne(alex, reply(kase.id, 'inbound')));
    at('2026-12-01T11:50:00.000Z');
    appliedChange(await api.pushOne(alex, reply(kase.id)));

    const report = await expectOk(await api.get('/sla/report/team-care?from=2026-12-01T00:00:00.000Z&to=2026-12-02T00:00:00.000Z', morgan), SlaReportResponse);
    expect(report.rows.map(({ target, decided, met, breached }) => ({ target, decided, met, breached }))).toEqual([
      { target: 'first', decided: 1, met: 1, breached: 0 },
      { target: 'next', decided: 1, met: 0, breached: 1 },
    ]);
  });
});
