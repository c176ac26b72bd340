// Queue routes: teammates to assign to, presence on cases (the collision guard) and the routing rules managers set,
// which push applies to every new case (see routeNewCase).
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Case, Customer, User } from '../../lib/schema/entities';
import {
  CreateRoutingRuleRequest,
  EditRoutingRuleRequest,
  PresenceListResponse,
  PresenceRequest,
  RoutingRule,
  RoutingRulesResponse,
  type RoutingTarget,
  TeammatesResponse,
} from '../../lib/schema/queue';
import type { Db, Queryable } from '../db/database';
import { lockRecordKeys, writeRecords } from '../db/records';
import { HttpError, pathParam, readJson } from '../http';
import { listPresence, setPresence } from '../live/presence';
import { assertTeamsExist, managesTeam, type RouteDeps, type RouteEnv, requireRole, requireUser, visibleCase } from './access';

export function queueRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now));

  /** Active people who share a team with the caller: who a case can be assigned to, and whose names the queue shows. */
  router.get('/teammates', async (c) => {
    const user = c.get('user');
    const { rows } = await db.query<{ id: string; name: string; email: string; role: User['role']; team_ids: string[] }>(
      `select id, name, email, role, team_ids from users
       where team_ids && $1::text[] and deactivated_at is null order by name, id`,
      [user.teamIds],
    );
    return c.json(TeammatesResponse.parse({ teammates: rows.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role, teamIds: r.team_ids })) }));
  });

  router.get('/presence', async (c) => c.json(PresenceListResponse.parse({ presence: await listPresence(db, c.get('user'), now()) })));

  router.post('/presence', async (c) => {
    const user = c.get('user');
    const body = await readJson(c, PresenceRequest);
    const kase = await visibleCase(db, user, body.caseId);
    return c.json(await setPresence(db, user, kase.teamId, body, now()));
  });

  router.get('/routing-rules', async (c) => {
    const user = c.get('user');
    return c.json(RoutingRulesResponse.parse({ rules: await loadRules(db, user.teamIds) }));
  });

  router.post('/routing-rules', requireRole('manager', 'admin'), async (c) => {
    const user = c.get('user');
    const body = await readJson(c, CreateRoutingRuleRequest);
    if (!managesTeam(user, body.teamId)) throw new HttpError(403, 'forbidden', `You do not manage team ${body.teamId}.`);
    await checkTarget(db, body.teamId, body.target);
    const rule = RoutingRule.parse({ ...body, id: `route-${randomUUID()}`, updatedAt: now().toISOString() });
    await saveRule(db, rule);
    return c.json(rule, 201);
  });

  router.post('/routing-rules/:id', requireRole('manager', 'admin'), async (c) => {
    const user = c.get('user');
    const current = await loadRule(db, pathParam(c, 'id'), user);
    const body = await readJson(c, EditRoutingRuleRequest);
    const rule = RoutingRule.parse({ ...current, ...body, updatedAt: now().toISOString() });
    await checkTarget(db, rule.teamId, rule.target);
    await saveRule(db, rule);
    return c.json(rule);
  });

  router.post('/routing-rules/:id/delete', requireRole('manager', 'admin'), async (c) => {
    const rule = await loadRule(db, pathParam(c, 'id'), c.get('user'));
    await db.query('delete from routing_rules where id = $1', [rule.id]);
    return c.json({ ok: true, id: rule.id });
  });

  return router;
}

/** A person target must be an active member of the rule's team; a team target must exist. */
async function checkTarget(q: Queryable, teamId: string, target: RoutingTarget): Promise<void> {
  if (target.kind === 'team') return assertTeamsExist(q, [target.teamId]);
  const { rows } = await q.query('select 1 from users where id = $1 and $2 = any(team_ids) and deactivated_at is null', [target.userId, teamId]);
  if (rows.length === 0) throw new HttpError(400, 'invalid_request', `${target.userId} is not an active member of team ${teamId}.`);
}

async function saveRule(q: Queryable, rule: RoutingRule): Promise<void> {
  await q.query(
    `insert into routing_rules (id, team_id, position, data, updated_at) values ($1, $2, $3, $4::jsonb, $5)
     on conflict (id) do update set position = excluded.position, data = excluded.data, updated_at = excluded.updated_at`,
    [rule.id, rule.teamId, rule.position, JSON.stringify(rule), rule.updatedAt],
  );
}

async function loadRule(q: Queryable, id: string, user: User): Promise<RoutingRule> {
  const { rows } = await q.query<{ data: unknown }>('select data from routing_rules where id = $1', [id]);
  const rule = rows[0] ? RoutingRule.parse(rows[0].data) : null;
  if (!rule || !managesTeam(user, rule.teamId)) throw new HttpError(404, 'not_found', `There is no routing rule ${id} you manage.`);
  return rule;
}

export async function loadRules(q: Queryable, teamIds: readonly string[]): Promise<RoutingRule[]> {
  const { rows } = await q.query<{ data: unknown }>('select data from routing_rules where team_id = any($1::text[]) order by position, id', [teamIds]);
  return rows.map((r) => RoutingRule.parse(r.data));
}

/** The first enabled rule of the case's team whose conditions all hold (language and tier are the customer's). */
export function matchRule(
  rules: readonly RoutingRule[],
  kase: Pick<Case, 'channel' | 'tags'>,
  customer: Pick<Customer, 'language' | 'tier'> | null,
): RoutingRule | null {
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const m = rule.match;
    if (m.channel && m.channel !== kase.channel) continue;
    if (m.tag && !kase.tags.includes(m.tag)) continue;
    if (m.language && m.language !== customer?.language) continue;
    if (m.tier && m.tier !== customer?.tier) continue;
    return rule;
  }
  return null;
}

export type RoutingDecision = { assigneeId: string } | { teamId: string } | null;

/**
 * Called by push when a case is created (inside its transaction; push passes the rules it read once per batch). A case created already assigned keeps its assignee;
 * otherwise the first matching rule names a person (set as assignee when still an active member) or another team.
 */
export async function routeNewCase(
  q: Queryable,
  record: Record<string, unknown>,
  teamRules: (teamId: string) => Promise<RoutingRule[]> = (teamId) => loadRules(q, [teamId]),
): Promise<RoutingDecision> {
  if (record.assigneeId) return null;
  const teamId = String(record.teamId);
  const rules = await teamRules(teamId);
  if (rules.length === 0) return null;
  const { rows } = await q.query<{ data: Customer }>('select data from customers where id = $1', [String(record.customerId)]);
  const rule = matchRule(rules, { channel: record.channel as Case['channel'], tags: (record.tags as string[] | undefined) ?? [] }, rows[0]?.data ?? null);
  if (!rule) return null;
  if (rule.target.kind === 'team') return rule.target.teamId === teamId ? null : { teamId: rule.target.teamId };
  const member = await q.query('select 1 from users where id = $1 and $2 = any(team_ids) and deactivated_at is null', [rule.target.userId, teamId]);
  return member.rows.length > 0 ? { assigneeId: rule.target.userId } : null;
}

/**
 * Hands a new case (and the interactions already filed under it) to another team. Runs after the push batch that
 * created them, so a capture's case and first interaction, pushed together, both land before the case moves.
 */
export async function moveCaseToTeam(db: Db, caseId: string, teamId: string): Promise<void> {
  await db.transaction(async (tx) => {
    // The key push locks for this case, so a concurrent push's edit of it and this move never overwrite each other.
    await lockRecordKeys(tx, [`cases:${caseId}`]);
    const { rows } = await tx.query<{ data: Case }>('select data from cases where id = $1 and not deleted', [caseId]);
    const kase = rows[0]?.data;
    if (!kase || kase.teamId === teamId) return;
    const interactions = await tx.query<{ data: Record<string, unknown> }>(`select data from interactions where data->>'caseId' = $1 and not deleted`, [
      caseId,
    ]);
    const at = new Date().toISOString();
    await writeRecords(tx, 'cases', [{ ...kase, teamId, version: kase.version + 1, updatedAt: at }]);
    await writeRecords(
      tx,
      'interactions',
      interactions.rows.map((r) => ({ ...r.data, teamId, version: Number(r.data.version) + 1, updatedAt: at })),
    );
  });
}
