// Admins' privacy routes (docs/privacy.md): each team's retention period and "run now", finding the customer a request
// is about, erasing them (Art. 17) and exporting what is held about them (Art. 15). Every action is in the access log.
import { Hono } from 'hono';
import { Identity } from '../../lib/schema/entities';
import {
  CustomerExport,
  EraseCustomerRequest,
  ErasureResponse,
  PrivacyCustomerQuery,
  PrivacyCustomersResponse,
  RetentionResponse,
  RetentionRunResponse,
  RunRetentionRequest,
  SetRetentionRequest,
} from '../../lib/schema/privacy';
import { HttpError, parseInput, pathParam, readJson } from '../http';
import { eraseCustomer } from '../privacy/erasure';
import { exportCustomer } from '../privacy/export';
import { listRetention, runRetention, setRetention } from '../privacy/retention';
import { scrubbed } from '../privacy/tombstones';
import { allTeamIds, assertTeamsExist, type RouteDeps, type RouteEnv, requireRole, requireUser } from './access';

/** Customers a search answers at most: enough to pick the one a request names. */
const SEARCH_LIMIT = 20;

export function privacyAdminRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  const admin = [requireUser(db, now), requireRole('admin')] as const;

  router.get('/retention', ...admin, async (c) => c.json(RetentionResponse.parse({ teams: await listRetention(db) })));

  router.put('/retention/:teamId', ...admin, async (c) => {
    const teamId = pathParam(c, 'teamId');
    const { days } = await readJson(c, SetRetentionRequest);
    await assertTeamsExist(db, [teamId]);
    await setRetention(db, teamId, days, c.get('user').id, now());
    return c.json(RetentionResponse.parse({ teams: await listRetention(db) }));
  });

  router.post('/retention/run', ...admin, async (c) => {
    const { teamId } = await readJson(c, RunRetentionRequest);
    if (teamId) await assertTeamsExist(db, [teamId]);
    return c.json(RetentionRunResponse.parse(await runRetention(db, now(), c.get('user').id, teamId)));
  });

  router.get('/customers', ...admin, async (c) => {
    const { q } = parseInput(PrivacyCustomerQuery, c.req.query());
    const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const { rows } = await db.query<{ id: string; team_id: string; data: { name: string; identities: unknown }; interactions: string; cases: string }>(
      `select c.id, c.team_id, c.data,
         (select count(*) from interactions i where i.data->>'customerId' = c.id and not i.deleted) as interactions,
         (select count(*) from cases k where k.data->>'customerId' = c.id and not k.deleted) as cases
       from customers c
       where not ${scrubbed('customers', 'c')} and (c.id = $1 or c.data->>'name' ilike $2
         or exists (select 1 from jsonb_array_elements(c.data->'identities') x where x->>'value' ilike $2))
       order by c.data->>'name', c.id limit ${SEARCH_LIMIT}`,
      [q, pattern],
    );
    const customers = rows.map((r) => ({
      id: r.id,
      teamId: r.team_id,
      name: r.data.name,
      identities: Identity.array().parse(r.data.identities),
      interactions: Number(r.interactions),
      cases: Number(r.cases),
    }));
    return c.json(PrivacyCustomersResponse.parse({ customers }));
  });

  router.post('/customers/:id/erase', ...admin, async (c) => {
    const id = pathParam(c, 'id');
    const { reason } = await readJson(c, EraseCustomerRequest);
    const erased = await eraseCustomer(db, id, await allTeamIds(db), { userId: c.get('user').id, reason }, now());
    if (!erased) throw new HttpError(404, 'not_found', `There is no customer ${id} to erase.`);
    return c.json(ErasureResponse.parse(erased));
  });

  router.get('/customers/:id/export', ...admin, async (c) => {
    const id = pathParam(c, 'id');
    const exported = await exportCustomer(db, id, await allTeamIds(db), c.get('user').id, now());
    if (!exported) throw new HttpError(404, 'not_found', `There is no customer ${id} to export.`);
    c.header('Content-Disposition', `attachment; filename="customer-${id.replace(/[^A-Za-z0-9_-]/g, '_')}.json"`);
    return c.json(CustomerExport.parse(exported));
  });

  return router;
}
