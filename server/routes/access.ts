// Who the caller is and what they may reach, for the route modules: their dependencies, the signed-in user, role and team checks.
import { createMiddleware } from 'hono/factory';
import type { Role, User } from '../../lib/schema/entities';
import { checkToken } from '../auth/tokens';
import type { Db, Queryable } from '../db/database';
import { HttpError } from '../http';

export interface RouteDeps {
  db: Db;
  now?: () => Date;
}

export type RouteEnv = { Variables: { user: User; tokenHash: string } };

/** The bearer-token check the app uses, for routers mounted with app.route(). */
export function requireUser(db: Db, now: () => Date) {
  return createMiddleware<RouteEnv>(async (c, next) => {
    const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(c.req.header('Authorization') ?? '');
    if (!match?.[1]) throw new HttpError(401, 'unauthorized', 'Sign in first: this request has no bearer token.');
    const check = await checkToken(db, match[1], now());
    if (!check.ok) {
      const why = { unknown: 'is not valid', expired: 'has expired', revoked: 'was signed out' }[check.reason];
      throw new HttpError(401, 'unauthorized', `Your session ${why}. Sign in again.`);
    }
    c.set('user', check.user);
    c.set('tokenHash', check.tokenHash);
    await next();
  });
}

export function requireRole(...roles: Role[]) {
  return createMiddleware<RouteEnv>(async (c, next) => {
    const { role } = c.get('user');
    if (!roles.includes(role)) {
      throw new HttpError(403, 'forbidden', `This needs the ${roles.join(' or ')} role; you are signed in as ${role === 'admin' ? 'an' : 'a'} ${role}.`);
    }
    await next();
  });
}

export async function allTeamIds(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>('select id from teams order by id');
  return rows.map((r) => r.id);
}

/** Refuses team ids that name no team, so a typo cannot make content reach nobody. */
export async function assertTeamsExist(q: Queryable, teamIds: readonly string[]): Promise<void> {
  if (teamIds.length === 0) return;
  const { rows } = await q.query<{ id: string }>('select id from teams where id = any($1::text[])', [teamIds]);
  const known = new Set(rows.map((r) => r.id));
  const unknown = teamIds.filter((t) => !known.has(t));
  if (unknown.length > 0) throw new HttpError(400, 'unknown_team', `No team has the id ${unknown.map((t) => `"${t}"`).join(', ')}.`, { teamIds: unknown });
}

export function iso(v: Date | string): string {
  return new Date(v).toISOString();
}
