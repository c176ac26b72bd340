// UTC offsets of an IANA time zone, from the runtime's own tz data (Intl.DateTimeFormat), no date library.
// Business-time arithmetic asks for the offset and the next change thousands of times per second (the queue's
// 50,000 deadlines), so each zone's changes are found once per UTC year and looked up by binary search after that.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How finely a year is sampled for offset changes: no zone changes its offset twice within 6 hours. */
const SAMPLE_STEP = 6 * HOUR;

interface YearOffsets {
  /** Offset in ms at the start of the UTC year. */
  first: number;
  /** The instants in the year where the offset changes, ascending, with the offset from that instant on. */
  changes: { at: number; offset: number }[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const years = new Map<string, YearOffsets>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset (local wall time minus UTC, in ms) at an instant, straight from Intl (slow: ~µs). */
export function intlOffset(zone: string, at: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  const seconds = Math.floor(at / 1000) * 1000;
  return wall - seconds;
}

function yearOffsets(zone: string, year: number): YearOffsets {
  const key = `${zone}|${year}`;
  const known = years.get(key);
  if (known) return known;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const first = intlOffset(zone, start);
  const changes: YearOffsets['changes'] = [];
  let prevAt = start;
  let prevOffset = first;
  for (let t = Math.min(start + SAMPLE_STEP, end); ; t = Math.min(t + SAMPLE_STEP, end)) {
    const offset = intlOffset(zone, t);
    if (offset !== prevOffset) {
      // The change lies in (prevAt, t]: narrow it to the minute (every tz change since 1970 is on a whole minute).
      let lo = prevAt;
      let hi = t;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (intlOffset(zone, mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      changes.push({ at: hi, offset });
      prevOffset = offset;
    }
    prevAt = t;
    if (t >= end) break;
  }
  const out = { first, changes };
  years.set(key, out);
  return out;
}

/**
 * The stretch of time around `at` during which the zone's offset stays the same: [start, end) with that offset.
 * Stretches are cut at UTC year boundaries too, which changes nothing for callers.
 */
export function offsetSpan(zone: string, at: number): { start: number; end: number; offset: number } {
  const year = new Date(at).getUTCFullYear();
  const { first, changes } = yearOffsets(zone, year);
  // The last change at or before `at` (binary search).
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((changes[mid] as { at: number }).at <= at) lo = mid + 1;
    else hi = mid;
  }
  const before = changes[lo - 1];
  const after = changes[lo];
  return {
    start: before ? before.at : Date.UTC(year, 0, 1),
    end: after ? after.at : Date.UTC(year + 1, 0, 1),
    offset: before ? before.offset : first,
  };
}
