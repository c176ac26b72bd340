// The service-level report (console → GET /sla/report): per team, channel, week and target the share met (first
// response, next responses, resolution), the median and p90 first-response time in business minutes, and first-response
// breaches by hour of day.
// Pure: the server feeds it cases with their first reply's server time; the unit test a hand-computed fixture.
import { toCsv } from '../csv/csv';
import type { Channel } from '../schema/entities';
import type { BusinessCalendar } from '../schema/sla';
import type { SlaOutcome } from '../schema/sla-clock';
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
  /** The stopped targets' outcomes the case's clock kept (next responses, resolution); the first is worked out above. */
  outcomes?: readonly SlaOutcome[];
}

export type ReportTarget = SlaOutcome['target'];
const TARGET_ORDER: Record<ReportTarget, number> = { first: 0, next: 1, resolution: 2 };

export interface ReportRow {
  teamId: string;
  channel: Channel;
  /** The Monday of the week the case was created, in the team's time zone (YYYY-MM-DD). */
  week: string;
  target: ReportTarget;
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
  /** One decided target of a case, counted into its team, channel, week and target's row. */
  const count = (c: ReportCase, week: string, target: ReportTarget, met: boolean) => {
    const key = `${c.teamId}\u0000${c.channel}\u0000${week}\u0000${target}`;
    const row = rows.get(key) ?? { teamId: c.teamId, channel: c.channel, week, target, decided: 0, met: 0, breached: 0, share: 0 };
    row.decided += 1;
    if (met) row.met += 1;
    else row.breached += 1;
    row.share = row.met / row.decided;
    rows.set(key, row);
  };
  for (const c of cases) {
    const calendar = calendars.get(c.teamId) ?? ALWAYS_OPEN;
    const created = Date.parse(c.createdAt);
    const week = weekOf(calendar.timeZone, created);
    // Next responses and the resolution as the clock kept them when they stopped (running ones are not decided yet).
    for (const outcome of c.outcomes ?? []) if (outcome.target !== 'first') count(c, week, outcome.target, outcome.met);
    const reply = c.firstReplyAt === null ? null : Date.parse(c.firstReplyAt);
    if (reply !== null) minutes.push(businessMinutesBetween(calendar, created, reply));
    if (c.firstDueAt === null) continue;
    const due = Date.parse(c.firstDueAt);
    const met = reply !== null && reply <= due;
    const breached = !met && (reply !== null || now > due);
    if (!met && !breached) continue; // still running: not decided yet
    count(c, week, 'first', met);
    if (breached) {
      const { hour } = local(calendar.timeZone, due);
      breachesByHour[hour] = (breachesByHour[hour] ?? 0) + 1;
    }
  }
  minutes.sort((a, b) => a - b);
  return {
    rows: [...rows.values()].sort(
      (a, b) =>
        a.teamId.localeCompare(b.teamId) ||
        a.week.localeCompare(b.week) ||
        a.channel.localeCompare(b.channel) ||
        TARGET_ORDER[a.target] - TARGET_ORDER[b.target],
    ),
    firstResponse: { replied: minutes.length, medianMinutes: percentile(minutes, 0.5), p90Minutes: percentile(minutes, 0.9) },
    breachesByHour,
  };
}

/** The report's rows as CSV (lib/csv). */
export function reportCsv(report: SlaReport): string {
  return toCsv(
    ['team', 'channel', 'week', 'target', 'decided', 'met', 'breached', 'share_met'],
    report.rows.map((r) => [r.teamId, r.channel, r.week, r.target, r.decided, r.met, r.breached, r.share.toFixed(4)]),
  );
}
