// Keeping knowledge true, for managers: each team's verify interval and the "To verify" list
// (server/knowledge/verification.ts). The one-click verify is POST /manager/:kind/:id/verify, a versioned change.
import { Hono } from 'hono';
import { SetVerifyIntervalRequest, ToVerifyResponse, VerifyIntervalsResponse } from '../../lib/schema/knowledge-review';
import { HttpError, pathParam, readJson } from '../http';
import { listVerifyIntervals, setVerifyInterval, staleItems } from '../knowledge/verification';
import { assertTeamsExist, managesTeam, type RouteDeps, type RouteEnv, requireRole, requireUser, teamsInView } from './access';

export function knowledgeReviewRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now), requireRole('manager', 'admin'));

  router.get('/intervals', async (c) => {
    const teams = await listVerifyIntervals(db, await teamsInView(db, c.get('user')));
    return c.json(VerifyIntervalsResponse.parse({ teams }));
  });

  router.put('/intervals/:teamId', async (c) => {
    const user = c.get('user');
    const teamId = pathParam(c, 'teamId');
    const { days } = await readJson(c, SetVerifyIntervalRequest);
    await assertTeamsExist(db, [teamId]);
    if (!managesTeam(user, teamId)) throw new HttpError(403, 'forbidden', `You do not manage "${teamId}"; managers set their own teams' intervals.`);
    await setVerifyInterval(db, teamId, days, user.id, now());
    return c.json(VerifyIntervalsResponse.parse({ teams: await listVerifyIntervals(db, await teamsInView(db, user)) }));
  });

  router.get('/to-verify', async (c) => {
    const user = c.get('user');
    const at = now();
    const items = await staleItems(db, user.role === 'admin' ? null : user.teamIds, at);
    return c.json(ToVerifyResponse.parse({ at: at.toISOString(), items }));
  });

  return router;
}
