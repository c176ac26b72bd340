// Service levels on the server. The policy and the business-time arithmetic live in lib/ (lib/cases/sla-policy.ts,
// lib/sla/) so the extension shows the same deadlines offline. Teams may override the targets and set a business
// calendar (server/routes/sla.ts). Push (server/sync/push.ts) calls the three hooks at the bottom: a new case starts
// its clock, a case update pauses, resumes, stops or retargets it, and an interaction answers or re-opens a response.
// Every step uses the server's clock, never the agent's.
import { mergeSlaPolicy, slaDueAtWith } from '../../lib/cases/sla-policy';
import { type Case, type Channel, type Interaction, OPEN_STATUSES, type Priority } from '../../lib/schema/entities';
import { BusinessCalendar, type ChannelGroup, type SlaPolicy, type SlaPolicyUpdate } from '../../lib/schema/sla';
import type { SlaClock } from '../../lib/schema/sla-clock';
import { ALWAYS_OPEN } from '../../lib/sla/business-time';
import { answerClock, customerWroteClock, pauseClock, resumeClock, retargetClock, startClock, stopClock, targetsFor } from '../../lib/sla/clock';
import type { Queryable } from '../db/database';

export { DEFAULT_SLA_POLICY, SLA_MINUTES, slaDueAt, slaDueAtWith } from '../../lib/cases/sla-policy';

type Rec = Record<string, unknown>;

export interface SlaPolicyRow {
  team_id: string;
  channel_group: ChannelGroup;
  priority: Priority;
  first_response_minutes: number;
  next_response_minutes: number | null;
  resolution_minutes: number;
  updated_at: Date | string;
}

/** Each team's own entries (only teams with rows appear). */
export async function loadSlaOverrides(
  q: Queryable,
  teamIds: readonly string[],
): Promise<Map<string, { overrides: SlaPolicyUpdate; updatedAt: Date | string }>> {
  const { rows } = await q.query<SlaPolicyRow>(
    `select team_id, channel_group, priority, first_response_minutes, next_response_minutes, resolution_minutes, updated_at
     from sla_policies where team_id = any($1::text[])`,
    [teamIds],
  );
  return slaOverridesOf(rows);
}

/** Each team's own entries from its sla_policies rows. */
export function slaOverridesOf(rows: readonly SlaPolicyRow[]): Map<string, { overrides: SlaPolicyUpdate; updatedAt: Date | string }> {
  const out = new Map<string, { overrides: SlaPolicyUpdate; updatedAt: Date | string }>();
  for (const r of rows) {
    const team = out.get(r.team_id) ?? { overrides: {}, updatedAt: r.updated_at };
    const group = (team.overrides[r.channel_group] ??= {});
    group[r.priority] = {
      firstResponseMinutes: Number(r.first_response_minutes),
      ...(r.next_response_minutes === null ? {} : { nextResponseMinutes: Number(r.next_response_minutes) }),
      resolutionMinutes: Number(r.resolution_minutes),
    };
    if (new Date(r.updated_at) > new Date(team.updatedAt)) team.updatedAt = r.updated_at;
    out.set(r.team_id, team);
  }
  return out;
}

/** The team's policy: its own entries over the defaults. */
export async function loadTeamSlaPolicy(q: Queryable, teamId: string): Promise<SlaPolicy> {
  const own = (await loadSlaOverrides(q, [teamId])).get(teamId);
  return mergeSlaPolicy(own?.overrides ?? {});
}

/** Each team's business calendar (only teams that set one appear). */
export async function loadCalendars(q: Queryable, teamIds: readonly string[]): Promise<Map<string, { calendar: BusinessCalendar; updatedAt: Date | string }>> {
  const { rows } = await q.query<{ team_id: string; calendar: unknown; updated_at: Date | string }>(
    'select team_id, calendar, updated_at from business_calendars where team_id = any($1::text[])',
    [teamIds],
  );
  return calendarsOf(rows);
}

/** Each team's calendar from its business_calendars rows. */
export function calendarsOf(
  rows: readonly { team_id: string; calendar: unknown; updated_at: Date | string }[],
): Map<string, { calendar: BusinessCalendar; updatedAt: Date | string }> {
  return new Map(rows.map((r) => [r.team_id, { calendar: BusinessCalendar.parse(r.calendar), updatedAt: r.updated_at }]));
}

/** The calendar a team's clocks count in: its own, or around the clock. */
export async function loadTeamCalendar(q: Queryable, teamId: string): Promise<BusinessCalendar> {
  return (await loadCalendars(q, [teamId])).get(teamId)?.calendar ?? ALWAYS_OPEN;
}

/**
 * Values read once per push batch (push passes its batch's map): a batch writes no policy or calendar, so a team's
 * rules hold for the whole transaction and a batch of captures reads them once, not once per case.
 */
export type BatchCache = Map<string, unknown>;

async function once<T>(cache: BatchCache | undefined, key: string, load: () => Promise<T>): Promise<T> {
  if (cache?.has(key)) return cache.get(key) as T;
  const value = await load();
  cache?.set(key, value);
  return value;
}

const teamPolicy = (q: Queryable, teamId: string, cache?: BatchCache) => once(cache, `sla.policy:${teamId}`, () => loadTeamSlaPolicy(q, teamId));

/**
 * Seeds a batch's cache with teams' policies and calendars read elsewhere (push reads them with its records): from
 * their sla_policies and business_calendars rows, what loadTeamSlaPolicy and loadTeamCalendar would answer.
 */
export function seedSlaCache(
  cache: BatchCache,
  teamIds: readonly string[],
  policies: readonly SlaPolicyRow[],
  calendars: readonly { team_id: string; calendar: unknown; updated_at: Date | string }[],
): void {
  const overrides = slaOverridesOf(policies);
  const byTeam = calendarsOf(calendars);
  for (const teamId of teamIds) {
    cache.set(`sla.policy:${teamId}`, mergeSlaPolicy(overrides.get(teamId)?.overrides ?? {}));
    cache.set(`sla.calendar:${teamId}`, byTeam.get(teamId)?.calendar ?? ALWAYS_OPEN);
  }
}

async function teamRules(q: Queryable, teamId: string, channel: Channel, priority: Priority, cache?: BatchCache) {
  const [policy, calendar] = await Promise.all([teamPolicy(q, teamId, cache), once(cache, `sla.calendar:${teamId}`, () => loadTeamCalendar(q, teamId))]);
  return { targets: targetsFor(policy, channel, priority), calendar };
}

/** slaDueAt follows the first-response target while it runs (the queue sorts and the reports count by it). */
function withDueAt(record: Rec, clock: SlaClock): void {
  record.slaClock = clock;
  if (clock.response?.kind === 'first') record.slaDueAt = clock.response.dueAt;
}

/**
 * A new case (before it is written): its clock starts at the server's now, or at the capture's own time if that is
 * earlier (a case captured offline waited already; an agent's clock set ahead gains nothing). slaDueAt null: no SLA.
 */
export async function startCaseSla(q: Queryable, record: Rec, now: string, cache?: BatchCache): Promise<void> {
  if (record.slaDueAt === null) return;
  const { targets, calendar } = await teamRules(q, String(record.teamId), record.channel as Channel, record.priority as Priority, cache);
  const start = Math.min(Date.parse(String(record.createdAt)), Date.parse(now));
  withDueAt(record, startClock(targets, calendar, Number.isNaN(start) ? Date.parse(now) : start));
}

const isDone = (status: unknown) => !OPEN_STATUSES.includes(status as Case['status']);

/**
 * A case update (before it is written): moves the clock for a status, priority or channel change and answers the
 * fields it changed. A patch that sets slaDueAt itself keeps it. Cases from before clocks keep the wall-clock rule.
 */
export async function updateCaseSla(q: Queryable, teamId: string, before: Rec, next: Rec, patch: Rec, now: string, cache?: BatchCache): Promise<string[]> {
  if ('slaDueAt' in patch) return [];
  // A move to another team counts the clock against that team's targets and calendar.
  const retargeted = next.priority !== before.priority || next.channel !== before.channel || next.teamId !== before.teamId;
  const clock = before.slaClock as SlaClock | undefined;
  if (!clock) {
    if (before.slaDueAt === null || !retargeted) return [];
    const policy = await teamPolicy(q, teamId, cache);
    next.slaDueAt = slaDueAtWith(policy, next.channel as Channel, next.priority as Priority, String(next.createdAt));
    return ['slaDueAt'];
  }
  const stops = isDone(next.status) && !isDone(before.status);
  const pauses = next.status === 'pending' && before.status !== 'pending';
  const resumes = before.status === 'pending' && next.status !== 'pending';
  if (!retargeted && !stops && !pauses && !resumes) return [];
  const { targets, calendar } = await teamRules(q, teamId, next.channel as Channel, next.priority as Priority, cache);
  const at = Date.parse(now);
  let moved = retargeted ? retargetClock(clock, targets, calendar) : clock;
  if (stops) moved = stopClock(moved, at);
  else if (pauses) moved = pauseClock(moved, calendar, at);
  else if (resumes) moved = resumeClock(moved, calendar, at);
  withDueAt(next, moved);
  return ['slaClock', 'slaDueAt'];
}

/**
 * An interaction filed under a case: an agent's reply meets the response target; the customer writing restarts a
 * pending case's clock (the case is open again) or starts a next-response target. Answers the case as it is to be
 * written (its next version, with the field versions of the fields it changed), or null when the clock does not move.
 * The caller (push) holds the case under its lock and writes it.
 */
export async function interactionMovesSla(
  q: Queryable,
  interaction: Pick<Interaction, 'direction'>,
  kase: { version: number; deleted: boolean; data: Rec; fieldVersions: Record<string, number> } | null,
  now: string,
  cache?: BatchCache,
): Promise<{ record: Rec; fieldVersions: Record<string, number> } | null> {
  const clock = kase?.data.slaClock as SlaClock | undefined;
  if (!kase || kase.deleted || !clock || isDone(kase.data.status)) return null;
  const next: Rec = { ...kase.data };
  if (interaction.direction === 'outbound') withDueAt(next, answerClock(clock, Date.parse(now)));
  else {
    const { targets, calendar } = await teamRules(q, String(kase.data.teamId), kase.data.channel as Channel, kase.data.priority as Priority, cache);
    withDueAt(next, customerWroteClock(clock, targets, calendar, Date.parse(now)));
    if (kase.data.status === 'pending') next.status = 'open';
  }
  const changed = ['slaClock', 'slaDueAt', 'status'].filter((f) => JSON.stringify(next[f]) !== JSON.stringify(kase.data[f]));
  if (changed.length === 0) return null;
  const version = Number(kase.version) + 1;
  const fieldVersions = { ...kase.fieldVersions, ...Object.fromEntries(changed.map((f) => [f, version])) };
  return { record: { ...next, version, updatedAt: now }, fieldVersions };
}
