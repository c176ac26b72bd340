// Who the caller is and what they may reach, for the route modules: their dependencies, the signed-in user, role and team checks.
import type { IncomingMessage } from 'node:http';
import { createMiddleware } from 'hono/factory';
import type { Role, User } from '../../lib/schema/entities';
import type { SessionCache } from '../auth/session-cache';
import { checkSession, hashToken } from '../auth/tokens';
import type { Db, Queryable } from '../db/database';
import { HttpError, type JsonBodyBudget } from '../http';
import { assertScopes } from '../tokens/scopes';
import { API_TOKEN_PREFIX, checkApiToken } from '../tokens/store';

/** What createApp hands every route module. */
export interface RouteDeps {
  db: Db;
  now: () => Date;
}

/** The Hono environment of every route: the Node request (for the client's address) and, once requireUser ran, the caller. */
export type RouteEnv = {
  Bindings: { incoming?: IncomingMessage };
  Variables: {
    user: User;
    tokenHash: string;
    /** The caller signed in (a session token), not an integration's API token. */
    bySession: boolean;
    /** The app's budget of JSON bodies held at once (server/http.ts readJsonValue). */
    jsonBodies: JsonBodyBudget;
  };
};

/**
 * The bearer-token check: sets the signed-in user and their token's hash, or answers 401. Given a SessionCache (the
 * push route, which checks the session again in its transaction), sessions are looked up there.
 */
export function requireUser(db: Db, now: () => Date, sessions?: SessionCache) {
  return createMiddleware<RouteEnv>(async (c, next) => {
    const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(c.req.header('Authorization') ?? '');
    if (!match?.[1]) throw new HttpError(401, 'unauthorized', 'Sign in first: this request has no bearer token.');
    // An integration's API token (server/tokens/): it acts for the admin who created it, within its scopes.
    if (match[1].startsWith(API_TOKEN_PREFIX)) {
      const token = await checkApiToken(db, match[1], now());
      if (token.ok) {
        assertScopes(c, token.scopes);
        c.set('user', token.user);
        c.set('tokenHash', token.tokenHash);
        c.set('bySession', false);
        return next();
      }
      if (token.reason !== 'unknown') throw new HttpError(401, 'unauthorized', `This API token ${token.reason === 'expired' ? 'has expired' : 'was revoked'}.`);
    }
    const check = await (sessions ? sessions.check(hashToken(match[1]), now()) : checkSession(db, hashToken(match[1]), now()));
    if (!check.ok) throw sessionRefused(check.reason);
    c.set('user', check.user);
    c.set('tokenHash', check.tokenHash);
    c.set('bySession', true);
    return next();
  });
}

/** The 401 of a session that does not stand. */
export function sessionRefused(reason: 'unknown' | 'expired' | 'revoked'): HttpError {
  const why = { unknown: 'is not valid', expired: 'has expired', revoked: 'was signed out' }[reason];
  return new HttpError(401, 'unauthorized', `Your session ${why}. Sign in again.`);
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

/** Admins answer for every team; anyone else for the teams they belong to. */
export function managesTeam(user: User, teamId: string): boolean {
  return user.role === 'admin' || user.teamIds.includes(teamId);
}

/** The teams whose figures and policies the caller sees: every team for an admin, else their own (in the order they hold them). */
export async function teamsInView(q: Queryable, user: User): Promise<string[]> {
  return user.role === 'admin' ? allTeamIds(q) : [...user.teamIds];
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

/** The case when it is live and in one of the caller's teams; otherwise a 404 that does not say whether it exists. */
export async function visibleCase(q: Queryable, user: User, caseId: string): Promise<{ id: string; teamId: string }> {
  const { rows } = await q.query<{ id: string; team_id: string }>('select id, team_id from cases where id = $1 and not deleted', [caseId]);
  const row = rows[0];
  if (!row || !user.teamIds.includes(row.team_id)) throw new HttpError(404, 'not_found', `There is no case ${caseId} that you can see.`);
  return { id: row.id, teamId: row.team_id };
}
