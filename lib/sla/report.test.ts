import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../schema/sla';
import { percentile, type ReportCase, reportCsv, slaReport } from './report';

const WEEKDAY = [{ from: '09:00', to: '17:00' }];
const BERLIN: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours: { sun: [], mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: [] },
  holidays: [],
};
// team-care counts in Berlin office hours (UTC+1 in November); team-billing has no calendar (UTC, around the clock).
const CALENDARS = new Map([['team-care', BERLIN]]);
const NOW = Date.parse('2026-11-27T12:00:00Z'); // Friday 13:00 in Berlin

const kase = (
  id: string,
  teamId: string,
  channel: ReportCase['channel'],
  createdAt: string,
  firstDueAt: string | null,
  firstReplyAt: string | null,
): ReportCase => ({
  id,
  teamId,
  channel,
  createdAt,
  firstDueAt,
  firstReplyAt,
});

// Worked out by hand, in Berlin local time for team-care:
const FIXTURE: ReportCase[] = [
  // Mon 09:00, due 10:00, replied 09:30: met, 30 min.
  kase('a', 'team-care', 'chat', '2026-11-23T08:00:00Z', '2026-11-23T09:00:00Z', '2026-11-23T08:30:00Z'),
  // Mon 10:00, due 11:00, replied 12:00: breached at hour 11, 120 min.
  kase('b', 'team-care', 'chat', '2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z', '2026-11-23T11:00:00Z'),
  // Tue 16:30, due Wed 09:30, replied Wed 09:15: met, 30 min on Tuesday + 15 on Wednesday = 45.
  kase('c', 'team-care', 'twitter', '2026-11-24T15:30:00Z', '2026-11-25T08:30:00Z', '2026-11-25T08:15:00Z'),
  // Thu 09:00, due 10:00, never replied, now is past it: breached at hour 10.
  kase('d', 'team-care', 'chat', '2026-11-26T08:00:00Z', '2026-11-26T09:00:00Z', null),
  // Fri 12:30, due 14:00, no reply yet and not due: not decided, left out.
  kase('e', 'team-care', 'chat', '2026-11-27T11:30:00Z', '2026-11-27T13:00:00Z', null),
  // The week before: Mon 16 Nov 13:00, due 14:00, replied 13:40: met, 40 min.
  kase('f', 'team-care', 'chat', '2026-11-16T12:00:00Z', '2026-11-16T13:00:00Z', '2026-11-16T12:40:00Z'),
  // team-billing, UTC: Sunday 22 Nov 23:30 (week of Monday 16th), due 00:30, replied 01:00: breached at hour 0, 90 min.
  kase('g', 'team-billing', 'email', '2026-11-22T23:30:00Z', '2026-11-23T00:30:00Z', '2026-11-23T01:00:00Z'),
  // Paused (no deadline while pending) and unanswered: left out.
  kase('h', 'team-care', 'chat', '2026-11-25T10:00:00Z', null, null),
];

describe('the SLA report', () => {
  const report = slaReport(FIXTURE, CALENDARS, NOW);

  it('gives the share of first replies on time per team, channel and week (Monday in the team’s zone)', () => {
    expect(report.rows).toEqual([
      { teamId: 'team-billing', channel: 'email', week: '2026-11-16', target: 'first', decided: 1, met: 0, breached: 1, share: 0 },
      { teamId: 'team-care', channel: 'chat', week: '2026-11-16', target: 'first', decided: 1, met: 1, breached: 0, share: 1 },
      { teamId: 'team-care', channel: 'chat', week: '2026-11-23', target: 'first', decided: 3, met: 1, breached: 2, share: 1 / 3 },
      { teamId: 'team-care', channel: 'twitter', week: '2026-11-23', target: 'first', decided: 1, met: 1, breached: 0, share: 1 },
    ]);
  });

  it('gives the median and p90 first-response time in business minutes: 30, 40, 45, 90, 120 → 45 and 120', () => {
    expect(report.firstResponse).toEqual({ replied: 5, medianMinutes: 45, p90Minutes: 120 });
    expect(percentile([], 0.5)).toBeNull();
  });

  it('counts breaches by the hour of the deadline in the team’s zone', () => {
    const expected = Array.from({ length: 24 }, () => 0);
    expected[0] = 1; // g, UTC
    expected[10] = 1; // d, 10:00 in Berlin
    expected[11] = 1; // b, 11:00 in Berlin
    expect(report.breachesByHour).toEqual(expected);
  });

  it('exports the rows as CSV', () => {
    expect(reportCsv(report).split('\r\n')).toEqual([
      'team,channel,week,target,decided,met,breached,share_met',
      'team-billing,email,2026-11-16,first,1,0,1,0.0000',
      'team-care,chat,2026-11-16,first,1,1,0,1.0000',
      'team-care,chat,2026-11-23,first,3,1,2,0.3333',
      'team-care,twitter,2026-11-23,first,1,1,0,1.0000',
      '',
    ]);
  });
});

describe('next-response and resolution targets in the report', () => {
  const outcome = (target: 'next' | 'resolution', met: boolean, at: string) => ({ target, met, at, dueAt: null });
  // Worked out by hand: the outcomes each case's clock kept when its targets stopped, counted in the week the case was
  // created (Berlin for team-care), beside the first response worked out from the deadline and the first reply.
  const cases: ReportCase[] = [
    // Mon 23 Nov: first met; two next responses (one met, one breached); resolved in time.
    {
      ...kase('n1', 'team-care', 'chat', '2026-11-23T08:00:00Z', '2026-11-23T09:00:00Z', '2026-11-23T08:30:00Z'),
      outcomes: [
        { target: 'first', met: true, at: '2026-11-23T08:30:00Z', dueAt: '2026-11-23T09:00:00Z' },
        outcome('next', true, '2026-11-23T10:00:00Z'),
        outcome('next', false, '2026-11-23T13:00:00Z'),
        outcome('resolution', true, '2026-11-23T15:00:00Z'),
      ],
    },
    // Tue 24 Nov: first breached; one next response met; resolution breached.
    {
      ...kase('n2', 'team-care', 'chat', '2026-11-24T08:00:00Z', '2026-11-24T09:00:00Z', '2026-11-24T10:00:00Z'),
      outcomes: [outcome('next', true, '2026-11-24T12:00:00Z'), outcome('resolution', false, '2026-11-26T12:00:00Z')],
    },
    // Sunday 22 Nov 23:30 in Berlin belongs to the week of Monday 16th: its resolution was met.
    { ...kase('n3', 'team-care', 'chat', '2026-11-22T22:30:00Z', null, null), outcomes: [outcome('resolution', true, '2026-11-23T09:00:00Z')] },
  ];
  const report = slaReport(cases, CALENDARS, NOW);

  it('gives the share met per target by team, channel and week', () => {
    const shares = report.rows.map(({ week, target, decided, met, breached, share }) => ({ week, target, decided, met, breached, share }));
    expect(shares).toEqual([
      { week: '2026-11-16', target: 'resolution', decided: 1, met: 1, breached: 0, share: 1 },
      // first: n1 met, n2 breached (the kept 'first' outcome is not counted twice); next: 2 of 3; resolution: 1 of 2.
      { week: '2026-11-23', target: 'first', decided: 2, met: 1, breached: 1, share: 0.5 },
      { week: '2026-11-23', target: 'next', decided: 3, met: 2, breached: 1, share: 2 / 3 },
      { week: '2026-11-23', target: 'resolution', decided: 2, met: 1, breached: 1, share: 0.5 },
    ]);
  });

  it('exports each target’s row as CSV', () => {
    expect(reportCsv(report).split('\r\n').slice(1, 3)).toEqual([
      'team-care,chat,2026-11-16,resolution,1,1,0,1.0000',
      'team-care,chat,2026-11-23,first,2,1,1,0.5000',
    ]);
  });
});
