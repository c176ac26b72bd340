// The service-level report (console → GET /sla/report): per team, channel and week the share of cases whose first
// reply met its deadline, the median and p90 first-response time in business minutes, and breaches by hour of day.
// Pure: the server feeds it cases with their first reply's server time; the unit test a hand-computed fixture.
import { toCsv } from '../csv/csv';
import type { Channel } from '../schema/entities';
import type { BusinessCalendar } from '../schema/sla';
import { ALWAYS_OPEN, businessMinutesBetween } from './business-time';
import { intlOffset } from './zone';

export interface ReportCase {
  id: string;
  teamId: string;
  channel: Channel;
  createdAt: string;
  /** The first-response deadline (Case.slaDueAt); null: no target, or paused at the time of the report. */
  firstDueAt: string | null;
  /** When the server received the first reply under the case; null: none yet. */
  firstReplyAt: string | null;
}

export interface ReportRow {
  teamId: string;
  channel: Channel;
  /** The Monday of the week the case was created, in the team's time zone (YYYY-MM-DD). */
  week: string;
  /** Cases whose first-response target is decided: replied, or past the deadline without a reply. */
  decided: number;
  met: number;
  breached: number;
  /** met / decided, 0–1. */
  share: number;
}

export interface SlaReport {
  rows: ReportRow[];
  /** Over replied cases: business minutes from capture to first reply (nearest-rank percentiles); null without any. */
  firstResponse: { replied: number; medianMinutes: number | null; p90Minutes: number | null };
  /** Breached first-response targets by the hour of the deadline in the team's zone, 0–23. */
  breachesByHour: number[];
}

const DAY_MS = 86_400_000;

/** The local calendar date and hour of an instant in a zone. */
function local(zone: string, at: number): { day: number; hour: number; weekday: number } {
  const shifted = at + intlOffset(zone, at);
  const day = Math.floor(shifted / DAY_MS);
  return { day, hour: Math.floor((shifted - day * DAY_MS) / 3_600_000), weekday: (day + 3) % 7 }; // day 0 was a Thursday
}

function weekOf(zone: string, at: number): string {
  const { day, weekday } = local(zone, at); // weekday: Monday 0 … Sunday 6
  return new Date((day - weekday) * DAY_MS).toISOString().slice(0, 10);
}

/** The nearest-rank percentile of sorted values (p in (0, 1]). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? null;
}

export function slaReport(cases: readonly ReportCase[], calendars: ReadonlyMap<string, BusinessCalendar>, now: number): SlaReport {
  const rows = new Map<string, ReportRow>();
  const minutes: number[] = [];
  const breachesByHour = Array.from({ length: 24 }, () => 0);
  for (const c of cases) {
    const calendar = calendars.get(c.teamId) ?? ALWAYS_OPEN;
    const created = Date.parse(c.createdAt);
    const reply = c.firstReplyAt === null ? null : Date.parse(c.firstReplyAt);
    if (reply !== null) minutes.push(businessMinutesBetween(calendar, created, reply));
    if (c.firstDueAt === null) continue;
    const due = Date.parse(c.firstDueAt);
    const met = reply !== null && reply <= due;
    const breached = !met && (reply !== null || now > due);
    if (!met && !breached) continue; // still running: not decided yet
    const week = weekOf(calendar.timeZone, created);
    const key = `${c.teamId}\u0000${c.channel}\u0000${week}`;
    const row = rows.get(key) ?? { teamId: c.teamId, channel: c.channel, week, decided: 0, met: 0, breached: 0, share: 0 };
    row.decided += 1;
    if (met) row.met += 1;
    else {
      row.breached += 1;
      const { hour } = local(calendar.timeZone, due);
      breachesByHour[hour] = (breachesByHour[hour] ?? 0) + 1;
    }
    row.share = row.met / row.decided;
    rows.set(key, row);
  }
  minutes.sort((a, b) => a - b);
  return {
    rows: [...rows.values()].sort((a, b) => a.teamId.localeCompare(b.teamId) || a.week.localeCompare(b.week) || a.channel.localeCompare(b.channel)),
    firstResponse: { replied: minutes.length, medianMinutes: percentile(minutes, 0.5), p90Minutes: percentile(minutes, 0.9) },
    breachesByHour,
  };
}

/** The report's rows as CSV (lib/csv). */
export function reportCsv(report: SlaReport): string {
  return toCsv(
    ['team', 'channel', 'week', 'decided', 'met', 'breached', 'share_met'],
    report.rows.map((r) => [r.teamId, r.channel, r.week, r.decided, r.met, r.breached, r.share.toFixed(4)]),
  );
}
