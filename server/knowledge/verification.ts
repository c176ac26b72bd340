// Verification on the server: each team's verify interval, and the stale articles and snippets a manager's
// "To verify" list shows. Verifying itself is a versioned change (POST /manager/:kind/:id/verify).
import { verifyIntervalDays } from '../../lib/knowledge/verification';
import { DEFAULT_VERIFY_INTERVAL_DAYS, type TeamVerifyInterval, type ToVerifyItem, type VerifiableKind } from '../../lib/schema/knowledge-review';
import { iso, type Queryable } from '../db/database';
import { reachesAnyTeam } from '../db/records';

/** Each of `teamIds`' interval, the default where a team stored none, in the order given. */
export async function listVerifyIntervals(q: Queryable, teamIds: readonly string[]): Promise<TeamVerifyInterval[]> {
  const { rows } = await q.query<{ id: string; name: string; days: number | null }>(
    `select t.id, t.name, i.days from teams t left join knowledge_verify_intervals i on i.team_id = t.id where t.id = any($1::text[])`,
    [teamIds],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return teamIds.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ teamId: r.id, teamName: r.name, days: r.days ?? DEFAULT_VERIFY_INTERVAL_DAYS, isDefault: r.days === null }] : [];
  });
}

export async function setVerifyInterval(q: Queryable, teamId: string, days: number, userId: string, now: Date): Promise<void> {
  await q.query(
    `insert into knowledge_verify_intervals (team_id, days, updated_by, updated_at) values ($1, $2, $3, $4)
     on conflict (team_id) do update set days = excluded.days, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [teamId, days, userId, now.toISOString()],
  );
}

/** The interval an item targeting `teamIds` is verified for; targeting none, it reaches every team, so every team's counts. */
export async function itemVerifyInterval(q: Queryable, teamIds: readonly string[]): Promise<number> {
  const reach = teamIds.length > 0 ? teamIds : (await q.query<{ id: string }>('select id from teams')).rows.map((r) => r.id);
  const { rows } = await q.query<{ team_id: string; days: number }>('select team_id, days from knowledge_verify_intervals where team_id = any($1::text[])', [
    reach,
  ]);
  return verifyIntervalDays(reach, new Map(rows.map((r) => [r.team_id, Number(r.days)])));
}

const KINDS: VerifiableKind[] = ['articles', 'snippets'];

/**
 * Articles and snippets past their verify-by date that reach one of `teamIds` (null: any, for admins), archived
 * ones left out: the longest overdue first. Owners' names come from the users table.
 */
export async function staleItems(q: Queryable, teamIds: readonly string[] | null, now: Date): Promise<ToVerifyItem[]> {
  const lists = await Promise.all(
    KINDS.map(async (kind) => {
      // The table name comes from the fixed KINDS list, never from input.
      const { rows } = await q.query<{ id: string; version: number; data: Record<string, unknown>; owner_name: string | null }>(
        `select t.id, t.version, t.data, u.name as owner_name
         from ${kind} t left join users u on u.id = t.data->>'owner'
         where not t.deleted and coalesce(t.data->>'status', 'published') <> 'archived'
           and t.data->>'verifyBy' is not null and (t.data->>'verifyBy')::timestamptz < $1
           and ($2::text[] is null or ${reachesAnyTeam('$2::text[]', 't.data')})`,
        [now.toISOString(), teamIds],
      );
      return rows.map((r): ToVerifyItem => {
        const owner = typeof r.data.owner === 'string' ? r.data.owner : null;
        return {
          kind,
          id: r.id,
          title: String(r.data.title ?? ''),
          version: Number(r.version),
          owner: owner ? { id: owner, name: r.owner_name } : null,
          verifyBy: iso(String(r.data.verifyBy)),
          verifiedAt: typeof r.data.verifiedAt === 'string' ? iso(r.data.verifiedAt) : null,
        };
      });
    }),
  );
  return lists.flat().sort((a, b) => a.verifyBy.localeCompare(b.verifyBy) || a.id.localeCompare(b.id));
}
