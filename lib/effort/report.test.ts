import { describe, expect, it } from 'vitest';
import { effortCsv, effortReport, UNTAGGED, weekOf } from './report';

const inbound = (caseId: string, channel: 'email' | 'twitter', occurredAt: string) => ({ caseId, channel, occurredAt, direction: 'inbound' as const });

describe('effort analytics', () => {
  it('weeks start on Monday (UTC): a Sunday night belongs to the week before', () => {
    expect(weekOf('2026-12-13T23:59:59.000Z')).toBe('2026-12-07');
    expect(weekOf('2026-12-14T00:00:00.000Z')).toBe('2026-12-14');
  });

  it('counts a case under each of its tags, untagged ones together, and a case nobody wrote on as no effort', () => {
    const report = effortReport(
      [
        { id: 'a', channel: 'email', tags: ['roaming', 'roaming', 'esim'], createdAt: '2026-12-08T10:00:00.000Z' },
        { id: 'b', channel: 'email', tags: [], createdAt: '2026-12-08T11:00:00.000Z' },
      ],
      [
        inbound('a', 'email', '2026-12-08T10:00:00.000Z'),
        inbound('a', 'twitter', '2026-12-08T12:00:00.000Z'),
        inbound('other', 'email', '2026-12-08T12:00:00.000Z'),
      ],
    );
    expect(report.byTopic.map((g) => [g.key, g.cases, g.contacts])).toEqual([
      ['esim', 1, 2],
      ['roaming', 1, 2],
      [UNTAGGED, 1, 0],
    ]);
    expect(report.totals).toMatchObject({ cases: 2, contacts: 2, contactsPerCase: 1, switchesPerCase: 0.5, repeatShare: 0.5 });
  });

  it('exports every group as one CSV row, a formula-like tag defused', () => {
    const report = effortReport(
      [{ id: 'a', channel: 'email', tags: ['=cmd'], createdAt: '2026-12-08T10:00:00.000Z' }],
      [inbound('a', 'email', '2026-12-08T10:00:00.000Z')],
    );
    expect(effortCsv(report).split('\r\n')).toEqual([
      'by,key,cases,contacts,contacts_per_case,switches_per_case,repeat_share',
      `topic,"'=cmd",1,1,1.0000,0.0000,0.0000`,
      'channel,email,1,1,1.0000,0.0000,0.0000',
      'week,2026-12-07,1,1,1.0000,0.0000,0.0000',
      '',
    ]);
  });
});
