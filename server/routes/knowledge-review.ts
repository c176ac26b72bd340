// Keeping knowledge true: each team's verify interval and the "To verify" list (server/knowledge/verification.ts),
// and agents' flags (server/knowledge/flags.ts). The one-click verify is POST /manager/:kind/:id/verify, a versioned change.
import { Hono } from 'hono';
import {
  FlagsRequest,
  FlagsSentResponse,
  MAX_FLAGS,
  OpenFlagsResponse,
  SetVerifyIntervalRequest,
  ToVerifyResponse,
  VerifyIntervalsResponse,
} from '../../lib/schema/knowledge-review';
import { batchLength, HttpError, parseInput, pathParam, readJson, readJsonValue } from '../http';
import { openFlags, resolveFlag, storeFlags } from '../knowledge/flags';
import { listVerifyIntervals, setVerifyInterval, staleItems } from '../knowledge/verification';
import { assertTeamsExist, managesTeam, type RouteDeps, type RouteEnv, requireRole, requireUser, teamsInView } from './access';

export function knowledgeReviewRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now));
  const managers = requireRole('manager', 'admin');

  router.get('/intervals', managers, async (c) => {
    const teams = await listVerifyIntervals(db, await teamsInView(db, c.get('user')));
    return c.json(VerifyIntervalsResponse.parse({ teams }));
  });

  router.put('/intervals/:teamId', managers, async (c) => {
    const user = c.get('user');
    const teamId = pathParam(c, 'teamId');
    const { days } = await readJson(c, SetVerifyIntervalRequest);
    await assertTeamsExist(db, [teamId]);
    if (!managesTeam(user, teamId)) throw new HttpError(403, 'forbidden', `You do not manage "${teamId}"; managers set their own teams' intervals.`);
    await setVerifyInterval(db, teamId, days, user.id, now());
    return c.json(VerifyIntervalsResponse.parse({ teams: await listVerifyIntervals(db, await teamsInView(db, user)) }));
  });

  router.get('/to-verify', managers, async (c) => {
    const user = c.get('user');
    const at = now();
    const items = await staleItems(db, user.role === 'admin' ? null : user.teamIds, at);
    return c.json(ToVerifyResponse.parse({ at: at.toISOString(), items }));
  });

  /** Any agent flags what was suggested to them, for one of their own teams. */
  router.post('/flags', async (c) => {
    const user = c.get('user');
    const raw = await readJsonValue(c);
    const count = batchLength(raw, 'flags');
    if (count > MAX_FLAGS) throw new HttpError(400, 'invalid_request', `Send at most ${MAX_FLAGS} flags at a time; this batch has ${count}.`);
    const { flags } = parseInput(FlagsRequest, raw);
    const rows = flags.map((f, index) => {
      if (f.teamId !== undefined && !user.teamIds.includes(f.teamId)) {
        throw new HttpError(403, 'forbidden', `You are not a member of "${f.teamId}".`, { index, teamId: f.teamId });
      }
      const teamId = f.teamId ?? user.teamIds[0];
      if (teamId === undefined) throw new HttpError(403, 'forbidden', 'You belong to no team, so there is no team to tell.');
      return { ...f, teamId };
    });
    const accepted = await storeFlags(db, user.id, rows);
    return c.json(FlagsSentResponse.parse({ accepted, duplicates: rows.length - accepted }));
  });

  router.get('/flags', managers, async (c) => {
    return c.json(OpenFlagsResponse.parse({ flags: await openFlags(db, await teamsInView(db, c.get('user'))) }));
  });

  router.post('/flags/:id/resolve', managers, async (c) => {
    const user = c.get('user');
    const teams = await teamsInView(db, user);
    if (!(await resolveFlag(db, pathParam(c, 'id'), teams, user.id, now()))) {
      throw new HttpError(404, 'not_found', 'No open flag of your teams has this id.');
    }
    return c.json(OpenFlagsResponse.parse({ flags: await openFlags(db, teams) }));
  });

  return router;
}
