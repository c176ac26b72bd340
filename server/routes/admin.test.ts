import { beforeAll, describe, expect, it } from 'vitest';
import { MeResponse, SignInResponse } from '../../lib/schema/api';
import { AdminUserResponse, AdminUsersResponse, CreateUserResponse } from '../../lib/schema/manager';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, ENGINES, expectError, expectOk } from '../testing';

describe.each(ENGINES)('admin routes on %s', (engine) => {
  let clock = DEMO_CLOCK;
  const { db, api } = appForSuite(engine, { now: () => clock });
  let admin = '';

  beforeAll(async () => {
    admin = await api.signIn('admin@tandem.demo');
  });

  const newUser = (email: string, extra: Record<string, unknown> = {}) => ({ email, name: 'New Person', role: 'agent', teamIds: ['team-care'], ...extra });

  it('refuses agents and managers with 403 on every admin route', async () => {
    for (const email of ['agent@tandem.demo', 'manager@tandem.demo']) {
      const token = await api.signIn(email);
      await expectError(await api.get('/admin/users', token), 403, 'forbidden');
      await expectError(await api.get('/admin/users/user-alex', token), 403, 'forbidden');
      await expectError(await api.post('/admin/users', token, newUser('sneaky@tandem.demo', { role: 'admin' })), 403, 'forbidden');
      await expectError(await api.post('/admin/users/user-alex', token, { role: 'admin' }), 403, 'forbidden');
      await expectError(await api.post('/admin/users/user-alex/deactivate', token), 403, 'forbidden');
    }
    await expectError(await api.get('/admin/users'), 401, 'unauthorized');
    const { rows } = await db().query("select 1 from users where email = 'sneaky@tandem.demo'");
    expect(rows).toHaveLength(0);
  });

  it('lists users with their state', async () => {
    const { users } = await expectOk(await api.get('/admin/users', admin), AdminUsersResponse);
    expect(users.find((u) => u.id === 'user-alex')).toEqual({
      id: 'user-alex',
      email: 'agent@tandem.demo',
      name: 'Alex Agent',
      role: 'agent',
      teamIds: ['team-care'],
      active: true,
      invitationPending: false,
    });
    expect(users.length).toBeGreaterThanOrEqual(5);
  });

  it('creates a user with a password, who can then sign in', async () => {
    const created = await expectOk(
      await api.post('/admin/users', admin, newUser('dana@tandem.demo', { password: 'correct horse battery' })),
      CreateUserResponse,
      201,
    );
    expect(created.invitation).toBeNull();
    expect(created.user).toMatchObject({ email: 'dana@tandem.demo', role: 'agent', teamIds: ['team-care'], active: true, invitationPending: false });
    await api.signIn('dana@tandem.demo', 'correct horse battery');
    await expectError(await api.post('/admin/users', admin, newUser('DANA@tandem.demo')), 409, 'email_taken');
  });

  it('creates a user by invitation, redeemed once with a new password', async () => {
    const created = await expectOk(await api.post('/admin/users', admin, newUser('eli@tandem.demo', { role: 'manager' })), CreateUserResponse, 201);
    expect(created.user.invitationPending).toBe(true);
    const token = created.invitation?.token ?? '';
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(new Date(created.invitation?.expiresAt ?? 0).getTime() - clock.getTime()).toBe(7 * 24 * 3600_000);
    // Not signed in until the invitation is accepted, whatever password is tried.
    await expectError(await api.post('/auth/sign-in', undefined, { email: 'eli@tandem.demo', password: 'invited' }), 401, 'invalid_credentials');
    await expectError(await api.post('/auth/accept-invite', undefined, { token, password: 'short' }), 400, 'invalid_request');
    await expectError(
      await api.post('/auth/accept-invite', undefined, { token: 'forged-token', password: 'a long enough password' }),
      400,
      'invalid_invitation',
    );
    const session = await expectOk(await api.post('/auth/accept-invite', undefined, { token, password: 'a long enough password' }), SignInResponse);
    expect(session.user).toMatchObject({ email: 'eli@tandem.demo', role: 'manager' });
    const me = await expectOk(await api.get('/auth/me', session.token), MeResponse);
    expect(me.user.email).toBe('eli@tandem.demo');
    await api.signIn('eli@tandem.demo', 'a long enough password');
    await expectError(await api.post('/auth/accept-invite', undefined, { token, password: 'another long password' }), 400, 'invalid_invitation');
    const { user } = await expectOk(await api.get(`/admin/users/${created.user.id}`, admin), AdminUserResponse);
    expect(user.invitationPending).toBe(false);
  });

  it('refuses an expired invitation', async () => {
    const created = await expectOk(await api.post('/admin/users', admin, newUser('fay@tandem.demo')), CreateUserResponse, 201);
    const start = clock;
    clock = new Date(start.getTime() + 7 * 24 * 3600_000 + 1000);
    try {
      await expectError(
        await api.post('/auth/accept-invite', undefined, { token: created.invitation?.token, password: 'a long enough password' }),
        400,
        'invalid_invitation',
      );
    } finally {
      clock = start;
    }
  });

  it('changes role and teams, and refuses unknown teams, unknown fields and demoting oneself', async () => {
    const created = await expectOk(await api.post('/admin/users', admin, newUser('gus@tandem.demo', { password: 'gus password 1' })), CreateUserResponse, 201);
    const id = created.user.id;
    const changed = await expectOk(await api.post(`/admin/users/${id}`, admin, { role: 'manager', teamIds: ['team-care', 'team-billing'] }), AdminUserResponse);
    expect(changed.user).toMatchObject({ role: 'manager', teamIds: ['team-care', 'team-billing'], name: 'New Person' });
    const token = await api.signIn('gus@tandem.demo', 'gus password 1');
    expect((await expectOk(await api.get('/auth/me', token), MeResponse)).user.role).toBe('manager');

    await expectError(await api.post(`/admin/users/${id}`, admin, { teamIds: ['team-mars'] }), 400, 'unknown_team');
    await expectError(await api.post(`/admin/users/${id}`, admin, { role: 'superuser' }), 400, 'invalid_request');
    await expectError(await api.post(`/admin/users/${id}`, admin, { password: 'x' }), 400, 'invalid_request');
    await expectError(await api.post(`/admin/users/${id}`, admin, {}), 400, 'invalid_request');
    await expectError(await api.post(`/admin/users/${id}`, admin, '{"role":'), 400, 'invalid_json');
    await expectError(await api.post('/admin/users/user-nobody', admin, { role: 'agent' }), 404, 'not_found');
    await expectError(await api.post('/admin/users/user-ada', admin, { role: 'agent' }), 400, 'cannot_change_self');
    const after = await expectOk(await api.get(`/admin/users/${id}`, admin), AdminUserResponse);
    expect(after.user).toMatchObject({ role: 'manager', teamIds: ['team-care', 'team-billing'] });
  });

  it('refuses malformed new users without writing anything', async () => {
    const bad: [unknown, number, string][] = [
      ['not json', 400, 'invalid_json'],
      [newUser('h1@tandem.demo', { role: 'owner' }), 400, 'invalid_request'],
      [newUser('h2@tandem.demo', { teamIds: 'team-care' }), 400, 'invalid_request'],
      [newUser('h3@tandem.demo', { isAdmin: true }), 400, 'invalid_request'],
      [newUser('not-an-email'), 400, 'invalid_request'],
      [newUser('h4@tandem.demo', { password: 'short' }), 400, 'invalid_request'],
      [newUser('h5@tandem.demo', { teamIds: ['team-mars'] }), 400, 'unknown_team'],
      [newUser('h6@tandem.demo', { name: 'x'.repeat(2_000_000) }), 413, 'payload_too_large'],
    ];
    for (const [body, status, code] of bad) await expectError(await api.post('/admin/users', admin, body), status, code);
    const { rows } = await db().query("select 1 from users where email like 'h_@tandem.demo'");
    expect(rows).toHaveLength(0);
  });

  it('deactivates a user: their sessions end and they cannot sign in again', async () => {
    const token = await api.signIn('agent2@tandem.demo');
    await expectOk(await api.get('/auth/me', token), MeResponse);
    const { user } = await expectOk(await api.post('/admin/users/user-bea/deactivate', admin), AdminUserResponse);
    expect(user).toMatchObject({ id: 'user-bea', active: false });
    await expectError(await api.get('/auth/me', token), 401, 'unauthorized');
    await expectError(await api.post('/auth/sign-in', undefined, { email: 'agent2@tandem.demo', password: 'tandem-demo' }), 401, 'invalid_credentials');
    await expectError(await api.post('/admin/users/user-ada/deactivate', admin), 400, 'cannot_change_self');
    // A pending invitation dies with the account.
    const invited = await expectOk(await api.post('/admin/users', admin, newUser('ivy@tandem.demo')), CreateUserResponse, 201);
    await expectOk(await api.post(`/admin/users/${invited.user.id}/deactivate`, admin), AdminUserResponse);
    await expectError(
      await api.post('/auth/accept-invite', undefined, { token: invited.invitation?.token, password: 'a long enough password' }),
      400,
      'invalid_invitation',
    );
  });
});
