// Keeping knowledge true: each team's verify interval and the "To verify" list (server/knowledge/verification.ts),
// and agents' flags (server/knowledge/flags.ts). The one-click verify is POST /manager/:kind/:id/verify, a versioned change.
import { Hono } from 'hono';
import type { z } from 'zod';
import { GapGroupsResponse, GapsRequest, GapsSentResponse, MAX_GAPS } from '../../lib/schema/knowledge-gaps';
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
import { GAP_WINDOW_DAYS, gapGroups, storeGaps } from '../knowledge/gaps';
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
    const flags = withTeams(user, parseBatch(FlagsRequest, await readJsonValue(c), 'flags', MAX_FLAGS).flags);
    const accepted = await storeFlags(db, user.id, flags);
    return c.json(FlagsSentResponse.parse({ accepted, duplicates: flags.length - accepted }));
  });

  /** Any agent's device reports what found no confident suggestion, for one of their own teams. */
  router.post('/gaps', async (c) => {
    const user = c.get('user');
    const gaps = withTeams(user, parseBatch(GapsRequest, await readJsonValue(c), 'gaps', MAX_GAPS).gaps);
    const accepted = await storeGaps(db, user.id, gaps);
    return c.json(GapsSentResponse.parse({ accepted, duplicates: gaps.length - accepted }));
  });

  router.get('/gaps', managers, async (c) => {
    const groups = await gapGroups(db, await teamsInView(db, c.get('user')), now());
    return c.json(GapGroupsResponse.parse({ days: GAP_WINDOW_DAYS, groups }));
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

/** A batch over the limit is refused before it is parsed (its size says so plainly). */
function parseBatch<S extends z.ZodType>(schema: S, raw: unknown, key: string, max: number): z.infer<S> {
  const count = batchLength(raw, key);
  if (count > max) throw new HttpError(400, 'invalid_request', `Send at most ${max} ${key} at a time; this batch has ${count}.`);
  return parseInput(schema, raw);
}

/** Each item for one of the caller's teams: the one it names, else their first. */
function withTeams<T extends { teamId?: string }>(user: { teamIds: readonly string[] }, items: readonly T[]): Array<T & { teamId: string }> {
  return items.map((item, index) => {
    if (item.teamId !== undefined && !user.teamIds.includes(item.teamId)) {
      throw new HttpError(403, 'forbidden', `You are not a member of "${item.teamId}".`, { index, teamId: item.teamId });
    }
    const teamId = item.teamId ?? user.teamIds[0];
    if (teamId === undefined) throw new HttpError(403, 'forbidden', 'You belong to no team, so there is no team to tell.');
    return { ...item, teamId };
  });
}
