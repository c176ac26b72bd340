// Service-level policies: managers set first-response, next-response and resolution targets per channel group and
// priority for their teams, and the business calendar those targets count in; push (server/sync/push.ts, through
// server/sync/sla.ts) starts, pauses and retargets each case's clock with them.
import { type Context, Hono } from 'hono';
import { DEFAULT_SLA_POLICY, mergeSlaPolicy } from '../../lib/cases/sla-policy';
import type { Priority } from '../../lib/schema/entities';
import {
  BusinessCalendarUpdate,
  type ChannelGroup,
  EscalationSettings,
  EscalationsResponse,
  SlaPoliciesResponse,
  SlaPolicyUpdate,
  type SlaPolicyUpdate as SlaPolicyUpdateType,
  SlaReportQuery,
  SlaReportResponse,
  TeamCalendar,
  TeamEscalationSettings,
  TeamSlaPolicy,
} from '../../lib/schema/sla';
import { DEFAULT_ESCALATION } from '../../lib/sla/escalation';
import { iso } from '../db/database';
import { HttpError, parseInput, pathParam, readJson } from '../http';
import { listEscalations, loadEscalationSettings, saveEscalationSettings } from '../sla/escalation';
import { teamSlaReport } from '../sla/report';
import { loadCalendars, loadSlaOverrides } from '../sync/sla';
import { assertTeamsExist, managesTeam, type RouteDeps, type RouteEnv, requireRole, requireUser, teamsInView } from './access';

export function slaRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now));

  /** The policy of each of the caller's teams (admins: every team), merged over the defaults. */
  router.get('/policies', async (c) => {
    const user = c.get('user');
    const teamIds = (await teamsInView(db, user)).sort();
    const [own, calendars] = await Promise.all([loadSlaOverrides(db, teamIds), loadCalendars(db, teamIds)]);
    const teams = teamIds.map((teamId) => {
      const o = own.get(teamId);
      return { teamId, policy: mergeSlaPolicy(o?.overrides ?? {}), overrides: o?.overrides ?? {}, updatedAt: o ? iso(o.updatedAt) : null };
    });
    const teamCalendars = teamIds.map((teamId) => {
      const own = calendars.get(teamId);
      return { teamId, calendar: own?.calendar ?? null, updatedAt: own ? iso(own.updatedAt) : null };
    });
    return c.json(SlaPoliciesResponse.parse({ defaults: DEFAULT_SLA_POLICY, teams, calendars: teamCalendars }));
  });

  /** Replaces the team's own targets with the body; what the body leaves out uses the defaults again. */
  router.put('/policies/:teamId', requireRole('manager', 'admin'), async (c) => {
    const teamId = managedTeam(c);
    const body = await readJson(c, SlaPolicyUpdate);
    await assertTeamsExist(db, [teamId]);
    const at = now().toISOString();
    let written = 0;
    await db.transaction(async (tx) => {
      await tx.query('delete from sla_policies where team_id = $1', [teamId]);
      for (const [group, byPriority] of Object.entries(body) as [ChannelGroup, SlaPolicyUpdateType[ChannelGroup]][]) {
        for (const [priority, t] of Object.entries(byPriority ?? {}) as [
          Priority,
          NonNullable<NonNullable<SlaPolicyUpdateType[ChannelGroup]>[Priority]> | undefined,
        ][]) {
          if (!t) continue;
          await tx.query(
            `insert into sla_policies (team_id, channel_group, priority, first_response_minutes, next_response_minutes, resolution_minutes, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7)`,
            [teamId, group, priority, t.firstResponseMinutes, t.nextResponseMinutes ?? null, t.resolutionMinutes, at],
          );
          written += 1;
        }
      }
    });
    return c.json(TeamSlaPolicy.parse({ teamId, policy: mergeSlaPolicy(body), overrides: body, updatedAt: written > 0 ? at : null }));
  });

  /** Sets the team's business calendar (zone, weekly hours, holidays); clocks started from now on count in it. */
  router.put('/calendars/:teamId', requireRole('manager', 'admin'), async (c) => {
    const teamId = managedTeam(c);
    const calendar = await readJson(c, BusinessCalendarUpdate);
    await assertTeamsExist(db, [teamId]);
    const at = now().toISOString();
    await db.query(
      `insert into business_calendars (team_id, calendar, updated_at) values ($1, $2::jsonb, $3)
       on conflict (team_id) do update set calendar = excluded.calendar, updated_at = excluded.updated_at`,
      [teamId, JSON.stringify(calendar), at],
    );
    return c.json(TeamCalendar.parse({ teamId, calendar, updatedAt: at }));
  });

  /** Removes the team's calendar: its clocks run around the clock again. */
  router.post('/calendars/:teamId/delete', requireRole('manager', 'admin'), async (c) => {
    const teamId = managedTeam(c);
    await assertTeamsExist(db, [teamId]);
    await db.query('delete from business_calendars where team_id = $1', [teamId]);
    return c.json(TeamCalendar.parse({ teamId, calendar: null, updatedAt: null }));
  });

  /** The team's escalation rule: the share of a target that escalates it, and whether the priority rises. */
  router.get('/escalation/:teamId', requireRole('manager', 'admin'), async (c) => {
    const teamId = managedTeam(c);
    const own = (await loadEscalationSettings(db, [teamId])).get(teamId);
    return c.json(TeamEscalationSettings.parse({ teamId, settings: own?.settings ?? DEFAULT_ESCALATION, updatedAt: own?.updatedAt ?? null }));
  });

  router.put('/escalation/:teamId', requireRole('manager', 'admin'), async (c) => {
    const teamId = managedTeam(c);
    const settings = await readJson(c, EscalationSettings);
    await assertTeamsExist(db, [teamId]);
    const at = now().toISOString();
    await saveEscalationSettings(db, teamId, settings, at);
    return c.json(TeamEscalationSettings.parse({ teamId, settings, updatedAt: at }));
  });

  /** Every escalation the sweep recorded for the team, newest first. */
  router.get('/escalations/:teamId', requireRole('manager', 'admin'), async (c) => {
    const teamId = managedTeam(c);
    return c.json(EscalationsResponse.parse({ escalations: await listEscalations(db, teamId) }));
  });

  /** The team's report over cases created in [from, to): first replies on time, their median and p90, breaches by hour. */
  router.get('/report/:teamId', requireRole('manager', 'admin'), async (c) => {
    const teamId = managedTeam(c);
    const query = parseInput(SlaReportQuery, c.req.query());
    if (Date.parse(query.to) <= Date.parse(query.from)) throw new HttpError(400, 'invalid_request', '`to` must be after `from`.');
    return c.json(SlaReportResponse.parse(await teamSlaReport(db, teamId, query, now())));
  });

  return router;
}

/** The :teamId of the path, if the caller manages that team (admins manage every team). */
function managedTeam(c: Context<RouteEnv>): string {
  const teamId = pathParam(c, 'teamId');
  if (!managesTeam(c.get('user'), teamId)) throw new HttpError(403, 'forbidden', `You do not manage team ${teamId}.`);
  return teamId;
}
