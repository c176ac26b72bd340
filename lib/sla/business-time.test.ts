import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, WEEKDAYS } from '../schema/sla';
import { ALWAYS_OPEN, addBusinessMinutes, businessMinutesBetween, type Pause } from './business-time';

const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

const WEEKDAYS_9_TO_5: BusinessCalendar['hours'] = {
  sun: [],
  mon: [{ from: '09:00', to: '17:00' }],
  tue: [{ from: '09:00', to: '17:00' }],
  wed: [{ from: '09:00', to: '17:00' }],
  thu: [{ from: '09:00', to: '17:00' }],
  fri: [{ from: '09:00', to: '17:00' }],
  sat: [],
};
const berlinOffice: BusinessCalendar = { timeZone: 'Europe/Berlin', hours: WEEKDAYS_9_TO_5, holidays: [] };

describe('business time, by example', () => {
  it('carries what is left of a target on Friday evening over to Monday morning', () => {
    // Friday 2026-11-20 16:30 in Berlin (UTC+1): 30 minutes today, the other 30 on Monday from 09:00.
    expect(iso(addBusinessMinutes(berlinOffice, at('2026-11-20T15:30:00Z'), 60))).toBe('2026-11-23T08:30:00.000Z');
    // Captured after hours on Friday: the whole hour runs on Monday.
    expect(iso(addBusinessMinutes(berlinOffice, at('2026-11-20T19:00:00Z'), 60))).toBe('2026-11-23T09:00:00.000Z');
  });

  it('skips holidays, one-off and yearly', () => {
    const christmas: BusinessCalendar = {
      ...berlinOffice,
      holidays: [
        { date: '2020-12-24', name: 'Christmas Eve', yearly: true },
        { date: '2026-12-28', name: 'Company day', yearly: false },
      ],
    };
    // Wednesday 23 Dec 2026, 16:00 local: one hour today, Thursday 24 (yearly) is off, Friday 25 counts from 09:00.
    expect(iso(addBusinessMinutes(christmas, at('2026-12-23T15:00:00Z'), 120))).toBe('2026-12-25T09:00:00.000Z');
    // Monday 28 is off (one-off): from Friday 25 17:00 local straight to Tuesday 29 09:00.
    expect(businessMinutesBetween(christmas, at('2026-12-25T16:00:00Z'), at('2026-12-29T08:30:00Z'))).toBe(30);
  });

  it('stops the clock during a pause and never counts an ongoing one', () => {
    const pause: Pause = { start: at('2026-11-23T09:00:00Z'), end: at('2026-11-23T11:00:00Z') };
    // Monday 09:00–17:00 local = 08:00–16:00 UTC; two hours of it paused.
    expect(businessMinutesBetween(berlinOffice, at('2026-11-23T08:00:00Z'), at('2026-11-23T16:00:00Z'), [pause])).toBe(360);
    expect(iso(addBusinessMinutes(berlinOffice, at('2026-11-23T08:00:00Z'), 120, [pause]))).toBe('2026-11-23T12:00:00.000Z');
    expect(() => addBusinessMinutes(ALWAYS_OPEN, at('2026-11-23T08:00:00Z'), 1, [{ start: at('2026-11-23T08:00:00Z'), end: null }])).toThrow();
  });

  it('runs around the clock without a calendar', () => {
    expect(iso(addBusinessMinutes(ALWAYS_OPEN, at('2026-11-20T19:00:00Z'), 90))).toBe('2026-11-20T20:30:00.000Z');
    expect(businessMinutesBetween(ALWAYS_OPEN, at('2026-11-20T19:00:00Z'), at('2026-11-21T19:00:00Z'))).toBe(1440);
  });

  it('does not count the hour that a spring-forward change removes, and counts a fall-back hour twice', () => {
    const nightShift: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      hours: Object.fromEntries(WEEKDAYS.map((d) => [d, [{ from: '01:00', to: '04:00' }]])) as BusinessCalendar['hours'],
      holidays: [],
    };
    // 29 March 2026: 02:00 → 03:00 in Berlin, so 01:00–04:00 is two hours; 25 October: 03:00 → 02:00, four hours.
    expect(businessMinutesBetween(nightShift, at('2026-03-28T22:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(120);
    expect(businessMinutesBetween(nightShift, at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'))).toBe(240);
  });
});

// ---- Property tests against a minute-by-minute reference that asks Intl for each minute's wall clock.

/** A zone with the UTC instants around which its offset changes in 2026 (Kolkata has none). */
const ZONES: { zone: string; around: string[] }[] = [
  { zone: 'Europe/Berlin', around: ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'] },
  { zone: 'America/New_York', around: ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'] },
  // Lord Howe moves by 30 minutes: 02:00 → 01:30 on 5 April, 02:00 → 02:30 on 4 October.
  { zone: 'Australia/Lord_Howe', around: ['2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z'] },
  { zone: 'Asia/Kolkata', around: ['2026-06-01T00:00:00Z', '2026-12-31T20:00:00Z'] },
];

function referenceWall(zone: string) {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  });
  return (ms: number) => {
    const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
    return { date: `${p.year}-${p.month}-${p.day}`, weekday: String(p.weekday).toLowerCase().slice(0, 3), minuteOfDay: Number(p.hour) * 60 + Number(p.minute) };
  };
}

/** Whether the minute starting at ms is business time, decided from its wall clock alone. */
function referenceIsOpen(calendar: BusinessCalendar, wall: ReturnType<typeof referenceWall>, ms: number, pauses: readonly Pause[]): boolean {
  if (pauses.some((p) => ms >= p.start && (p.end === null || ms < p.end))) return false;
  const { date, weekday, minuteOfDay } = wall(ms);
  if (calendar.holidays.some((h) => h.date === date || (h.yearly && h.date.slice(5) === date.slice(5) && h.date.slice(0, 4) <= date.slice(0, 4)))) return false;
  const hours = calendar.hours[weekday as keyof BusinessCalendar['hours']];
  const hhmm = (n: number) => `${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
  return hours.some((i) => hhmm(minuteOfDay) >= i.from && hhmm(minuteOfDay) < i.to);
}

const halfHour = (n: number) => `${String(Math.floor(n / 2)).padStart(2, '0')}:${n % 2 ? '30' : '00'}`;
/** A day's hours: up to three disjoint intervals on half-hour marks (where DST changes happen), often at night. */
const dayHours = fc
  .uniqueArray(fc.integer({ min: 0, max: 48 }), { maxLength: 6 })
  .map((marks) => [...marks].sort((a, b) => a - b))
  .map((marks) => {
    const out: { from: string; to: string }[] = [];
    for (let k = 0; k + 1 < marks.length; k += 2) out.push({ from: halfHour(marks[k] as number), to: halfHour(marks[k + 1] as number) });
    return out;
  });

const WINDOW_MINUTES = 6 * 24 * 60;

const scenario = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    aroundIndex: fc.nat(1),
    startBefore: fc.integer({ min: 0, max: 4 * 24 * 60 }),
    hours: fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, dayHours])) as Record<(typeof WEEKDAYS)[number], typeof dayHours>),
    holidayOffsets: fc.array(fc.record({ days: fc.integer({ min: -5, max: 8 }), yearly: fc.boolean() }), { maxLength: 3 }),
    pauses: fc.array(fc.record({ from: fc.nat(WINDOW_MINUTES), length: fc.integer({ min: 1, max: 3000 }), open: fc.boolean() }), { maxLength: 2 }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .filter((s) => WEEKDAYS.some((d) => s.hours[d].length > 0));

describe('business time against a minute-by-minute reference', () => {
  it('counts and adds exactly like the reference, across zones, DST changes, holidays and pauses', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const around = at(s.zone.around[s.aroundIndex] as string);
        const start = around - s.startBefore * MINUTE;
        const holidays = s.holidayOffsets.map((h) => {
          const date = iso(around + h.days * 86_400_000).slice(0, 10);
          return { date: h.yearly ? `2019${date.slice(4)}` : date, name: '', yearly: h.yearly };
        });
        const calendar: BusinessCalendar = { timeZone: s.zone.zone, hours: s.hours, holidays };
        const pauses: Pause[] = s.pauses.map((p) => ({ start: start + p.from * MINUTE, end: p.open ? null : start + (p.from + p.length) * MINUTE }));
        const wall = referenceWall(s.zone.zone);
        const openMinutes: number[] = [];
        for (let m = 0; m < WINDOW_MINUTES; m++) if (referenceIsOpen(calendar, wall, start + m * MINUTE, pauses)) openMinutes.push(m);

        expect(businessMinutesBetween(calendar, start, start + WINDOW_MINUTES * MINUTE, pauses)).toBe(openMinutes.length);
        if (openMinutes.length === 0) return;
        const n = 1 + Math.floor(s.share * (openMinutes.length - 1));
        const due = addBusinessMinutes(calendar, start, n, pauses);
        expect(iso(due)).toBe(iso(start + ((openMinutes[n - 1] as number) + 1) * MINUTE));
        expect(businessMinutesBetween(calendar, start, due, pauses)).toBe(n);
      }),
      { numRuns: 60 },
    );
  });
});
