// Assignment on the server, the one place that decides who gets a new case (issue 20). Push calls assignNewCase for
// every case created without an assignee; the team's lock (taken by push with the batch's record locks, in key order)
// serialises concurrent creates of one team, so two captures at the same instant never read the same turn or load.
import { type CaseNeeds, pickAssignee } from '../../lib/assignment/pick';
import {
  type AgentSkills,
  type AgentStatus,
  AssignmentSettings,
  DEFAULT_ASSIGNMENT,
  type MyAgentStatus,
  type StatusReason,
  type TeamAgent,
} from '../../lib/schema/assignment';
import type { User } from '../../lib/schema/entities';
import { type Db, iso, type Queryable } from '../db/database';
import { lockRecordKeys, writeRecords } from '../db/records';
import { startPeriodic } from '../sla/periodic';

/** The lock key of a team's assignment turn: push takes it for each team its batch creates cases in. */
export const assignmentLockKey = (teamId: string) => `assignment:${teamId}`;

/**
 * The teams of `teams` (a text[] expression) whose new cases take an assignment turn (a mode other than manual),
 * answering team_id: push locks only their turns, read within its lock statement, so creates in a manual team (the
 * default) never queue behind each other.
 */
export function assigningTeamsSql(teams: string): string {
  return `select team_id from assignment_settings where team_id = any(${teams}) and mode <> 'manual'`;
}

/** Cases that count against an agent's capacity and return to the pool when they are away. */
const OPEN_CASE = `not c.deleted and c.data->>'status' in ('new', 'open', 'pending')`;

interface SettingsRow {
  team_id: string;
  mode: AssignmentSettings['mode'];
  capacity: number | null;
  auto_away_minutes: number | null;
  return_after_minutes: number | null;
  match_skills: boolean;
  match_language: boolean;
  last_assignee_id: string | null;
  updated_at: Date | string;
}

export interface StoredAssignment {
  settings: AssignmentSettings;
  lastAssigneeId: string | null;
  updatedAt: string;
}

/** Each team's saved settings (teams without a row use DEFAULT_ASSIGNMENT: manual). */
export async function loadAssignmentSettings(q: Queryable, teamIds: readonly string[]): Promise<Map<string, StoredAssignment>> {
  const { rows } = await q.query<SettingsRow>(
    `select team_id, mode, capacity, auto_away_minutes, return_after_minutes, match_skills, match_language, last_assignee_id, updated_at
     from assignment_settings where team_id = any($1::text[])`,
    [teamIds],
  );
  return new Map(
    rows.map((r) => [
      r.team_id,
      {
        settings: AssignmentSettings.parse({
          mode: r.mode,
          capacity: r.capacity,
          autoAwayMinutes: r.auto_away_minutes,
          returnAfterMinutes: r.return_after_minutes,
          matchSkills: r.match_skills,
          matchLanguage: r.match_language,
        }),
        lastAssigneeId: r.last_assignee_id,
        updatedAt: iso(r.updated_at),
      },
    ]),
  );
}

/** Replaces the team's settings; the round-robin's turn carries on where it was. */
export async function saveAssignmentSettings(q: Queryable, teamId: string, settings: AssignmentSettings, at: string): Promise<void> {
  await q.query(
    `insert into assignment_settings (team_id, mode, capacity, auto_away_minutes, return_after_minutes, match_skills, match_language, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (team_id) do update set mode = excluded.mode, capacity = excluded.capacity, auto_away_minutes = excluded.auto_away_minutes,
       return_after_minutes = excluded.return_after_minutes, match_skills = excluded.match_skills, match_language = excluded.match_language,
       updated_at = excluded.updated_at`,
    [teamId, settings.mode, settings.capacity, settings.autoAwayMinutes, settings.returnAfterMinutes, settings.matchSkills, settings.matchLanguage, at],
  );
}

/** Sets what the listed agents of the team can take on (each replaced whole); agents not listed keep theirs. */
export async function saveAgentSkills(q: Queryable, teamId: string, agents: readonly AgentSkills[]): Promise<void> {
  for (const a of agents) {
    await q.query(
      `insert into agent_skills (team_id, user_id, skills, languages) values ($1, $2, $3::text[], $4::text[])
       on conflict (team_id, user_id) do update set skills = excluded.skills, languages = excluded.languages`,
      [teamId, a.userId, [...new Set(a.skills)], [...new Set(a.languages)]],
    );
  }
}

/** The team's active agents with their status and the open cases they hold in it, by name. */
export async function teamAgents(q: Queryable, teamId: string): Promise<TeamAgent[]> {
  const { rows } = await q.query<{
    id: string;
    name: string;
    status: AgentStatus | null;
    since: Date | string | null;
    open_cases: number | string;
    skills: string[] | null;
    languages: string[] | null;
  }>(
    `select u.id, u.name, s.status, s.since, count(c.id) as open_cases, k.skills, k.languages
     from users u
     left join agent_status s on s.user_id = u.id
     left join agent_skills k on k.team_id = $1 and k.user_id = u.id
     left join cases c on c.team_id = $1 and ${OPEN_CASE} and c.data->>'assigneeId' = u.id
     where $1 = any(u.team_ids) and u.role = 'agent' and u.deactivated_at is null
     group by u.id, u.name, s.status, s.since, k.skills, k.languages
     order by u.name, u.id`,
    [teamId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status ?? 'available',
    since: r.since === null ? null : iso(r.since),
    openCases: Number(r.open_cases),
    skills: r.skills ?? [],
    languages: r.languages ?? [],
  }));
}

/**
 * Who a new case (not yet written) goes to under its team's mode, or null: it stays in the pool. Moves the team's turn
 * on. Call it inside the push transaction: the lock is re-entrant, and push took it already with its record locks.
 */
export async function assignNewCase(q: Queryable, teamId: string, newCase: { tags: readonly string[]; customerId: string }): Promise<string | null> {
  await lockRecordKeys(q, [assignmentLockKey(teamId)]);
  const stored = (await loadAssignmentSettings(q, [teamId])).get(teamId);
  const settings = stored?.settings ?? DEFAULT_ASSIGNMENT;
  if (settings.mode === 'manual') return null;
  const candidates = (await teamAgents(q, teamId)).filter((a) => a.status === 'available');
  const needs: CaseNeeds = { tags: newCase.tags, language: settings.matchLanguage ? await customerLanguage(q, newCase.customerId) : null };
  const chosen = pickAssignee(settings.mode, candidates, {
    capacity: settings.capacity,
    lastAssigneeId: stored?.lastAssigneeId ?? null,
    matchSkills: settings.matchSkills,
    matchLanguage: settings.matchLanguage,
    needs,
  });
  if (chosen) await q.query('update assignment_settings set last_assignee_id = $2 where team_id = $1', [teamId, chosen]);
  return chosen;
}

/** The case's language is its customer's (written earlier in the same push when the capture created them). */
async function customerLanguage(q: Queryable, customerId: string): Promise<string | null> {
  const { rows } = await q.query<{ language: string | null }>(`select data->>'language' as language from customers where id = $1 and not deleted`, [
    customerId,
  ]);
  return rows[0]?.language ?? null;
}

/** The caller's status, and the shortest auto-away their teams ask for. */
export async function myStatus(q: Queryable, user: User): Promise<MyAgentStatus> {
  const [{ rows }, teams] = await Promise.all([
    q.query<{ status: AgentStatus; reason: StatusReason; since: Date | string }>('select status, reason, since from agent_status where user_id = $1', [
      user.id,
    ]),
    loadAssignmentSettings(q, user.teamIds),
  ]);
  const minutes = [...teams.values()].flatMap((t) => (t.settings.autoAwayMinutes === null ? [] : [t.settings.autoAwayMinutes]));
  const row = rows[0];
  return {
    status: row?.status ?? 'available',
    reason: row?.reason ?? 'manual',
    since: row ? iso(row.since) : null,
    autoAwayMinutes: minutes.length > 0 ? Math.min(...minutes) : null,
  };
}

/**
 * Sets the caller's status. The browser's idle signal never overrides the agent's own choice: it sets away only an
 * available agent, and brings back only an agent it set away. A status set again keeps its `since`.
 */
export async function setMyStatus(q: Queryable, user: User, status: AgentStatus, reason: StatusReason, at: string): Promise<MyAgentStatus> {
  const current = await myStatus(q, user);
  const idleMayChange = status === 'away' ? current.status === 'available' : current.status === 'away' && current.reason === 'idle';
  if (current.status !== status && (reason === 'manual' || idleMayChange)) {
    await q.query(
      `insert into agent_status (user_id, status, reason, since) values ($1, $2, $3, $4)
       on conflict (user_id) do update set status = excluded.status, reason = excluded.reason, since = excluded.since`,
      [user.id, status, reason, at],
    );
  }
  return myStatus(q, user);
}

/** Open cases whose assignee has been away longer than their team's return time (optionally one case, re-checked). */
const OVERDUE_AWAY = `select c.id, c.version, c.data, c.field_versions
  from cases c
  join assignment_settings a on a.team_id = c.team_id and a.return_after_minutes is not null
  join agent_status s on s.user_id = c.data->>'assigneeId' and s.status = 'away'
    and s.since <= $1::timestamptz - make_interval(mins => a.return_after_minutes)
  where ${OPEN_CASE}`;

/**
 * Returns to the team's pool (assignee cleared) each open case of an agent away longer than the team allows, one
 * transaction per case, locked and read again so an agent coming back or a reassignment meanwhile wins. Answers the
 * cases returned. The write is an ordinary change: every agent of the team sees the case unassigned after their pull.
 */
export async function returnAwayAgentsCases(db: Db, now: Date): Promise<string[]> {
  const at = now.toISOString();
  const { rows } = await db.query<{ id: string }>(OVERDUE_AWAY, [at]);
  const returned: string[] = [];
  for (const { id } of rows) {
    const done = await db.transaction(async (tx) => {
      await lockRecordKeys(tx, [`cases:${id}`]);
      const again = await tx.query<{ version: number; data: Record<string, unknown>; field_versions: Record<string, number> | null }>(
        `${OVERDUE_AWAY} and c.id = $2 for update of c`,
        [at, id],
      );
      const row = again.rows[0];
      if (!row) return false;
      const version = Number(row.version) + 1;
      await writeRecords(tx, 'cases', [{ ...row.data, assigneeId: null, version, updatedAt: at }], {
        fieldVersions: [{ ...(row.field_versions ?? {}), assigneeId: version }],
      });
      return true;
    });
    if (done) returned.push(id);
  }
  return returned;
}

/** Returns away agents' cases every `everyMs`; answers a stop function. */
export function startAwayReturnSweep(db: Db, now: () => Date, everyMs: number): () => void {
  return startPeriodic('away agents sweep', () => returnAwayAgentsCases(db, now()), everyMs);
}
