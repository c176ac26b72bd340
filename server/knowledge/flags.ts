// Agents' flags on articles and snippets ("outdated / wrong / missing info"): stored per team, listed open for the
// team's managers with the item's title, resolved by one of them. Context is the page's site and terms only.
import type { KnowledgeFlag, OpenFlag } from '../../lib/schema/knowledge-review';
import { iso, type Queryable } from '../db/database';

/** Stores a batch whole; ids seen before are skipped (a retry). Answers how many were new. */
export async function storeFlags(q: Queryable, userId: string, flags: ReadonlyArray<KnowledgeFlag & { teamId: string }>): Promise<number> {
  const rows = flags.map((f) => ({ ...f, userId, terms: [...new Set(f.terms)] }));
  const { rows: inserted } = await q.query<{ id: string }>(
    `insert into knowledge_flags (id, team_id, user_id, item_kind, item_id, reason, note, site, terms, flagged_at)
     select f->>'id', f->>'teamId', f->>'userId', f->>'itemKind', f->>'itemId', f->>'reason', f->>'note', f->>'site', f->'terms', (f->>'occurredAt')::timestamptz
     from jsonb_array_elements($1::jsonb) f
     on conflict (id) do nothing
     returning id`,
    [JSON.stringify(rows)],
  );
  return inserted.length;
}

/** The open flags of these teams, newest first. */
export async function openFlags(q: Queryable, teamIds: readonly string[]): Promise<OpenFlag[]> {
  const { rows } = await q.query<{
    id: string;
    item_kind: 'article' | 'snippet';
    item_id: string;
    title: string | null;
    reason: OpenFlag['reason'];
    note: string;
    site: string | null;
    terms: unknown;
    user_name: string | null;
    flagged_at: Date | string;
  }>(
    `select f.id, f.item_kind, f.item_id, coalesce(a.data->>'title', s.data->>'title') as title, f.reason, f.note, f.site, f.terms,
            u.name as user_name, f.flagged_at
     from knowledge_flags f
     left join articles a on f.item_kind = 'article' and a.id = f.item_id
     left join snippets s on f.item_kind = 'snippet' and s.id = f.item_id
     left join users u on u.id = f.user_id
     where f.resolved_at is null and f.team_id = any($1::text[])
     order by f.flagged_at desc, f.id`,
    [teamIds],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.item_kind === 'article' ? 'articles' : 'snippets',
    itemId: r.item_id,
    title: r.title,
    reason: r.reason,
    note: r.note,
    site: r.site,
    terms: Array.isArray(r.terms) ? r.terms.filter((t): t is string => typeof t === 'string') : [],
    flaggedBy: r.user_name,
    flaggedAt: iso(r.flagged_at),
  }));
}

/** Resolves an open flag of one of these teams; false when there is none (unknown, resolved, or another team's). */
export async function resolveFlag(q: Queryable, id: string, teamIds: readonly string[], userId: string, now: Date): Promise<boolean> {
  const { rows } = await q.query(
    `update knowledge_flags set resolved_by = $3, resolved_at = $4 where id = $1 and team_id = any($2::text[]) and resolved_at is null returning id`,
    [id, teamIds, userId, now.toISOString()],
  );
  return rows.length > 0;
}
