// Retention: per team, interactions, closed cases (their captured content) and their screenshots older than the team's
// period are deleted by tombstones (./tombstones.ts). Off by default; startServer runs it daily, an admin on demand.
import { AccessDetails, type RemovedCounts, type RetentionRunResponse, type TeamRetention } from '../../lib/schema/privacy';
import { type Db, iso, type Queryable } from '../db/database';
import { appendAccess } from '../policy/access-log';
import { removeCases, removeInteractions, scrubbed } from './tombstones';

/** Who a scheduled run is logged as in the access log. */
export const SYSTEM_USER = 'system';

const DAY_MS = 24 * 3600_000;

/** A case still being worked on keeps its interactions and screenshots whatever their age. */
function openCase(table: string): string {
  return `${table}.data->>'status' in ('new', 'open', 'pending')`;
}

/** Every team with its period (null: off) and its newest run. */
export async function listRetention(q: Queryable): Promise<TeamRetention[]> {
  const { rows } = await q.query<{
    id: string;
    name: string;
    days: number | null;
    updated_at: Date | string | null;
    updated_by: string | null;
    last_at: Date | string | null;
    last_summary: string | null;
    last_details: unknown;
  }>(
    `select t.id, t.name, r.days, r.updated_at, r.updated_by, l.at as last_at, l.reason as last_summary, l.details as last_details
     from teams t left join retention_policies r on r.team_id = t.id
     left join lateral (select at, reason, details from access_log where team_id = t.id and action = 'retention_run' order by id desc limit 1) l on true
     order by t.id`,
  );
  return rows.map((r) => ({
    teamId: r.id,
    teamName: r.name,
    days: r.days,
    updatedAt: r.updated_at ? iso(r.updated_at) : null,
    updatedBy: r.updated_by,
    lastRun: r.last_at ? { at: iso(r.last_at), summary: r.last_summary, details: r.last_details ? AccessDetails.parse(r.last_details) : null } : null,
  }));
}

/** Sets a team's period, or turns retention off for it (days null). */
export async function setRetention(q: Queryable, teamId: string, days: number | null, userId: string, now: Date): Promise<void> {
  if (days === null) {
    await q.query('delete from retention_policies where team_id = $1', [teamId]);
    return;
  }
  await q.query(
    `insert into retention_policies (team_id, days, updated_at, updated_by) values ($1, $2, $3, $4)
     on conflict (team_id) do update set days = excluded.days, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [teamId, days, now.toISOString(), userId],
  );
}

/**
 * Runs retention for every team with a period (or only `teamId`), one transaction per team, and logs one
 * `retention_run` entry per team with the counts. `userId` is the admin who pressed "Run now", or SYSTEM_USER.
 */
export async function runRetention(db: Db, now: Date, userId: string = SYSTEM_USER, teamId?: string): Promise<RetentionRunResponse> {
  const { rows: policies } = await db.query<{ team_id: string; days: number }>(
    'select team_id, days from retention_policies where ($1::text is null or team_id = $1) order by team_id',
    [teamId ?? null],
  );
  const teams: RetentionRunResponse['teams'] = [];
  for (const { team_id, days } of policies) {
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const removed = await db.transaction(async (tx) => {
      const counts = await removeTeamDataBefore(tx, team_id, cutoff, now);
      await appendAccess(tx, [
        // Data, not a sentence: the console words the run in the reader's language.
        { userId, teamId: team_id, customerId: null, action: 'retention_run', at: now, reason: null, details: { days, removed: counts } },
      ]);
      return counts;
    });
    teams.push({ teamId: team_id, days, cutoff: cutoff.toISOString(), removed });
  }
  return { ranAt: now.toISOString(), teams };
}

async function removeTeamDataBefore(tx: Queryable, teamId: string, cutoff: Date, now: Date): Promise<RemovedCounts> {
  // Closed cases by their last change: a case solved yesterday after a year's work is kept.
  const { rows: cases } = await tx.query<{ id: string }>(
    `select c.id from cases c where c.team_id = $1 and c.updated_at < $2 and not (${openCase('c')}) and not ${scrubbed('cases', 'c')}`,
    [teamId, cutoff.toISOString()],
  );
  const { rows: interactions } = await tx.query<{ id: string }>(
    `select i.id from interactions i where i.team_id = $1 and (i.data->>'occurredAt')::timestamptz < $2 and not ${scrubbed('interactions', 'i')}
       and not exists (select 1 from cases c where c.id = i.data->>'caseId' and not c.deleted and ${openCase('c')})`,
    [teamId, cutoff.toISOString()],
  );
  const removedCases = await removeCases(
    tx,
    cases.map((r) => r.id),
    now,
  );
  const removedInteractions = await removeInteractions(
    tx,
    interactions.map((r) => r.id),
    now,
  );
  return { customers: 0, interactions: removedInteractions, cases: removedCases.cases, screenshots: removedCases.screenshots };
}
