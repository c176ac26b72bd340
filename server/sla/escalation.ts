// Escalation on the server: a periodic sweep finds running SLA targets that have used their team's share (default 75%)
// of their business minutes, marks them on the case (slaClock's escalatedAt: the queue's flag), optionally raises the
// priority a step, and records each escalation. The case write goes out on the change feed, so every agent's live stream
// brings it and the background notifies the assignee and the team's managers (lib/notifications/escalations.ts).
import type { Case, Priority } from '../../lib/schema/entities';
import { type BusinessCalendar, type EscalationRecord, EscalationSettings, type EscalationTarget } from '../../lib/schema/sla';
import { SlaClock } from '../../lib/schema/sla-clock';
import { ALWAYS_OPEN } from '../../lib/sla/business-time';
import { DEFAULT_ESCALATION, escalateClock, raisedPriority, targetsToEscalate } from '../../lib/sla/escalation';
import { type Db, iso, type Queryable } from '../db/database';
import { lockRecordKeys, writeRecords } from '../db/records';
import { loadCalendars } from '../sync/sla';
import { startPeriodic } from './periodic';

type Rec = Record<string, unknown>;

/** Each team's escalation rule (teams without one use DEFAULT_ESCALATION). */
export async function loadEscalationSettings(
  q: Queryable,
  teamIds: readonly string[],
): Promise<Map<string, { settings: EscalationSettings; updatedAt: string }>> {
  const { rows } = await q.query<{ team_id: string; share: number; raise_priority: boolean; updated_at: Date | string }>(
    'select team_id, share, raise_priority, updated_at from sla_escalation_settings where team_id = any($1::text[])',
    [teamIds],
  );
  return new Map(
    rows.map((r) => [
      r.team_id,
      { settings: EscalationSettings.parse({ share: Number(r.share), raisePriority: r.raise_priority }), updatedAt: iso(r.updated_at) },
    ]),
  );
}

export async function saveEscalationSettings(q: Queryable, teamId: string, settings: EscalationSettings, at: string): Promise<void> {
  await q.query(
    `insert into sla_escalation_settings (team_id, share, raise_priority, updated_at) values ($1, $2, $3, $4)
     on conflict (team_id) do update set share = excluded.share, raise_priority = excluded.raise_priority, updated_at = excluded.updated_at`,
    [teamId, settings.share, settings.raisePriority, at],
  );
}

interface CaseRow {
  id: string;
  version: number;
  data: Rec;
  field_versions: Record<string, number> | null;
}

export const RUNNING_CASES = `select id, version, data, field_versions from cases
  where not deleted and data->>'status' in ('new', 'open') and jsonb_typeof(data->'slaClock') = 'object'`;

/**
 * One sweep at `now`: escalates every running target past its team's share, each case in a transaction of its own
 * (locked and read again, so a push that answered it meanwhile wins). Answers what it recorded.
 */
export async function sweepEscalations(db: Db, now: Date): Promise<EscalationRecord[]> {
  const at = now.getTime();
  const { rows } = await db.query<CaseRow>(RUNNING_CASES);
  const teamIds = [...new Set(rows.map((r) => String(r.data.teamId)))];
  const [calendars, settings] = await Promise.all([loadCalendars(db, teamIds), loadEscalationSettings(db, teamIds)]);
  const rulesOf = (teamId: string) => ({
    calendar: calendars.get(teamId)?.calendar ?? ALWAYS_OPEN,
    settings: settings.get(teamId)?.settings ?? DEFAULT_ESCALATION,
  });
  const due = (row: Pick<CaseRow, 'data'>) => {
    const clock = SlaClock.safeParse(row.data.slaClock);
    if (!clock.success) return [];
    const { calendar, settings } = rulesOf(String(row.data.teamId));
    return targetsToEscalate(clock.data, calendar, settings.share, at);
  };
  const recorded: EscalationRecord[] = [];
  for (const candidate of rows) {
    if (due(candidate).length === 0) continue;
    recorded.push(...(await db.transaction((tx) => escalateCase(tx, candidate.id, now, due, rulesOf))));
  }
  return recorded;
}

async function escalateCase(
  tx: Queryable,
  caseId: string,
  now: Date,
  due: (row: Pick<CaseRow, 'data'>) => EscalationTarget[],
  rulesOf: (teamId: string) => { calendar: BusinessCalendar; settings: EscalationSettings },
): Promise<EscalationRecord[]> {
  await lockRecordKeys(tx, [`cases:${caseId}`]);
  const { rows } = await tx.query<CaseRow>(`${RUNNING_CASES} and id = $1 for update`, [caseId]);
  const row = rows[0];
  const targets = row ? due(row) : [];
  if (!row || targets.length === 0) return [];
  const escalatedAt = now.toISOString();
  const teamId = String(row.data.teamId);
  const clock = SlaClock.parse(row.data.slaClock);
  const priorityBefore = row.data.priority as Priority;
  const priorityAfter = rulesOf(teamId).settings.raisePriority ? raisedPriority(priorityBefore) : priorityBefore;
  // A raised priority orders the queue; the running targets keep the length the case was promised.
  const next: Rec = { ...row.data, slaClock: escalateClock(clock, targets, escalatedAt), priority: priorityAfter };
  const changed = priorityAfter === priorityBefore ? ['slaClock'] : ['slaClock', 'priority'];
  const version = Number(row.version) + 1;
  const fieldVersions = { ...(row.field_versions ?? {}), ...Object.fromEntries(changed.map((f) => [f, version])) };
  await writeRecords(tx, 'cases', [{ ...next, version, updatedAt: escalatedAt }], { fieldVersions: [fieldVersions] });
  const share = rulesOf(teamId).settings.share;
  const out = targets.map(
    (target): EscalationRecord => ({
      caseId,
      teamId,
      target,
      share,
      dueAt: String((target === 'resolution' ? clock.resolution : clock.response)?.dueAt),
      assigneeId: (row.data as Partial<Case>).assigneeId ?? null,
      priorityBefore,
      priorityAfter,
      escalatedAt,
    }),
  );
  for (const e of out) {
    await tx.query(
      `insert into sla_escalations (case_id, team_id, target, share, due_at, assignee_id, priority_before, priority_after, escalated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [e.caseId, e.teamId, e.target, e.share, e.dueAt, e.assigneeId, e.priorityBefore, e.priorityAfter, e.escalatedAt],
    );
  }
  return out;
}

/** The team's escalations, newest first. */
export async function listEscalations(q: Queryable, teamId: string, limit = 200): Promise<EscalationRecord[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    `select case_id, team_id, target, share, due_at, assignee_id, priority_before, priority_after, escalated_at
     from sla_escalations where team_id = $1 order by escalated_at desc, id desc limit $2`,
    [teamId, limit],
  );
  return rows.map((r) => ({
    caseId: String(r.case_id),
    teamId: String(r.team_id),
    target: r.target as EscalationTarget,
    share: Number(r.share),
    dueAt: iso(r.due_at as string),
    assigneeId: (r.assignee_id as string | null) ?? null,
    priorityBefore: r.priority_before as Priority,
    priorityAfter: r.priority_after as Priority,
    escalatedAt: iso(r.escalated_at as string),
  }));
}

/** Sweeps every `everyMs` (an overlapping sweep is skipped); answers a stop function. */
export function startEscalationSweep(db: Db, now: () => Date, everyMs: number): () => void {
  return startPeriodic('escalation sweep', () => sweepEscalations(db, now()), everyMs);
}
