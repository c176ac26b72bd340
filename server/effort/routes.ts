// Effort analytics for managers: `GET /effort/report/:teamId?from&to`, the team's managers and admins only (as the
// service-level report).
import { Hono } from 'hono';
import { EffortReportQuery, EffortReportResponse } from '../../lib/schema/effort';
import { HttpError, parseInput, pathParam } from '../http';
import { managesTeam, type RouteDeps, type RouteEnv, requireRole, requireUser } from '../routes/access';
import { teamEffortReport } from './report';

export function effortRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now), requireRole('manager', 'admin'));

  router.get('/report/:teamId', async (c) => {
    const teamId = pathParam(c, 'teamId');
    if (!managesTeam(c.get('user'), teamId)) throw new HttpError(403, 'forbidden', 'You do not manage this team.');
    const query = parseInput(EffortReportQuery, c.req.query());
    if (Date.parse(query.to) <= Date.parse(query.from)) throw new HttpError(400, 'invalid_request', '`to` must be after `from`.');
    return c.json(EffortReportResponse.parse(await teamEffortReport(db, teamId, query)));
  });

  return router;
}
