// The per-route scope check of API tokens: the route the request matched is looked up in the route table
// (server/openapi/routes.ts), which says which scopes it needs; a route that names none is not for tokens.
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { ApiScope } from '../../lib/schema/tokens';
import { HttpError } from '../http';
import { API_ROUTES } from '../openapi/routes';

/** `METHOD /pattern` of the handler the request reached (the last matched route that is not middleware). */
export function matchedRoute(c: Context): string | null {
  const handler = matchedRoutes(c)
    .filter((r) => r.method !== 'ALL')
    .at(-1);
  return handler ? `${handler.method} ${handler.path}` : null;
}

/** Throws 403 unless a token with `granted` scopes may call the route c reached. */
export function assertScopes(c: Context, granted: readonly ApiScope[]): void {
  const route = matchedRoute(c);
  const needed = route ? API_ROUTES[route]?.scopes : undefined;
  if (!needed) throw new HttpError(403, 'forbidden', `API tokens may not call ${route ?? c.req.path}; sign in as a person instead.`);
  const missing = needed.filter((scope) => !granted.includes(scope));
  if (missing.length > 0) throw new HttpError(403, 'forbidden', `This token lacks the scope ${missing.join(' and ')}.`, { missing });
}
