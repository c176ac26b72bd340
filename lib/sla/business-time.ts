// Business-time arithmetic, shared by the server (which sets deadlines) and the extension (which counts down offline).
// An instant is business time when its wall-clock time in the calendar's zone falls in that weekday's opening hours
// and its local date is not a holiday. Over a daylight-saving change this is exact: a spring-forward hour that does
// not exist on the wall is not counted, a fall-back hour that is lived twice is counted twice.
import type { BusinessCalendar } from '../schema/sla';
import { WEEKDAYS } from '../schema/weekdays';
import { offsetSpan } from './zone';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far ahead a deadline is searched for before giving up (a calendar whose holidays cover every open day). */
const HORIZON = 3 * 366 * DAY;

/** A stretch in which the clock does not run, e.g. while the case was pending on the customer; end null: still. */
export interface Pause {
  start: number;
  end: number | null;
}

/** A calendar prepared for counting: opening minutes per weekday, holidays as day numbers and month-days. */
interface Compiled {
  /** Open intervals per BLOCK of UTC time, built on first use (see block()). */
  blocks: Map<number, Block>;
  zone: string;
  /** Per weekday (0 = Sunday), [from, to) in minutes after local midnight, ascending. */
  week: [number, number][][];
  fixedHolidays: Set<number>;
  /** "MM-DD" → the first year it applies. */
  yearlyHolidays: Map<string, number>;
  alwaysOpen: boolean;
}

const compiled = new WeakMap<BusinessCalendar, Compiled>();

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** Days since 1970-01-01 of a local date "YYYY-MM-DD". */
const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;

function compile(calendar: BusinessCalendar): Compiled {
  const known = compiled.get(calendar);
  if (known) return known;
  const week = WEEKDAYS.map((d) => calendar.hours[d].map((i): [number, number] => [minutesOf(i.from), minutesOf(i.to)]).sort((a, b) => a[0] - b[0]));
  const fixedHolidays = new Set<number>();
  const yearlyHolidays = new Map<string, number>();
  for (const h of calendar.holidays) {
    if (!h.yearly) fixedHolidays.add(dayNumber(h.date));
    else {
      const md = h.date.slice(5);
      yearlyHolidays.set(md, Math.min(yearlyHolidays.get(md) ?? Number.POSITIVE_INFINITY, Number(h.date.slice(0, 4))));
    }
  }
  const alwaysOpen = calendar.holidays.length === 0 && week.every((day) => day.length === 1 && day[0]?.[0] === 0 && day[0][1] === 1440);
  const out = { blocks: new Map(), zone: calendar.timeZone, week, fixedHolidays, yearlyHolidays, alwaysOpen };
  compiled.set(calendar, out);
  return out;
}

function isHoliday(c: Compiled, day: number): boolean {
  if (c.fixedHolidays.has(day)) return true;
  if (c.yearlyHolidays.size === 0) return false;
  const iso = new Date(day * DAY).toISOString();
  const since = c.yearlyHolidays.get(iso.slice(5, 10));
  return since !== undefined && Number(iso.slice(0, 4)) >= since;
}

/**
 * The calendar's open intervals [start, end) in UTC ms, in order, from `from` on (the first one clipped to it).
 * Walks the time line in stretches of constant UTC offset; within one, wall time is UTC plus that offset. Stops once
 * past `until` (intervals may reach beyond it).
 */
function* openIntervals(c: Compiled, from: number, until: number): Generator<[number, number]> {
  if (c.alwaysOpen) {
    yield [from, Number.POSITIVE_INFINITY];
    return;
  }
  for (let spanStart = from; spanStart < until; ) {
    const span = offsetSpan(c.zone, spanStart);
    const o = span.offset;
    const wallFrom = spanStart + o;
    const wallTo = span.end + o;
    for (let day = Math.floor(wallFrom / DAY); day * DAY < wallTo; day++) {
      if (isHoliday(c, day)) continue;
      const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
      for (const [fromMin, toMin] of c.week[weekday] as [number, number][]) {
        const s = Math.max(day * DAY + fromMin * MINUTE, wallFrom);
        const e = Math.min(day * DAY + toMin * MINUTE, wallTo);
        if (s < e) yield [s - o, e - o];
      }
    }
    spanStart = span.end;
  }
}

/** The open intervals with the pauses cut out of them. Pauses need not be sorted or disjoint. */
function* runningIntervals(c: Compiled, from: number, until: number, pauses: readonly Pause[]): Generator<[number, number]> {
  const cuts = pauses
    .map((p) => [p.start, p.end ?? Number.POSITIVE_INFINITY] as [number, number])
    .filter(([s, e]) => e > from && e > s)
    .sort((a, b) => a[0] - b[0]);
  for (const [s0, e0] of openIntervals(c, from, until)) {
    let s = s0;
    for (const [ps, pe] of cuts) {
      if (pe <= s) continue;
      if (ps >= e0) break;
      if (ps > s) yield [s, ps];
      s = Math.max(s, pe);
      if (s >= e0) break;
    }
    if (s < e0) yield [s, e0];
  }
}

// ---- Without pauses (the common case: deadlines, remaining time) each calendar keeps its open intervals per block of
// four weeks with running totals, so a deadline or a count is a few binary searches instead of a walk over the days.

const BLOCK = 28 * DAY;

interface Block {
  starts: number[];
  ends: number[];
  /** Open ms in the block before interval k. */
  before: number[];
  total: number;
}

function block(c: Compiled, index: number): Block {
  const known = c.blocks.get(index);
  if (known) return known;
  const from = index * BLOCK;
  const to = from + BLOCK;
  const out: Block = { starts: [], ends: [], before: [], total: 0 };
  for (const [s, e] of openIntervals(c, from, to)) {
    if (s >= to) break;
    const end = Math.min(e, to);
    out.starts.push(s);
    out.ends.push(end);
    out.before.push(out.total);
    out.total += end - s;
  }
  c.blocks.set(index, out);
  return out;
}

/** Open ms in t's block before t. */
function openBefore(b: Block, t: number): number {
  // The last interval starting at or before t.
  let lo = 0;
  let hi = b.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((b.starts[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 0;
  const k = lo - 1;
  return (b.before[k] as number) + Math.min(t, b.ends[k] as number) - (b.starts[k] as number);
}

/** The instant where the block's running total reaches `target` (0 < target ≤ b.total). */
function instantAt(b: Block, target: number): number {
  let lo = 0;
  let hi = b.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((b.before[mid] as number) + (b.ends[mid] as number) - (b.starts[mid] as number) >= target) hi = mid;
    else lo = mid + 1;
  }
  return (b.starts[lo] as number) + target - (b.before[lo] as number);
}

function addWithoutPauses(c: Compiled, start: number, ms: number): number | null {
  let index = Math.floor(start / BLOCK);
  let b = block(c, index);
  let target = openBefore(b, start) + ms;
  for (const last = index + Math.ceil(HORIZON / BLOCK); index <= last; ) {
    if (target <= b.total) return instantAt(b, target);
    target -= b.total;
    index += 1;
    b = block(c, index);
  }
  return null;
}

function betweenWithoutPauses(c: Compiled, from: number, to: number): number {
  const first = Math.floor(from / BLOCK);
  const last = Math.floor(to / BLOCK);
  let total = -openBefore(block(c, first), from);
  for (let index = first; index < last; index++) total += block(c, index).total;
  return total + openBefore(block(c, last), to);
}

/**
 * The instant at which `minutes` of business time have run from `start` (ms since the epoch): the earliest t with
 * businessMinutesBetween(calendar, start, t, pauses) === minutes. Throws when the calendar has no open time within
 * three years.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: number, minutes: number, pauses: readonly Pause[] = []): number {
  let left = minutes * MINUTE;
  if (left <= 0) return start;
  const c = compile(calendar);
  if (pauses.length === 0) {
    const due = c.alwaysOpen ? start + left : addWithoutPauses(c, start, left);
    if (due !== null) return due;
  } else {
    for (const [s, e] of runningIntervals(c, start, start + HORIZON, pauses)) {
      if (e - s >= left) return s + left;
      left -= e - s;
    }
  }
  throw new Error(`The calendar in ${calendar.timeZone} has no business time within three years of ${new Date(start).toISOString()}.`);
}

/** Business minutes (fractional if the instants are) in [from, to), pauses excluded; 0 when to is not after from. */
export function businessMinutesBetween(calendar: BusinessCalendar, from: number, to: number, pauses: readonly Pause[] = []): number {
  if (to <= from) return 0;
  const c = compile(calendar);
  if (pauses.length === 0) return (c.alwaysOpen ? to - from : betweenWithoutPauses(c, from, to)) / MINUTE;
  let total = 0;
  for (const [s, e] of runningIntervals(c, from, to, pauses)) {
    if (s >= to) break;
    total += Math.min(e, to) - s;
  }
  return total / MINUTE;
}

/** Open around the clock in UTC: wall-clock SLAs, for teams without a calendar of their own. */
export const ALWAYS_OPEN: BusinessCalendar = {
  timeZone: 'UTC',
  hours: Object.fromEntries(WEEKDAYS.map((d) => [d, [{ from: '00:00', to: '24:00' }]])) as BusinessCalendar['hours'],
  holidays: [],
};
