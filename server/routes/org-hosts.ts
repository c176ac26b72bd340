// The organisation's own CRM hosts: the tenants of Zendesk, Freshdesk, Salesforce and Dynamics the
// extension registers its overlay on (docs/security.md "Organisation hosts"). Every signed-in user
// reads them (`GET /org-hosts`, after each sync); admins set them (`GET/PUT /admin/crm-hosts`,
// mounted by ./admin.ts). A change notifies the live stream, so connected extensions sync at once.
import { Hono } from 'hono';
import { OrgHostsResponse, SetOrgHostsRequest } from '../../lib/schema/org-hosts-api';
import type { Db, Queryable } from '../db/database';
import { lockChanges, notifyNewSeq } from '../db/records';
import { readJson } from '../http';
import { type RouteDeps, type RouteEnv, requireUser } from './access';

/** The organisation's hosts, in name order. */
export async function loadOrgHosts(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ host: string }>('select host from org_hosts order by host');
  return rows.map((r) => r.host);
}

/** Replaces the list; hosts kept keep who added them and when. Wakes every live stream. */
export async function replaceOrgHosts(db: Db, hosts: readonly string[], by: string | null, at: Date): Promise<string[]> {
  return db.transaction(async (tx) => {
    await lockChanges(tx);
    await tx.query('delete from org_hosts where not (host = any($1::text[]))', [hosts]);
    await tx.query(
      `insert into org_hosts (host, added_by, added_at)
       select h, $2, $3 from unnest($1::text[]) as h
       on conflict (host) do nothing`,
      [hosts, by, at.toISOString()],
    );
    // A new seq with nothing to pull: the notice only tells connected extensions to sync, whose
    // afterSync step reads the list (the way site rules reach them).
    await notifyNewSeq(tx, 'all');
    return loadOrgHosts(tx);
  });
}

/** `GET /org-hosts`: what every signed-in extension registers its overlay on. */
export function orgHostRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now));
  router.get('/', async (c) => c.json(OrgHostsResponse.parse({ hosts: await loadOrgHosts(db) })));
  return router;
}

/** `GET/PUT /crm-hosts` under /admin, whose middleware has already checked the admin role. */
export function adminOrgHostRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.get('/', async (c) => c.json(OrgHostsResponse.parse({ hosts: await loadOrgHosts(db) })));
  router.put('/', async (c) => {
    const { hosts } = await readJson(c, SetOrgHostsRequest);
    return c.json(OrgHostsResponse.parse({ hosts: await replaceOrgHosts(db, hosts, c.get('user').id, now()) }));
  });
  return router;
}
