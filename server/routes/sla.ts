// Service-level policies: managers set first-response and resolution targets per channel group and priority for
// their teams; push (server/sync/push.ts) applies them to new cases and to cases whose priority or channel changes.
import { Hono } from 'hono';
import { DEFAULT_SLA_POLICY, mergeSlaPolicy } from '../../lib/cases/sla-policy';
import type { Priority } from '../../lib/schema/entities';
import { type ChannelGroup, SlaPoliciesResponse, SlaPolicyUpdate, TeamSlaPolicy } from '../../lib/schema/sla';
import { iso } from '../db/database';
import { HttpError, pathParam, readJson } from '../http';
import { loadSlaOverrides } from '../sync/sla';
import { assertTeamsExist, managesTeam, type RouteDeps, type RouteEnv, requireRole, requireUser, teamsInView } from './access';

export function slaRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now));

  /** The policy of each of the caller's teams (admins: every team), merged over the defaults. */
  router.get('/policies', async (c) => {
    const user = c.get('user');
    const teamIds = (await teamsInView(db, user)).sort();
    const own = await loadSlaOverrides(db, teamIds);
    const teams = teamIds.map((teamId) => {
      const o = own.get(teamId);
      return { teamId, policy: mergeSlaPolicy(o?.overrides ?? {}), overrides: o?.overrides ?? {}, updatedAt: o ? iso(o.updatedAt) : null };
    });
    return c.json(SlaPoliciesResponse.parse({ defaults: DEFAULT_SLA_POLICY, teams }));
  });

  /** Replaces the team's own targets with the body; what the body leaves out uses the defaults again. */
  router.put('/policies/:teamId', requireRole('manager', 'admin'), async (c) => {
    const user = c.get('user');
    const teamId = pathParam(c, 'teamId');
    if (!managesTeam(user, teamId)) throw new HttpError(403, 'forbidden', `You do not manage team ${teamId}.`);
    const body = await readJson(c, SlaPolicyUpdate);
    await assertTeamsExist(db, [teamId]);
    const at = now().toISOString();
    let written = 0;
    await db.transaction(async (tx) => {
      await tx.query('delete from sla_policies where team_id = $1', [teamId]);
      for (const [group, byPriority] of Object.entries(body) as [ChannelGroup, SlaPolicyUpdate[ChannelGroup]][]) {
        for (const [priority, t] of Object.entries(byPriority ?? {}) as [Priority, { firstResponseMinutes: number; resolutionMinutes: number } | undefined][]) {
          if (!t) continue;
          await tx.query(
            `insert into sla_policies (team_id, channel_group, priority, first_response_minutes, resolution_minutes, updated_at)
             values ($1, $2, $3, $4, $5, $6)`,
            [teamId, group, priority, t.firstResponseMinutes, t.resolutionMinutes, at],
          );
          written += 1;
        }
      }
    });
    return c.json(TeamSlaPolicy.parse({ teamId, policy: mergeSlaPolicy(body), overrides: body, updatedAt: written > 0 ? at : null }));
  });

  return router;
}
