// `/admin/tokens`: admins create, list and revoke API tokens (docs/api.md). Mounted by server/routes/admin.ts, whose
// middleware has already checked the admin role. The token itself is answered once, at creation.
import { Hono } from 'hono';
import { ApiTokensResponse, CreateApiTokenRequest, CreatedApiToken } from '../../lib/schema/tokens';
import { HttpError, pathParam, readJson } from '../http';
import type { RouteDeps, RouteEnv } from '../routes/access';
import { createApiToken, listApiTokens, revokeApiToken } from './store';

export function adminTokenRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.get('/', async (c) => c.json(ApiTokensResponse.parse({ tokens: await listApiTokens(db) })));

  router.post('/', async (c) => {
    const input = await readJson(c, CreateApiTokenRequest);
    return c.json(CreatedApiToken.parse(await createApiToken(db, input, c.get('user'), now())), 201);
  });

  router.post('/:id/revoke', async (c) => {
    if (!(await revokeApiToken(db, pathParam(c, 'id'), now()))) throw new HttpError(404, 'not_found', 'No such API token.');
    return c.json(ApiTokensResponse.parse({ tokens: await listApiTokens(db) }));
  });
  return router;
}
