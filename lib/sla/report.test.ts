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
      { teamId: 'team-billing', channel: 'email', week: '2026-11-16', decided: 1, met: 0, breached: 1, share: 0 },
      { teamId: 'team-care', channel: 'chat', week: '2026-11-16', decided: 1, met: 1, breached: 0, share: 1 },
      { teamId: 'team-care', channel: 'chat', week: '2026-11-23', decided: 3, met: 1, breached: 2, share: 1 / 3 },
      { teamId: 'team-care', channel: 'twitter', week: '2026-11-23', decided: 1, met: 1, breached: 0, share: 1 },
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
      'team,channel,week,decided,met,breached,share_met',
      'team-billing,email,2026-11-16,1,0,1,0.0000',
      'team-care,chat,2026-11-16,1,1,0,1.0000',
      'team-care,chat,2026-11-23,3,1,2,0.3333',
      'team-care,twitter,2026-11-23,1,1,0,1.0000',
      '',
    ]);
  });
});
