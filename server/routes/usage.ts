// Usage events: what agents did with suggested knowledge and captures, ingested idempotently,
// and the aggregates the manager console charts (`GET /manager/analytics`, mounted by the manager router).
import { Hono } from 'hono';
import type { z } from 'zod';
import type { User } from '../../lib/schema/entities';
import { type AnalyticsQuery, AnalyticsResponse, MAX_USAGE_EVENTS, type UsageCounts, UsageEventsRequest, UsageEventsResponse } from '../../lib/schema/manager';
import { type Db, iso, type Queryable } from '../db/database';
import { reachesAnyTeam } from '../db/records';
import { batchLength, HttpError, parseInput, readJsonValue } from '../http';
import { appendAccess } from '../policy/access-log';
import { managesTeam, type RouteDeps, type RouteEnv, requireUser, teamsInView } from './access';

export function usageRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now));

  router.post('/events', async (c) => {
    const user = c.get('user');
    const raw = await readJsonValue(c);
    const count = batchLength(raw, 'events');
    if (count > MAX_USAGE_EVENTS) {
      throw new HttpError(400, 'too_many_events', `Send at most ${MAX_USAGE_EVENTS} events at a time; this batch has ${count}.`);
    }
    const { events } = parseInput(UsageEventsRequest, raw);
    const rows = events.map((e, index) => {
      // The token says who acted; a body claiming someone else is refused whole, so nothing is half-stored.
      if (e.userId !== undefined && e.userId !== user.id) {
        throw new HttpError(403, 'forbidden', 'Usage events can only be reported for yourself.', { index, userId: e.userId });
      }
      if (e.teamId !== undefined && !user.teamIds.includes(e.teamId)) {
        throw new HttpError(403, 'forbidden', `You are not a member of "${e.teamId}".`, { index, teamId: e.teamId });
      }
      const teamId = e.teamId ?? user.teamIds[0];
      if (teamId === undefined) throw new HttpError(403, 'forbidden', 'You belong to no team, so your usage cannot be counted.');
      return {
        id: e.id,
        type: e.type,
        itemKind: e.itemKind,
        itemId: e.itemId,
        userId: user.id,
        teamId,
        site: e.site,
        surface: e.surface ?? null,
        occurredAt: e.occurredAt,
      };
    });
    // Card openings are the access log's (who looked at which customer), not knowledge analytics.
    const opened = rows.filter((r) => r.type === 'card_opened');
    const usage = rows.filter((r) => r.type !== 'card_opened');
    // One transaction: the batch is stored whole or not at all; ids seen before are skipped (a retry).
    const { inserted, logged } = await db.transaction(async (tx) => {
      const { rows: inserted } = await tx.query<{ id: string }>(
        `insert into usage_events (id, type, item_kind, item_id, user_id, team_id, site, occurred_at)
       select e->>'id', e->>'type', e->>'itemKind', e->>'itemId', e->>'userId', e->>'teamId', e->>'site', (e->>'occurredAt')::timestamptz
       from jsonb_array_elements($1::jsonb) e
       on conflict (id) do nothing
       returning id`,
        [JSON.stringify(usage)],
      );
      return { inserted, logged: await logCardOpenings(tx, user, opened) };
    });
    return c.json(UsageEventsResponse.parse({ accepted: inserted.length + logged, duplicates: rows.length - inserted.length - logged }));
  });

  return router;
}

/**
 * Card openings of customers the caller can see, logged under the customer's team (a manager of that team reads
 * them). Openings of customers they cannot see, and event ids logged before, are skipped (counted as duplicates).
 */
async function logCardOpenings(
  db: Queryable,
  user: User,
  opened: readonly { id: string; itemKind: string; itemId: string; surface: 'page' | 'sidepanel' | 'queue' | null; occurredAt: string }[],
): Promise<number> {
  const customers = opened.filter((e) => e.itemKind === 'customer');
  if (customers.length === 0) return 0;
  const { rows } = await db.query<{ id: string; team_id: string }>(
    'select id, team_id from customers where id = any($1::text[]) and team_id = any($2::text[])',
    [customers.map((e) => e.itemId), user.teamIds],
  );
  const teamOf = new Map(rows.map((r) => [r.id, r.team_id]));
  return appendAccess(
    db,
    customers.flatMap((e) => {
      const teamId = teamOf.get(e.itemId);
      return teamId
        ? [{ userId: user.id, teamId, customerId: e.itemId, action: 'card_opened' as const, at: e.occurredAt, surface: e.surface, eventId: e.id }]
        : [];
    }),
  );
}

const DAY_MS = 24 * 3600_000;
const MAX_WINDOW_DAYS = 366;
type Kind = 'article' | 'snippet';
type Counts = UsageCounts;
const COUNT_FIELD: Record<string, keyof Counts> = {
  suggested: 'suggested',
  opened: 'opened',
  inserted: 'inserted',
  helpful: 'helpful',
  not_helpful: 'notHelpful',
};

function zero(): Counts {
  return { suggested: 0, opened: 0, inserted: 0, helpful: 0, notHelpful: 0 };
}

function bucket<K>(map: Map<string, { key: K; counts: Counts }>, id: string, key: K): Counts {
  let b = map.get(id);
  if (!b) map.set(id, (b = { key, counts: zero() }));
  return b.counts;
}

/**
 * Aggregates for the window [from, to) over the caller's teams (or one of them).
 *
 * Service level, per case whose SLA deadline falls in the window:
 * - first response: met when the first outbound interaction on the case came at or before the deadline;
 *   breached when it came later, or when none came and the deadline has passed; pending otherwise.
 * - resolution: met when the case is solved or closed and its last update (when it was solved; cases have no
 *   separate solved time) is at or before the deadline; breached when solved later, or still open past the deadline.
 */
export async function analytics(db: Db, user: User, query: z.infer<typeof AnalyticsQuery>, at: Date): Promise<AnalyticsResponse> {
  const to = query.to ? new Date(query.to) : at;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  if (from >= to) throw new HttpError(400, 'invalid_request', '"from" must be before "to".', [{ path: 'from', message: 'must be before to' }]);
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw new HttpError(400, 'invalid_request', `Ask for at most ${MAX_WINDOW_DAYS} days at a time.`, [{ path: 'from', message: 'window too long' }]);
  }
  let teamIds: string[];
  if (query.teamId) {
    if (!managesTeam(user, query.teamId)) {
      throw new HttpError(403, 'forbidden', `You do not manage "${query.teamId}"; managers see figures for their own teams.`);
    }
    teamIds = [query.teamId];
  } else {
    teamIds = await teamsInView(db, user);
  }
  const window = [teamIds, from.toISOString(), to.toISOString()];

  const { rows: usage } = await db.query<{
    item_kind: Kind;
    item_id: string;
    team_id: string;
    day: string;
    type: string;
    n: number | string;
    last_at: Date | string;
  }>(
    `select item_kind, item_id, team_id, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD') as day, type,
            count(*)::int as n, max(occurred_at) as last_at
     from usage_events
     where team_id = any($1::text[]) and occurred_at >= $2 and occurred_at < $3 and item_kind in ('article', 'snippet')
     group by 1, 2, 3, 4, 5`,
    window,
  );

  const items = new Map<string, { key: { kind: Kind; id: string }; counts: Counts }>();
  const byTeam = new Map<string, { key: { teamId: string; kind: Kind }; counts: Counts }>();
  const byDay = new Map<string, { key: { day: string; teamId: string; kind: Kind }; counts: Counts }>();
  const notHelpful = new Map<string, { kind: Kind; id: string; count: number; lastAt: string }>();
  const used = new Set<string>();
  for (const r of usage) {
    const field = COUNT_FIELD[r.type];
    if (!field) continue;
    const n = Number(r.n);
    const itemKey = `${r.item_kind}:${r.item_id}`;
    bucket(items, itemKey, { kind: r.item_kind, id: r.item_id })[field] += n;
    bucket(byTeam, `${r.team_id}:${r.item_kind}`, { teamId: r.team_id, kind: r.item_kind })[field] += n;
    bucket(byDay, `${r.day}:${r.team_id}:${r.item_kind}`, { day: r.day, teamId: r.team_id, kind: r.item_kind })[field] += n;
    if (field === 'opened' || field === 'inserted') used.add(itemKey);
    if (field === 'notHelpful') {
      const prev = notHelpful.get(itemKey);
      const lastAt = iso(r.last_at);
      notHelpful.set(itemKey, { kind: r.item_kind, id: r.item_id, count: (prev?.count ?? 0) + n, lastAt: prev && prev.lastAt > lastAt ? prev.lastAt : lastAt });
    }
  }

  const titles = await knowledgeTitles(
    db,
    [...items.values()].map((i) => i.key),
    teamIds,
  );
  const reaching = `not deleted and data->>'status' = 'published' and ${reachesAnyTeam('$1::text[]')}`;
  const { rows: published } = await db.query<{ kind: Kind; id: string; title: string }>(
    `select 'article' as kind, id, data->>'title' as title from articles where ${reaching}
     union all select 'snippet' as kind, id, data->>'title' as title from snippets where ${reaching}
     order by kind, title, id`,
    [teamIds],
  );

  // A capture reported against another team's case counts, under 'unknown' rather than that case's channel.
  const { rows: captures } = await db.query<{ channel: string; n: number | string }>(
    `select coalesce(c.data->>'channel', 'unknown') as channel, count(*)::int as n
     from usage_events e left join cases c on c.id = e.item_id and c.team_id = any($1::text[])
     where e.type = 'captured' and e.team_id = any($1::text[]) and e.occurred_at >= $2 and e.occurred_at < $3
     group by 1 order by 2 desc, 1`,
    window,
  );

  const { rows: cases } = await db.query<{ status: string; due: Date | string; updated: string; first_out: Date | string | null }>(
    `with first_out as (
       select data->>'caseId' as case_id, min((data->>'occurredAt')::timestamptz) as at
       from interactions
       where not deleted and team_id = any($1::text[]) and data->>'direction' = 'outbound' and data->>'caseId' is not null
       group by 1
     )
     select c.data->>'status' as status, (c.data->>'slaDueAt')::timestamptz as due, c.data->>'updatedAt' as updated, f.at as first_out
     from cases c left join first_out f on f.case_id = c.id
     where not c.deleted and c.team_id = any($1::text[]) and c.data->>'slaDueAt' is not null
       and (c.data->>'slaDueAt')::timestamptz >= $2 and (c.data->>'slaDueAt')::timestamptz < $3`,
    window,
  );
  const firstResponse = sla();
  const resolution = sla();
  for (const c of cases) {
    const due = new Date(c.due).getTime();
    const past = at.getTime() > due;
    if (c.first_out !== null) firstResponse.add(new Date(c.first_out).getTime() <= due ? 'met' : 'breached');
    else firstResponse.add(past ? 'breached' : 'pending');
    if (c.status === 'solved' || c.status === 'closed') resolution.add(new Date(c.updated).getTime() <= due ? 'met' : 'breached');
    else resolution.add(past ? 'breached' : 'pending');
  }

  const title = (kind: Kind, id: string) => titles.get(`${kind}:${id}`) ?? null;
  const byCounts = (a: Counts, b: Counts) => b.inserted - a.inserted || b.opened - a.opened || b.suggested - a.suggested;
  return AnalyticsResponse.parse({
    from: from.toISOString(),
    to: to.toISOString(),
    teamIds,
    items: [...items.values()]
      .map(({ key, counts }) => ({ ...key, title: title(key.kind, key.id), counts }))
      .sort((a, b) => byCounts(a.counts, b.counts) || a.id.localeCompare(b.id)),
    byTeam: [...byTeam.values()]
      .map(({ key, counts }) => ({ ...key, counts }))
      .sort((a, b) => a.teamId.localeCompare(b.teamId) || a.kind.localeCompare(b.kind)),
    byDay: [...byDay.values()]
      .map(({ key, counts }) => ({ ...key, counts }))
      .sort((a, b) => a.day.localeCompare(b.day) || a.teamId.localeCompare(b.teamId) || a.kind.localeCompare(b.kind)),
    unused: published.filter((p) => !used.has(`${p.kind}:${p.id}`)).map((p) => ({ kind: p.kind, id: p.id, title: p.title })),
    capturesByChannel: captures.map((r) => ({ channel: r.channel, count: Number(r.n) })),
    sla: { firstResponse: firstResponse.figures(), resolution: resolution.figures() },
    notHelpful: [...notHelpful.values()].map((n) => ({ ...n, title: title(n.kind, n.id) })).sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
  });
}

function sla() {
  const f = { cases: 0, met: 0, breached: 0, pending: 0 };
  return {
    add(outcome: 'met' | 'breached' | 'pending') {
      f.cases += 1;
      f[outcome] += 1;
    },
    figures() {
      const decided = f.met + f.breached;
      return { ...f, attainment: decided === 0 ? null : f.met / decided };
    },
  };
}

/**
 * The titles of the items that reach one of the teams: an event may name any id (an agent reports what their
 * extension showed), so an item of another team keeps its counts but is not named.
 */
async function knowledgeTitles(q: Queryable, keys: { kind: Kind; id: string }[], teamIds: string[]): Promise<Map<string, string>> {
  const articles = keys.filter((k) => k.kind === 'article').map((k) => k.id);
  const snippets = keys.filter((k) => k.kind === 'snippet').map((k) => k.id);
  const reaching = reachesAnyTeam('$3::text[]');
  const { rows } = await q.query<{ kind: Kind; id: string; title: string }>(
    `select 'article' as kind, id, data->>'title' as title from articles where id = any($1::text[]) and ${reaching}
     union all select 'snippet' as kind, id, data->>'title' as title from snippets where id = any($2::text[]) and ${reaching}`,
    [articles, snippets, teamIds],
  );
  return new Map(rows.map((r) => [`${r.kind}:${r.id}`, r.title]));
}
