// Published site rules for the caller's teams: how the extension learns the custom sites its
// managers set up (the manager routes author them; site_rules writes notify the live stream, so
// a connected extension re-reads them on the next sync).
import { Hono } from 'hono';
import { SiteRule, SiteRulesResponse } from '../../lib/schema/manager';
import { reachesAnyTeam } from '../db/records';
import { type RouteDeps, type RouteEnv, requireUser } from './access';

export function siteRuleRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now));

  router.get('/', async (c) => {
    const user = c.get('user');
    const { rows } = await db.query<{ data: unknown }>(
      `select data from site_rules
        where not deleted and data->>'status' = 'published' and ${reachesAnyTeam('$1::text[]')}
        order by id`,
      [user.teamIds],
    );
    // A stored rule that no longer parses is skipped rather than failing everyone's sync.
    const rules = rows.flatMap((r) => {
      const parsed = SiteRule.safeParse(r.data);
      return parsed.success ? [parsed.data] : [];
    });
    return c.json(SiteRulesResponse.parse({ rules }));
  });

  return router;
}
