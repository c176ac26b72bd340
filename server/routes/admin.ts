// Admin routes: list, create (with a password or an invitation), change and deactivate users; the field policy.
// An invitation is redeemed at `POST /auth/accept-invite` (./auth.ts). The organisation's CRM hosts
// are set under /admin/crm-hosts (./org-hosts.ts).
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { type AdminUser, AdminUserResponse, AdminUsersResponse, CreateUserRequest, CreateUserResponse, UpdateUserRequest } from '../../lib/schema/manager';
import { FieldPolicyResponse, SetFieldPolicyRequest } from '../../lib/schema/privacy';
import { hashPassword } from '../auth/passwords';
import { issueSecret, type UserRow, userFromRow } from '../auth/tokens';
import type { Queryable } from '../db/database';
import { HttpError, pathParam, readJson } from '../http';
import { type FieldPolicy, listRules, saveRule } from '../policy/field-policy';
import { adminTokenRoutes } from '../tokens/routes';
import { assertTeamsExist, type RouteDeps, type RouteEnv, requireRole, requireUser } from './access';
import { adminOrgHostRoutes } from './org-hosts';
import { adminWebhookRoutes } from './webhooks';

const INVITATION_TTL_MS = 7 * 24 * 3600_000;

/**
 * Stored instead of a password hash for invited and deactivated users. verifyPassword only accepts `scrypt$…`,
 * so sign-in with any password fails for them without a change to the sign-in route.
 */
const NO_PASSWORD = { invited: 'invited', deactivated: 'deactivated' } as const;

type AdminRow = UserRow & { password_hash: string; deactivated_at: Date | string | null };

const SELECT_USER = 'select id, email, name, role, team_ids, password_hash, deactivated_at from users';

function adminUser(row: AdminRow): AdminUser {
  return {
    ...userFromRow(row),
    active: row.deactivated_at === null,
    invitationPending: row.deactivated_at === null && row.password_hash === NO_PASSWORD.invited,
  };
}

async function loadUser(q: Queryable, id: string): Promise<AdminRow> {
  const { rows } = await q.query<AdminRow>(`${SELECT_USER} where id = $1`, [id]);
  if (!rows[0]) throw new HttpError(404, 'not_found', `No user has the id "${id}".`);
  return rows[0];
}

export interface AdminRouteDeps extends RouteDeps {
  /** The server's default field policy, under the rules an admin stores (server/policy/field-policy.ts). */
  fieldPolicy: FieldPolicy;
}

export function adminRoutes({ db, now, fieldPolicy }: AdminRouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now), requireRole('admin'));
  router.route('/crm-hosts', adminOrgHostRoutes({ db, now }));
  router.route('/webhooks', adminWebhookRoutes({ db, now }));
  router.route('/tokens', adminTokenRoutes({ db, now }));

  const policyBody = async () => FieldPolicyResponse.parse({ defaults: fieldPolicy, rules: await listRules(db) });
  router.get('/field-policy', async (c) => c.json(await policyBody()));

  router.put('/field-policy', async (c) => {
    const rule = await readJson(c, SetFieldPolicyRequest);
    if (rule.teamId !== null) await assertTeamsExist(db, [rule.teamId]);
    await db.transaction((tx) => saveRule(tx, rule, c.get('user').id, now()));
    return c.json(await policyBody());
  });

  router.get('/users', async (c) => {
    const { rows } = await db.query<AdminRow>(`${SELECT_USER} order by lower(email)`);
    return c.json(AdminUsersResponse.parse({ users: rows.map(adminUser) }));
  });

  router.post('/users', async (c) => {
    const input = await readJson(c, CreateUserRequest);
    const hash = input.password ? await hashPassword(input.password) : NO_PASSWORD.invited;
    const at = now();
    const result = await db.transaction(async (tx) => {
      await assertTeamsExist(tx, input.teamIds);
      const taken = await tx.query('select 1 from users where lower(email) = lower($1)', [input.email]);
      if (taken.rows.length > 0) throw new HttpError(409, 'email_taken', `There is already an account for ${input.email}.`);
      const id = `user-${randomUUID()}`;
      await tx.query('insert into users (id, email, name, role, password_hash, team_ids) values ($1, $2, $3, $4, $5, $6::text[])', [
        id,
        input.email,
        input.name,
        input.role,
        hash,
        input.teamIds,
      ]);
      const invitation = input.password ? null : await invite(tx, id, at);
      return { user: adminUser(await loadUser(tx, id)), invitation };
    });
    return c.json(CreateUserResponse.parse(result), 201);
  });

  router.get('/users/:id', async (c) => c.json(AdminUserResponse.parse({ user: adminUser(await loadUser(db, pathParam(c, 'id'))) })));

  router.post('/users/:id', async (c) => {
    const id = pathParam(c, 'id');
    const patch = await readJson(c, UpdateUserRequest);
    if (id === c.get('user').id && patch.role !== undefined && patch.role !== 'admin') {
      throw new HttpError(400, 'cannot_change_self', 'You cannot take the admin role from yourself; ask another admin.');
    }
    const user = await db.transaction(async (tx) => {
      const row = await loadUser(tx, id);
      if (patch.teamIds) await assertTeamsExist(tx, patch.teamIds);
      // A change of role or teams also moves the user's scope_seq (a trigger), so their next pull restarts from 0.
      await tx.query('update users set name = $2, role = $3, team_ids = $4::text[] where id = $1', [
        id,
        patch.name ?? row.name,
        patch.role ?? row.role,
        patch.teamIds ?? row.team_ids,
      ]);
      return adminUser(await loadUser(tx, id));
    });
    return c.json(AdminUserResponse.parse({ user }));
  });

  router.post('/users/:id/deactivate', async (c) => {
    const id = pathParam(c, 'id');
    if (id === c.get('user').id) throw new HttpError(400, 'cannot_change_self', 'You cannot deactivate your own account; ask another admin.');
    const at = now().toISOString();
    const user = await db.transaction(async (tx) => {
      await loadUser(tx, id);
      await tx.query('update users set deactivated_at = coalesce(deactivated_at, $2), password_hash = $3 where id = $1', [id, at, NO_PASSWORD.deactivated]);
      await tx.query('update tokens set revoked_at = $2 where user_id = $1 and revoked_at is null', [id, at]);
      await tx.query('update invitations set used_at = $2 where user_id = $1 and used_at is null', [id, at]);
      return adminUser(await loadUser(tx, id));
    });
    return c.json(AdminUserResponse.parse({ user }));
  });

  return router;
}

/** A fresh invitation for the user to redeem within INVITATION_TTL_MS (a secret like a bearer token). */
async function invite(q: Queryable, userId: string, at: Date): Promise<{ token: string; expiresAt: string }> {
  const { token, expiresAt } = await issueSecret(q, 'invitations', userId, at, INVITATION_TTL_MS);
  return { token, expiresAt: expiresAt.toISOString() };
}
