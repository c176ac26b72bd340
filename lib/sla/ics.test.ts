import { describe, expect, it } from 'vitest';
import { Holiday } from '../schema/sla';
import { parseIcsHolidays } from './ics';

const ics = (...events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e.split('\n'), 'END:VEVENT']), 'END:VCALENDAR'].join(
    '\r\n',
  );

describe('holidays from an iCalendar file', () => {
  it('reads all-day events with their exclusive end, and folded, escaped summaries', () => {
    const out = parseIcsHolidays(
      ics('DTSTART;VALUE=DATE:20261224\nDTEND;VALUE=DATE:20261227\nSUMMARY:Christmas\\,\n  all days', 'DTSTART;VALUE=DATE:20261231\nSUMMARY:New Year’s Eve'),
      'Europe/Berlin',
    );
    expect(out.holidays.map((h) => h.date)).toEqual(['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31']);
    expect(out.holidays[0]?.name).toBe('Christmas, all days');
    expect(out.skipped).toEqual([]);
    for (const h of out.holidays) expect(Holiday.parse(h)).toEqual(h);
  });

  it('blocks the local dates a timed event touches, in the calendar’s zone when given in UTC', () => {
    // 23:30 UTC on the 1st is already the 2nd in Berlin.
    const utc = parseIcsHolidays(ics('DTSTART:20261101T233000Z\nDTEND:20261101T235000Z\nSUMMARY:Outage'), 'Europe/Berlin');
    expect(utc.holidays.map((h) => h.date)).toEqual(['2026-11-02']);
    const local = parseIcsHolidays(
      ics('DTSTART;TZID=Europe/Berlin:20261105T140000\nDTEND;TZID=Europe/Berlin:20261107T000000\nSUMMARY:Offsite'),
      'Europe/Berlin',
    );
    expect(local.holidays.map((h) => h.date)).toEqual(['2026-11-05', '2026-11-06']);
  });

  it('turns an open yearly rule into a yearly holiday and spells out one with COUNT or UNTIL', () => {
    const out = parseIcsHolidays(
      ics(
        'DTSTART;VALUE=DATE:20201003\nRRULE:FREQ=YEARLY\nSUMMARY:Unity Day',
        'DTSTART;VALUE=DATE:20260501\nRRULE:FREQ=YEARLY;COUNT=3\nSUMMARY:Labour Day',
        'DTSTART;VALUE=DATE:20260815\nRRULE:FREQ=YEARLY;UNTIL=20271231T000000Z\nSUMMARY:Assumption',
      ),
      'Europe/Berlin',
    );
    expect(out.holidays).toEqual([
      { date: '2020-10-03', name: 'Unity Day', yearly: true },
      { date: '2026-05-01', name: 'Labour Day', yearly: false },
      { date: '2026-08-15', name: 'Assumption', yearly: false },
      { date: '2027-05-01', name: 'Labour Day', yearly: false },
      { date: '2027-08-15', name: 'Assumption', yearly: false },
      { date: '2028-05-01', name: 'Labour Day', yearly: false },
    ]);
  });

  it('reports what it cannot read instead of guessing', () => {
    const out = parseIcsHolidays(
      ics(
        'DTSTART;VALUE=DATE:20261126\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH\nSUMMARY:Thanksgiving',
        'DTSTART;VALUE=DATE:20261102\nRRULE:FREQ=WEEKLY\nSUMMARY:Standup',
        'DTSTART;VALUE=DATE:20261302\nSUMMARY:Broken',
        'DTSTART;VALUE=DATE:20260701\nDTEND;VALUE=DATE:20260901\nSUMMARY:Summer',
      ),
      'UTC',
    );
    expect(out.holidays).toEqual([]);
    expect(out.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['Thanksgiving', { code: 'unsupported_parts', params: ['BYDAY'] }],
      ['Standup', { code: 'not_yearly', params: ['weekly'] }],
      ['Broken', { code: 'no_start', params: [] }],
      ['Summer', { code: 'too_long', params: [31] }],
    ]);
  });
});
