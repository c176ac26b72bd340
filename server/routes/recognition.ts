// Recognition health: the extension's batches of record pages seen, recognised and missed per site and day,
// with anonymous misses (lib/recognition/health.ts), and the admin's per-site view of them (the manager
// console's "Recognition health"). A batch is counted once, whatever number of times it is sent.
import { Hono } from 'hono';
import { RecognitionHealthQuery, RecognitionHealthResponse, RecognitionReport, RecognitionReportResponse } from '../../lib/schema/recognition';
import { iso } from '../db/database';
import { parseInput, readJson } from '../http';
import { type RouteDeps, type RouteEnv, requireRole, requireUser } from './access';

const DAY_MS = 24 * 3600_000;

export function recognitionRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now));

  router.post('/reports', async (c) => {
    const user = c.get('user');
    const report = await readJson(c, RecognitionReport);
    // Counted under the reporter's first team (none: ''), so a per-team view stays possible; never under the user.
    const teamId = user.teamIds[0] ?? '';
    const duplicate = await db.transaction(async (tx) => {
      const { rows } = await tx.query('insert into recognition_batches (id, received_at) values ($1, $2) on conflict (id) do nothing returning id', [
        report.batchId,
        now().toISOString(),
      ]);
      if (rows.length === 0) return true;
      if (report.days.length > 0) {
        await tx.query(
          `insert into recognition_days (team_id, site, day, seen, recognised, missed)
           select $1, d->>'site', (d->>'day')::date, sum((d->>'seen')::int), sum((d->>'recognised')::int), sum((d->>'missed')::int)
           from jsonb_array_elements($2::jsonb) d group by 2, 3
           on conflict (team_id, site, day) do update set
             seen = recognition_days.seen + excluded.seen,
             recognised = recognition_days.recognised + excluded.recognised,
             missed = recognition_days.missed + excluded.missed`,
          [teamId, JSON.stringify(report.days)],
        );
      }
      if (report.misses.length > 0) {
        await tx.query(
          `insert into recognition_misses (team_id, site, at, url_pattern, layers, named)
           select $1, m->>'site', (m->>'at')::timestamptz, m->>'urlPattern', array(select jsonb_array_elements_text(m->'layers')), (m->>'named')::boolean
           from jsonb_array_elements($2::jsonb) m`,
          [teamId, JSON.stringify(report.misses)],
        );
      }
      return false;
    });
    return c.json(RecognitionReportResponse.parse({ duplicate }));
  });

  router.get('/health', requireRole('admin'), async (c) => {
    const { days } = parseInput(RecognitionHealthQuery, c.req.query());
    const from = new Date(now().getTime() - (days - 1) * DAY_MS).toISOString().slice(0, 10);
    const { rows: counts } = await db.query<{ site: string; day: string; seen: number; recognised: number; missed: number }>(
      `select site, to_char(day, 'YYYY-MM-DD') as day, sum(seen)::int as seen, sum(recognised)::int as recognised, sum(missed)::int as missed
       from recognition_days where day >= $1::date group by 1, 2 order by 1, 2 desc`,
      [from],
    );
    const { rows: lastMisses } = await db.query<{ site: string; at: Date | string; url_pattern: string; layers: string[]; named: boolean }>(
      `select distinct on (site) site, at, url_pattern, layers, named
       from recognition_misses where at >= $1::date order by site, at desc, id desc`,
      [from],
    );
    const sites = new Map<
      string,
      { site: string; seen: number; recognised: number; missed: number; days: { day: string; seen: number; recognised: number; missed: number }[] }
    >();
    for (const r of counts) {
      const site = sites.get(r.site) ?? { site: r.site, seen: 0, recognised: 0, missed: 0, days: [] };
      site.seen += r.seen;
      site.recognised += r.recognised;
      site.missed += r.missed;
      site.days.push({ day: r.day, seen: r.seen, recognised: r.recognised, missed: r.missed });
      sites.set(r.site, site);
    }
    const lastMiss = new Map(lastMisses.map((m) => [m.site, { at: iso(m.at), urlPattern: m.url_pattern, layers: m.layers, named: m.named }]));
    return c.json(
      RecognitionHealthResponse.parse({
        from,
        // The sites missing most first: that is where a markup change shows.
        sites: [...sites.values()]
          .map((s) => ({ ...s, lastMiss: lastMiss.get(s.site) ?? null }))
          .sort((a, b) => b.missed - a.missed || a.site.localeCompare(b.site)),
      }),
    );
  });

  return router;
}
