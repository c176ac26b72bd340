// Where Tandem never captures and what captures redact (docs/privacy.md): every signed-in user reads the
// never-capture list and their teams' redaction options (`GET /capture-privacy`, after each sync); admins
// set the list, admins and the team's managers its redaction. A change notifies the live stream, so
// connected extensions sync (and read the new settings) at once.
import { type Context, Hono } from 'hono';
import { CapturePrivacyResponse, RedactionOptions, SetNeverCaptureRequest, TeamRedaction } from '../../lib/schema/capture-privacy';
import { DEFAULT_REDACTION } from '../../lib/schema/redaction';
import { iso, type Queryable } from '../db/database';
import { lockChanges, notifyNewSeq } from '../db/records';
import { HttpError, pathParam, readJson } from '../http';
import { assertTeamsExist, managesTeam, type RouteDeps, type RouteEnv, requireRole, requireUser, teamsInView } from './access';

/** The never-capture patterns, in name order. */
export async function loadNeverCapture(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ pattern: string }>('select pattern from never_capture_hosts order by pattern');
  return rows.map((r) => r.pattern);
}

/** Each team's options over the defaults (a team nobody set has the defaults and no date). */
async function loadTeamRedaction(q: Queryable, teamIds: readonly string[]): Promise<TeamRedaction[]> {
  const { rows } = await q.query<{ team_id: string; options: unknown; updated_at: Date | string }>(
    'select team_id, options, updated_at from team_redaction where team_id = any($1::text[])',
    [teamIds],
  );
  const byTeam = new Map(rows.map((r) => [r.team_id, r]));
  return teamIds.map((teamId) => {
    const row = byTeam.get(teamId);
    const options = RedactionOptions.safeParse(row?.options ?? {});
    return { teamId, options: options.success ? options.data : DEFAULT_REDACTION, updatedAt: row ? iso(row.updated_at) : null };
  });
}

/** A new seq with nothing to pull: the notice only tells connected extensions to sync, whose afterSync step reads the settings. */
async function wakeExtensions(tx: Queryable): Promise<void> {
  await lockChanges(tx);
  await notifyNewSeq(tx, 'all');
}

export function capturePrivacyRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now));

  router.get('/', async (c) => {
    const teamIds = (await teamsInView(db, c.get('user'))).sort();
    const [neverCapture, teams] = await Promise.all([loadNeverCapture(db), loadTeamRedaction(db, teamIds)]);
    return c.json(CapturePrivacyResponse.parse({ neverCapture, teams }));
  });

  /** Replaces the list; patterns kept keep who added them and when. */
  router.put('/never-capture', requireRole('admin'), async (c) => {
    const { hosts } = await readJson(c, SetNeverCaptureRequest);
    const by = c.get('user').id;
    const saved = await db.transaction(async (tx) => {
      await wakeExtensions(tx);
      await tx.query('delete from never_capture_hosts where not (pattern = any($1::text[]))', [hosts]);
      await tx.query(
        `insert into never_capture_hosts (pattern, added_by, added_at)
         select p, $2, $3 from unnest($1::text[]) as p
         on conflict (pattern) do nothing`,
        [hosts, by, now().toISOString()],
      );
      return loadNeverCapture(tx);
    });
    return c.json(SetNeverCaptureRequest.parse({ hosts: saved }));
  });

  /** Sets the team's redaction options; the team's next captures follow them. */
  router.put('/redaction/:teamId', requireRole('manager', 'admin'), async (c) => {
    const teamId = managedTeam(c);
    const options = await readJson(c, RedactionOptions);
    await assertTeamsExist(db, [teamId]);
    const at = now().toISOString();
    await db.transaction(async (tx) => {
      await wakeExtensions(tx);
      await tx.query(
        `insert into team_redaction (team_id, options, updated_by, updated_at) values ($1, $2::jsonb, $3, $4)
         on conflict (team_id) do update set options = excluded.options, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [teamId, JSON.stringify(options), c.get('user').id, at],
      );
    });
    return c.json(TeamRedaction.parse({ teamId, options, updatedAt: at }));
  });
  return router;
}

function managedTeam(c: Context<RouteEnv>): string {
  const teamId = pathParam(c, 'teamId');
  if (!managesTeam(c.get('user'), teamId)) throw new HttpError(403, 'forbidden', `You do not manage team ${teamId}.`);
  return teamId;
}
