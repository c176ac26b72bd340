// Assignment routes (`/assignment/*`): every agent sets their own available/away status; managers set their team's
// mode, capacity, auto-away and return-to-pool times, skills and language matching and their agents' skills and
// languages, and see who is available with how many open cases.
import { type Context, Hono } from 'hono';
import { DEFAULT_ASSIGNMENT, MyAgentStatus, SaveTeamAssignment, SetAgentStatusRequest, TeamAssignment } from '../../lib/schema/assignment';
import type { Queryable } from '../db/database';
import { HttpError, pathParam, readJson } from '../http';
import { assertTeamsExist, managesTeam, type RouteDeps, type RouteEnv, requireRole, requireUser } from '../routes/access';
import { loadAssignmentSettings, myStatus, saveAgentSkills, saveAssignmentSettings, setMyStatus, teamAgents } from './assign';

export function assignmentRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now));

  router.get('/status', async (c) => c.json(MyAgentStatus.parse(await myStatus(db, c.get('user')))));

  /** The caller's own status; the server's clock dates it. */
  router.put('/status', async (c) => {
    const body = await readJson(c, SetAgentStatusRequest);
    return c.json(MyAgentStatus.parse(await setMyStatus(db, c.get('user'), body.status, body.reason, now().toISOString())));
  });

  router.get('/teams/:teamId', requireRole('manager', 'admin'), async (c) => c.json(await teamAssignment(db, managedTeam(c))));

  router.put('/teams/:teamId', requireRole('manager', 'admin'), async (c) => {
    const teamId = managedTeam(c);
    const { agentSkills, ...settings } = await readJson(c, SaveTeamAssignment);
    await assertTeamsExist(db, [teamId]);
    const members = new Set((await teamAgents(db, teamId)).map((a) => a.id));
    const stranger = agentSkills?.find((a) => !members.has(a.userId));
    if (stranger) throw new HttpError(400, 'invalid_request', `${stranger.userId} is not an agent of team ${teamId}.`);
    await db.transaction(async (tx) => {
      await saveAssignmentSettings(tx, teamId, settings, now().toISOString());
      if (agentSkills) await saveAgentSkills(tx, teamId, agentSkills);
    });
    return c.json(await teamAssignment(db, teamId));
  });

  return router;
}

async function teamAssignment(q: Queryable, teamId: string): Promise<TeamAssignment> {
  const [stored, agents] = await Promise.all([loadAssignmentSettings(q, [teamId]), teamAgents(q, teamId)]);
  const own = stored.get(teamId);
  return TeamAssignment.parse({ teamId, settings: own?.settings ?? DEFAULT_ASSIGNMENT, updatedAt: own?.updatedAt ?? null, agents });
}

function managedTeam(c: Context<RouteEnv>): string {
  const teamId = pathParam(c, 'teamId');
  if (!managesTeam(c.get('user'), teamId)) throw new HttpError(403, 'forbidden', `You do not manage team ${teamId}.`);
  return teamId;
}
