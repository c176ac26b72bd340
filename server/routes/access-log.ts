// Privacy routes: reveal a value the field policy masks (with a reason, logged), and read the access log.
import { Hono } from 'hono';
import type { Identity } from '../../lib/schema/entities';
import { AccessLogQuery, AccessLogResponse, type CustomerPolicyField, RevealRequest, RevealResponse } from '../../lib/schema/privacy';
import { HttpError, parseInput, readJson } from '../http';
import { appendAccess, listAccess } from '../policy/access-log';
import { type FieldPolicy, readerPolicy } from '../policy/field-policy';
import { type RouteDeps, type RouteEnv, requireRole, requireUser, teamsInView } from './access';

export interface PrivacyRouteDeps extends RouteDeps {
  fieldPolicy: FieldPolicy;
  accessLogDays: number;
}

export function privacyRoutes({ db, now, fieldPolicy, accessLogDays }: PrivacyRouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now));

  router.post('/reveal', async (c) => {
    const user = c.get('user');
    const request = await readJson(c, RevealRequest);
    const { rows } = await db.query<{ team_id: string; data: Record<string, unknown> }>(
      `select team_id, data from ${request.entity} where id = $1 and not deleted and team_id = any($2::text[])`,
      [request.id, user.teamIds],
    );
    const row = rows[0];
    const what = request.entity === 'customers' ? 'customer' : 'interaction';
    if (!row) throw new HttpError(404, 'not_found', `There is no ${what} ${request.id} that you can see.`);
    const policy = await readerPolicy(db, user, fieldPolicy);
    const customerId = request.entity === 'customers' ? request.id : String(row.data.customerId);
    const mode = request.entity === 'customers' ? policy.customerMode(row.team_id, request.field) : policy.channelMode(row.team_id, row.data.channel as never);
    if (mode === 'hidden') throw new HttpError(403, 'forbidden', `The field policy hides ${request.field} from your role.`);
    if (mode === 'masked' && !policy.mayReveal(row.team_id)) {
      throw new HttpError(403, 'forbidden', `Your role may not reveal ${request.field} in team ${row.team_id}; ask an admin to allow it.`);
    }
    const values = request.entity === 'customers' ? customerValues(row.data, request.field) : [String(row.data.text ?? '')];
    await appendAccess(db, [{ userId: user.id, teamId: row.team_id, customerId, action: 'revealed', at: now(), field: request.field, reason: request.reason }]);
    return c.json(RevealResponse.parse({ field: request.field, values }));
  });

  router.get('/access-log', requireRole('manager', 'admin'), async (c) => {
    const query = parseInput(AccessLogQuery, c.req.query());
    const entries = await listAccess(db, await teamsInView(db, c.get('user')), query);
    return c.json(AccessLogResponse.parse({ entries, retentionDays: accessLogDays }));
  });

  return router;
}

function customerValues(data: Record<string, unknown>, field: CustomerPolicyField): string[] {
  if (field === 'name') return [String(data.name ?? '')];
  if (field === 'lifetimeValueCents') return data.lifetimeValueCents === undefined ? [] : [String(data.lifetimeValueCents)];
  if (field === 'tags') return ((data.tags as string[] | undefined) ?? []).map(String);
  return ((data.identities as Identity[] | undefined) ?? []).filter((i) => i.kind === field).map((i) => i.value);
}
