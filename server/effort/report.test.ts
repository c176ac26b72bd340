import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EffortReportResponse } from '../../lib/schema/effort';
import { appForSuite, createCase, ENGINES, expectError, expectOk } from '../testing';

describe.each(ENGINES)('GET /effort/report on %s', (engine) => {
  const { api } = appForSuite(engine, { now: () => new Date('2026-12-21T09:00:00.000Z') });
  const message = (caseId: string, channel: string, occurredAt: string, direction = 'inbound') => ({
    entity: 'interactions',
    op: 'create',
    recordId: `int-${randomUUID()}`,
    data: { teamId: 'team-care', customerId: 'cust-jane-doe', caseId, channel, visibility: 'private', direction, text: 'Hello', occurredAt },
  });

  it('gives contacts per case, channel switches per case and the share of repeat contacts by topic, channel and week, as counted by hand', async () => {
    const alex = await api.signIn('agent@tandem.demo');
    const morgan = await api.signIn('manager@tandem.demo');
    // A (roaming, email, week of Dec 7): email, X, email a day apart — 3 contacts, 2 switches, a repeat.
    const a = createCase({ tags: ['roaming'], channel: 'email', createdAt: '2026-12-08T10:00:00.000Z' });
    // B (roaming and billing, X, week of Dec 14): one tweet.
    const b = createCase({ tags: ['roaming', 'billing'], channel: 'twitter', createdAt: '2026-12-15T09:00:00.000Z' });
    // C (no tag, chat, week of Dec 14): two chats a day apart — a repeat, no switch; the agent's reply does not count.
    const c = createCase({ tags: [], channel: 'chat', createdAt: '2026-12-16T12:00:00.000Z' });
    // D: created when the period has ended ([from, to) excludes `to`).
    const d = createCase({ tags: ['roaming'], channel: 'email', createdAt: '2026-12-21T00:00:00.000Z' });
    await api.push(
      alex,
      a,
      b,
      c,
      d,
      message(a.recordId, 'email', '2026-12-08T10:00:00.000Z'),
      message(a.recordId, 'twitter', '2026-12-09T10:00:00.000Z'),
      message(a.recordId, 'email', '2026-12-10T10:00:00.000Z'),
      message(b.recordId, 'twitter', '2026-12-15T09:00:00.000Z'),
      message(c.recordId, 'chat', '2026-12-16T12:00:00.000Z'),
      message(c.recordId, 'chat', '2026-12-16T12:05:00.000Z', 'outbound'),
      message(c.recordId, 'chat', '2026-12-17T12:00:00.000Z'),
      message(d.recordId, 'email', '2026-12-21T00:00:00.000Z'),
    );

    const path = '/effort/report/team-care?from=2026-12-07T00:00:00.000Z&to=2026-12-21T00:00:00.000Z';
    await expectError(await api.get(path, alex), 403, 'forbidden');
    const report = await expectOk(await api.get(path, morgan), EffortReportResponse);
    const g = (key: string, cases: number, contacts: number, switchesPerCase: number, repeatShare: number) => ({
      key,
      cases,
      contacts,
      contactsPerCase: contacts / cases,
      switchesPerCase,
      repeatShare,
    });
    expect(report.totals).toEqual(g('all', 3, 6, 2 / 3, 2 / 3));
    expect(report.byTopic).toEqual([g('roaming', 2, 4, 1, 0.5), g('(no tag)', 1, 2, 0, 1), g('billing', 1, 1, 0, 0)]);
    expect(report.byChannel).toEqual([g('email', 1, 3, 2, 1), g('chat', 1, 2, 0, 1), g('twitter', 1, 1, 0, 0)]);
    expect(report.byWeek).toEqual([g('2026-12-07', 1, 3, 2, 1), g('2026-12-14', 2, 3, 0, 0.5)]);
    await expectError(await api.get('/effort/report/team-care?from=2026-12-21T00:00:00.000Z&to=2026-12-07T00:00:00.000Z', morgan), 400, 'invalid_request');
  });
});
