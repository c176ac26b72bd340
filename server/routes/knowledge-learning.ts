// Learning from agents: picks (an insert, a "helpful") with the page terms they teach, and the team's learned
// associations built from them (lib/knowledge/learning.ts `learn`: decayed, bounded per item), which every agent's
// extension pulls and ranks with. Terms are letters only (the schema refuses digits), never customer data.
import { Hono } from 'hono';
import { HALF_LIFE_DAYS, type LearnedTerm, learn } from '../../lib/knowledge/learning';
import { LearnedAssociationsResponse, LearningPicksRequest, LearningPicksResponse, MAX_LEARNING_PICKS } from '../../lib/schema/knowledge-learning';
import { iso } from '../db/database';
import { batchLength, HttpError, parseInput, readJsonValue } from '../http';
import { type RouteDeps, type RouteEnv, requireUser } from './access';

/** Picks older than this weigh under 2% after decay: they are not read. */
const WINDOW_DAYS = 6 * HALF_LIFE_DAYS;

export function knowledgeLearningRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now));

  router.post('/picks', async (c) => {
    const user = c.get('user');
    const raw = await readJsonValue(c);
    const count = batchLength(raw, 'picks');
    if (count > MAX_LEARNING_PICKS) throw new HttpError(400, 'invalid_request', `Send at most ${MAX_LEARNING_PICKS} picks at a time; this batch has ${count}.`);
    const { picks } = parseInput(LearningPicksRequest, raw);
    const rows = picks.map((p, index) => {
      if (p.teamId !== undefined && !user.teamIds.includes(p.teamId)) {
        throw new HttpError(403, 'forbidden', `You are not a member of "${p.teamId}".`, { index, teamId: p.teamId });
      }
      const teamId = p.teamId ?? user.teamIds[0];
      if (teamId === undefined) throw new HttpError(403, 'forbidden', 'You belong to no team, so there is no team to teach.');
      return {
        id: p.id,
        teamId,
        userId: user.id,
        itemKind: p.itemKind,
        itemId: p.itemId,
        signal: p.signal,
        terms: [...new Set(p.terms)],
        occurredAt: p.occurredAt,
      };
    });
    // One statement: the batch is stored whole or not at all; ids seen before are skipped (a retry).
    const { rows: inserted } = await db.query<{ id: string }>(
      `insert into knowledge_picks (id, team_id, user_id, item_kind, item_id, signal, terms, occurred_at)
       select p->>'id', p->>'teamId', p->>'userId', p->>'itemKind', p->>'itemId', p->>'signal', p->'terms', (p->>'occurredAt')::timestamptz
       from jsonb_array_elements($1::jsonb) p
       on conflict (id) do nothing
       returning id`,
      [JSON.stringify(rows)],
    );
    return c.json(LearningPicksResponse.parse({ accepted: inserted.length, duplicates: rows.length - inserted.length }));
  });

  /** The caller's teams' associations, decayed to now. */
  router.get('/associations', async (c) => {
    const user = c.get('user');
    const at = now();
    const since = new Date(at.getTime() - WINDOW_DAYS * 86_400_000);
    const { rows } = await db.query<{ item_kind: 'article' | 'snippet'; item_id: string; terms: unknown; occurred_at: Date | string }>(
      `select item_kind, item_id, terms, occurred_at from knowledge_picks
       where team_id = any($1::text[]) and occurred_at >= $2 and occurred_at <= $3
       order by occurred_at, id`,
      [user.teamIds, since.toISOString(), at.toISOString()],
    );
    const items = new Map<string, { itemKind: 'article' | 'snippet'; itemId: string; terms: LearnedTerm[] }>();
    for (const r of rows) {
      const key = `${r.item_kind}:${r.item_id}`;
      const item = items.get(key) ?? { itemKind: r.item_kind, itemId: r.item_id, terms: [] };
      item.terms = learn(item.terms, Array.isArray(r.terms) ? r.terms.filter((t): t is string => typeof t === 'string') : [], new Date(iso(r.occurred_at)));
      items.set(key, item);
    }
    // Everything decayed to the time of the answer, so the extension can use the weights as they are.
    const decayedNow = [...items.values()].map((item) => ({ ...item, terms: learn(item.terms, [], at) }));
    return c.json(LearnedAssociationsResponse.parse({ at: at.toISOString(), items: decayedNow }));
  });

  return router;
}
