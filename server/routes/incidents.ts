// Possible incidents (docs/incidents.md), for managers and admins of the incident's team: the list the console's card
// and the overlay's banner show, linking the broadcast a manager made of one (its cases become the broadcast's and get
// its workaround as a note), closing
// or dismissing it, and once closed, one follow-up message recorded as a draft on every linked case.
import { Hono } from 'hono';
import type { User } from '../../lib/schema/entities';
import {
  FollowUpDraft,
  FollowUpRequest,
  FollowUpResponse,
  Incident,
  IncidentStatusRequest,
  IncidentsQuery,
  IncidentsResponse,
  LinkBroadcastRequest,
} from '../../lib/schema/incidents';
import { iso, type Queryable } from '../db/database';
import { lockChanges, notifyNewSeq } from '../db/records';
import { HttpError, parseInput, pathParam, readJson } from '../http';
import { noteWorkaround } from '../incidents/notes';
import { managesTeam, type RouteDeps, type RouteEnv, requireRole, requireUser, teamsInView } from './access';

interface IncidentRow {
  id: string;
  team_id: string;
  terms: string[];
  case_ids: string[];
  contacts: number;
  expected: number;
  first_at: Date | string;
  detected_at: Date | string;
  last_at: Date | string;
  status: Incident['status'];
  broadcast_id: string | null;
  closed_at: Date | string | null;
  follow_ups: number | string;
  workaround: string | null;
}

const SELECT = `select i.*, (select count(*) from incident_follow_ups f where f.incident_id = i.id) as follow_ups from incidents i`;

function incidentOf(r: IncidentRow): Incident {
  return Incident.parse({
    id: r.id,
    teamId: r.team_id,
    terms: r.terms,
    caseIds: r.case_ids,
    contacts: r.contacts,
    expected: Number(r.expected),
    firstAt: iso(r.first_at),
    detectedAt: iso(r.detected_at),
    lastAt: iso(r.last_at),
    status: r.status,
    broadcastId: r.broadcast_id,
    closedAt: r.closed_at === null ? null : iso(r.closed_at),
    followUps: Number(r.follow_ups),
    workaround: r.workaround,
  });
}

/** The incident, if the caller manages its team; 404 otherwise (another team's incidents are not acknowledged). */
async function loadIncident(q: Queryable, user: User, id: string): Promise<Incident> {
  const { rows } = await q.query<IncidentRow>(`${SELECT} where i.id = $1`, [id]);
  const row = rows[0];
  if (!row || !managesTeam(user, row.team_id)) throw new HttpError(404, 'not_found', `There is no incident ${id} of your teams.`);
  return incidentOf(row);
}

/** Wakes the team's live streams: the consoles and overlays of its managers re-read their incidents. */
async function announce(tx: Queryable, teamId: string): Promise<void> {
  await lockChanges(tx);
  await notifyNewSeq(tx, [teamId]);
}

export function incidentRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now), requireRole('manager', 'admin'));

  router.get('/', async (c) => {
    const { status } = parseInput(IncidentsQuery, c.req.query());
    const teams = await teamsInView(db, c.get('user'));
    const { rows } = await db.query<IncidentRow>(
      `${SELECT} where i.team_id = any($1::text[]) and ($2::text is null or i.status = $2) order by i.detected_at desc limit 100`,
      [teams, status ?? null],
    );
    return c.json(IncidentsResponse.parse({ incidents: rows.map(incidentOf) }));
  });

  router.post('/:id/link', async (c) => {
    const { broadcastId, workaround } = await readJson(c, LinkBroadcastRequest);
    const incident = await loadIncident(db, c.get('user'), pathParam(c, 'id'));
    const { rows } = await db.query<{ teams: string[] | null }>(`select data->'targeting'->'teamIds' as teams from broadcasts where id = $1`, [broadcastId]);
    const teams = rows[0]?.teams;
    // A broadcast for no team reaches everyone, the incident's team included.
    if (!rows[0] || (teams && teams.length > 0 && !teams.includes(incident.teamId))) {
      throw new HttpError(400, 'invalid_request', `Broadcast ${broadcastId} does not reach the incident's team.`);
    }
    await db.transaction(async (tx) => {
      // Taken before the cases' locks, in the order the detector's writer takes them (server/incidents/watch.ts).
      await lockChanges(tx);
      await tx.query(`update incidents set status = 'broadcast', broadcast_id = $2, workaround = coalesce($3, workaround) where id = $1`, [
        incident.id,
        broadcastId,
        workaround ?? null,
      ]);
      const noted = workaround ?? incident.workaround;
      if (noted) await noteWorkaround(tx, incident, incident.caseIds, noted, now());
      await announce(tx, incident.teamId);
    });
    return c.json(await loadIncident(db, c.get('user'), incident.id));
  });

  router.post('/:id/status', async (c) => {
    const { status } = await readJson(c, IncidentStatusRequest);
    const incident = await loadIncident(db, c.get('user'), pathParam(c, 'id'));
    await db.transaction(async (tx) => {
      await tx.query(`update incidents set status = $2, closed_at = $3 where id = $1`, [incident.id, status, now().toISOString()]);
      await announce(tx, incident.teamId);
    });
    return c.json(await loadIncident(db, c.get('user'), incident.id));
  });

  // A closed incident's follow-up: one draft per linked case, on the case's own channel, for its agent to send. Tandem
  // sends nothing itself; a case that has one already keeps it (sending twice is a second click, not a second draft).
  router.post('/:id/follow-ups', async (c) => {
    const { message } = await readJson(c, FollowUpRequest);
    const user = c.get('user');
    const incident = await loadIncident(db, user, pathParam(c, 'id'));
    if (incident.status !== 'closed') throw new HttpError(409, 'conflict', 'Close the incident before following up with its customers.');
    const at = now().toISOString();
    const drafts = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; channel: string }>(
        `select id, data->>'channel' as channel from cases where id = any($1::text[]) and team_id = $2 and not deleted`,
        [incident.caseIds, incident.teamId],
      );
      for (const r of rows) {
        await tx.query(
          `insert into incident_follow_ups (incident_id, case_id, team_id, channel, text, created_by, created_at)
           values ($1, $2, $3, $4, $5, $6, $7) on conflict (incident_id, case_id) do nothing`,
          [incident.id, r.id, incident.teamId, r.channel, message, user.id, at],
        );
      }
      const stored = await tx.query<{ case_id: string; channel: string; text: string; created_at: Date | string }>(
        'select case_id, channel, text, created_at from incident_follow_ups where incident_id = $1 order by case_id',
        [incident.id],
      );
      await announce(tx, incident.teamId);
      return stored.rows.map((r) => FollowUpDraft.parse({ caseId: r.case_id, channel: r.channel, text: r.text, createdAt: iso(r.created_at) }));
    });
    return c.json(FollowUpResponse.parse({ incident: await loadIncident(db, user, incident.id), drafts }));
  });

  return router;
}
