// Holidays from an iCalendar (.ics, RFC 5545) file, as a team's business calendar needs them: whole local dates.
// A small reader rather than ical.js: we need DTSTART/DTEND/SUMMARY/RRULE of VEVENTs and nothing of VTIMEZONE,
// VTODO, attendees or alarms, and the console bundle should not carry a full iCalendar engine for that.
// Timed events block each local date they touch. Yearly rules without an end become yearly holidays; yearly rules
// with COUNT or UNTIL are spelled out; any other rule (weekly, "first Monday of…", Easter) is reported as skipped.
import type { Holiday } from '../schema/sla';

const DAY = 86_400_000;
/** A multi-day event longer than this is taken for a mistake (a season, a vacation block) and skipped. */
const MAX_EVENT_DAYS = 31;
/** Yearly rules with an end are spelled out for at most this many years. */
const MAX_YEARS = 50;

/** Why an event is left out, as a code the console words in the agent's language, with the details the sentence names. */
export type IcsSkipCode =
  | 'no_start'
  | 'bad_end'
  | 'too_long'
  | 'not_yearly'
  | 'unsupported_parts'
  | 'other_month'
  | 'other_day'
  | 'bad_interval'
  | 'interval_without_end';
export interface IcsSkipReason {
  code: IcsSkipCode;
  params: (string | number)[];
}
const because = (code: IcsSkipCode, ...params: (string | number)[]): IcsSkipReason => ({ code, params });

export interface IcsImport {
  holidays: Holiday[];
  /** Events left out, with why, to show in the import preview. */
  skipped: { name: string; reason: IcsSkipReason }[];
}

interface Property {
  params: Record<string, string>;
  value: string;
}

/** Lines unfolded (a line starting with a space or tab continues the previous one). */
function unfold(text: string): string[] {
  return text
    .replace(/\r\n|\r/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
}

function parseLine(line: string): [string, Property] | null {
  const colon = line.indexOf(':');
  if (colon < 0) return null;
  const [name = '', ...params] = line.slice(0, colon).split(';');
  const out: Record<string, string> = {};
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq > 0) out[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return [name.toUpperCase(), { params: out, value: line.slice(colon + 1) }];
}

const unescapeText = (v: string) =>
  v
    .replace(/\\n/gi, ' ')
    .replace(/\\([,;\\])/g, '$1')
    .trim();

/** Days since the epoch of a local date YYYYMMDD, or null. */
function dayOf(yyyymmdd: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(t);
  return back.getUTCMonth() + 1 === Number(m[2]) && back.getUTCDate() === Number(m[3]) ? t / DAY : null;
}

const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The local date (in `zone`) of a UTC instant. */
function localDay(ms: number, zone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms).map((x) => [x.type, x.value]),
  );
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)) / DAY;
}

/** A DTSTART/DTEND as a local day and whether it is exactly midnight (an exclusive end). */
function readTime(p: Property, zone: string): { day: number; midnight: boolean; allDay: boolean } | null {
  const m = /^(\d{8})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(p.value.trim());
  if (!m) return null;
  const day = dayOf(m[1] as string);
  if (day === null) return null;
  if (!m[2]) return { day, midnight: true, allDay: true };
  const midnight = m[2] === '00' && m[3] === '00' && m[4] === '00';
  if (!m[5]) return { day, midnight, allDay: false }; // floating or TZID: its own wall date
  const utc = day * DAY + (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4])) * 1000;
  const local = localDay(utc, zone);
  return { day: local, midnight: midnight && local === day, allDay: false };
}

/** The local dates an event covers, or why it cannot be read. */
function coveredDays(props: Map<string, Property>, zone: string): number[] | IcsSkipReason {
  const startProp = props.get('DTSTART');
  const start = startProp && readTime(startProp, zone);
  if (!start) return because('no_start');
  const endProp = props.get('DTEND');
  const end = endProp ? readTime(endProp, zone) : null;
  if (endProp && !end) return because('bad_end');
  // All-day DTEND is exclusive; a timed end at midnight ends the day before; a timed end otherwise includes its day.
  const last = !end ? start.day : end.allDay || end.midnight ? Math.max(start.day, end.day - 1) : end.day;
  if (last - start.day + 1 > MAX_EVENT_DAYS) return because('too_long', MAX_EVENT_DAYS);
  const days: number[] = [];
  for (let d = start.day; d <= last; d++) days.push(d);
  return days;
}

/** A yearly rule: per-year repetition, spelled out or open-ended; anything else is unsupported. */
function yearlyRule(rrule: string, firstDay: number): { years: number[] | 'forever' } | IcsSkipReason {
  const parts = Object.fromEntries(
    rrule
      .split(';')
      .map((kv) => kv.split('=') as [string, string])
      .map(([k, v]) => [k.toUpperCase(), v ?? '']),
  );
  if (parts.FREQ !== 'YEARLY') return because('not_yearly', String(parts.FREQ ?? 'irregularly').toLowerCase());
  const first = new Date(firstDay * DAY);
  const unsupported = Object.keys(parts).filter((k) => !['FREQ', 'COUNT', 'UNTIL', 'INTERVAL', 'BYMONTH', 'BYMONTHDAY', 'WKST'].includes(k));
  if (unsupported.length > 0) return because('unsupported_parts', unsupported.join(', '));
  if (parts.BYMONTH && Number(parts.BYMONTH) !== first.getUTCMonth() + 1) return because('other_month');
  if (parts.BYMONTHDAY && Number(parts.BYMONTHDAY) !== first.getUTCDate()) return because('other_day');
  const interval = Number(parts.INTERVAL ?? '1');
  if (!Number.isInteger(interval) || interval < 1) return because('bad_interval');
  const y0 = first.getUTCFullYear();
  if (!parts.COUNT && !parts.UNTIL) return interval === 1 ? { years: 'forever' } : because('interval_without_end', interval);
  const count = parts.COUNT ? Math.min(Number(parts.COUNT), MAX_YEARS) : MAX_YEARS;
  const untilDay = parts.UNTIL ? dayOf(parts.UNTIL.slice(0, 8)) : null;
  const lastYear = untilDay === null ? Number.POSITIVE_INFINITY : new Date(untilDay * DAY).getUTCFullYear();
  const years: number[] = [];
  for (let k = 0; k < count && y0 + k * interval <= lastYear; k++) years.push(y0 + k * interval);
  return { years };
}

/** Reads the VEVENTs of an .ics file as holidays of a calendar in `zone` (used for events given in UTC). */
export function parseIcsHolidays(text: string, zone: string): IcsImport {
  const holidays: Holiday[] = [];
  const skipped: IcsImport['skipped'] = [];
  let event: Map<string, Property> | null = null;
  for (const line of unfold(text)) {
    const parsed = parseLine(line.trim());
    if (!parsed) continue;
    const [name, prop] = parsed;
    if (name === 'BEGIN' && prop.value.toUpperCase() === 'VEVENT') event = new Map();
    else if (name === 'END' && prop.value.toUpperCase() === 'VEVENT' && event) {
      readEvent(event, zone, holidays, skipped);
      event = null;
    } else if (event && !event.has(name)) event.set(name, prop);
  }
  const seen = new Set<string>();
  const unique = holidays.filter((h) => {
    const key = `${h.date}|${h.yearly}`;
    return !seen.has(key) && (seen.add(key), true);
  });
  return { holidays: unique.sort((a, b) => a.date.localeCompare(b.date)), skipped };
}

function readEvent(props: Map<string, Property>, zone: string, holidays: Holiday[], skipped: IcsImport['skipped']): void {
  const name = unescapeText(props.get('SUMMARY')?.value ?? '').slice(0, 200);
  const days = coveredDays(props, zone);
  if (!Array.isArray(days)) return void skipped.push({ name, reason: days });
  const rrule = props.get('RRULE')?.value;
  if (!rrule) {
    for (const d of days) holidays.push({ date: isoOf(d), name, yearly: false });
    return;
  }
  const rule = yearlyRule(rrule, days[0] as number);
  if (!('years' in rule)) return void skipped.push({ name, reason: rule });
  for (const d of days) {
    const date = isoOf(d);
    if (rule.years === 'forever') holidays.push({ date, name, yearly: true });
    else
      for (const y of rule.years)
        if (dayOf(`${y}${date.slice(5, 7)}${date.slice(8, 10)}`) !== null) holidays.push({ date: `${y}${date.slice(4)}`, name, yearly: false });
  }
}
