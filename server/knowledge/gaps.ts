// Content gaps: what agents met with no confident suggestion or searched for in vain, as site and terms only, stored
// per team and listed for the team's managers grouped by similar terms (gap-groups.ts).
import type { GapGroup, KnowledgeGap } from '../../lib/schema/knowledge-gaps';
import { iso, type Queryable } from '../db/database';
import { groupGaps } from './gap-groups';

/** The console looks this far back. */
export const GAP_WINDOW_DAYS = 30;
/** The most recent gaps grouped at most (a busy team's month; older ones add little to the picture). */
const MAX_GROUPED = 5000;

/** Stores a batch whole; ids seen before are skipped (a retry). Answers how many were new. */
export async function storeGaps(q: Queryable, userId: string, gaps: ReadonlyArray<KnowledgeGap & { teamId: string }>): Promise<number> {
  const rows = gaps.map((g) => ({ ...g, userId, terms: [...new Set(g.terms)] }));
  const { rows: inserted } = await q.query<{ id: string }>(
    `insert into knowledge_gaps (id, team_id, user_id, source, site, terms, occurred_at)
     select g->>'id', g->>'teamId', g->>'userId', g->>'source', g->>'site', g->'terms', (g->>'occurredAt')::timestamptz
     from jsonb_array_elements($1::jsonb) g
     on conflict (id) do nothing
     returning id`,
    [JSON.stringify(rows)],
  );
  return inserted.length;
}

/** These teams' gaps since `now` minus the window, grouped by similar terms, the largest groups first. */
export async function gapGroups(q: Queryable, teamIds: readonly string[], now: Date): Promise<GapGroup[]> {
  const since = new Date(now.getTime() - GAP_WINDOW_DAYS * 86_400_000).toISOString();
  const { rows } = await q.query<{ source: 'page' | 'search'; site: string | null; terms: unknown; occurred_at: Date | string }>(
    `select source, site, terms, occurred_at from knowledge_gaps
     where team_id = any($1::text[]) and occurred_at >= $2
     order by occurred_at desc limit ${MAX_GROUPED}`,
    [teamIds, since],
  );
  return groupGaps(
    rows.map((r) => ({
      source: r.source,
      site: r.site,
      terms: Array.isArray(r.terms) ? r.terms.filter((t): t is string => typeof t === 'string') : [],
      occurredAt: iso(r.occurred_at),
    })),
  );
}
