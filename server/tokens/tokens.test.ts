import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiScope, ApiTokensResponse, CreatedApiToken } from '../../lib/schema/tokens';
import { DEMO_CLOCK } from '../seed/demo';
import { addUser, appForSuite, ENGINES, expectError } from '../testing';

const DAY_MS = 86_400_000;

describe.each(ENGINES)('scoped API tokens on %s', (engine) => {
  let clock = DEMO_CLOCK;
  const { db, api } = appForSuite(engine, { now: () => clock });
  let admin = '';

  const create = async (scopes: ApiScope[], expiresInDays = 30, as = admin) => {
    const res = await api.post('/admin/tokens', as, { name: `Integration with ${scopes.length} scopes`, scopes, expiresInDays });
    expect(res.status, await res.clone().text()).toBe(201);
    return CreatedApiToken.parse(await res.json());
  };

  beforeAll(async () => {
    admin = await api.signIn('admin@tandem.demo');
  });

  it('shows the token once: the list has its prefix, and the database only its hash', async () => {
    const created = await create(['webhooks:manage']);
    expect(created.token).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const listed = await api.get('/admin/tokens', admin);
    const text = await listed.text();
    expect(text).not.toContain(created.token);
    expect(ApiTokensResponse.parse(JSON.parse(text)).tokens.find((t) => t.id === created.id)).toMatchObject({ scopes: ['webhooks:manage'], revokedAt: null });
    const { rows } = await db().query<{ row: string }>('select row_to_json(t)::text as row from api_tokens t where id = $1', [created.id]);
    expect(rows[0]?.row).not.toContain(created.token);
  });

  it('lets a token call the routes its scopes cover, acting for the admin who made it', async () => {
    const { token } = await create(['webhooks:manage']);
    expect((await api.get('/admin/webhooks', token)).status).toBe(200);
    const me = await api.get('/auth/me', token);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe('admin@tandem.demo');
  });

  it('refuses a route whose scope the token lacks, and routes that are never for tokens', async () => {
    const { token } = await create(['knowledge:read']);
    expect((await api.get('/manager/articles', token)).status).toBe(200);
    const refusal = await expectError(await api.post('/manager/articles', token, { title: 'By a token' }), 403, 'forbidden');
    expect(refusal.error.details).toEqual({ missing: ['knowledge:write'] });
    await expectError(await api.get('/admin/webhooks', token), 403, 'forbidden');
    // Administration is for people: a token can neither list users nor mint more tokens, whatever its scopes.
    const everything = await create([
      'cases:read',
      'cases:write',
      'customers:read',
      'customers:write',
      'knowledge:read',
      'knowledge:write',
      'analytics:read',
      'webhooks:manage',
    ]);
    await expectError(await api.get('/admin/users', everything.token), 403, 'forbidden');
    await expectError(await api.post('/admin/tokens', everything.token, { name: 'x', scopes: ['cases:read'], expiresInDays: 1 }), 403, 'forbidden');
    await expectError(await api.put('/admin/field-policy', everything.token, {}), 403, 'forbidden');
  });

  it('needs every scope a route names: a pull carries cases and customers', async () => {
    const casesOnly = await create(['cases:read']);
    await expectError(await api.get('/sync/pull?cursor=0&limit=1', casesOnly.token), 403, 'forbidden');
    const both = await create(['cases:read', 'customers:read']);
    expect((await api.get('/sync/pull?cursor=0&limit=1', both.token)).status).toBe(200);
  });

  it('stops working when it expires or is revoked', async () => {
    const short = await create(['webhooks:manage'], 1);
    const revoked = await create(['webhooks:manage'], 30);
    expect((await api.post(`/admin/tokens/${revoked.id}/revoke`, admin)).status).toBe(200);
    await expectError(await api.get('/admin/webhooks', revoked.token), 401, 'unauthorized');
    clock = new Date(DEMO_CLOCK.getTime() + DAY_MS + 1);
    try {
      await expectError(await api.get('/admin/webhooks', short.token), 401, 'unauthorized');
    } finally {
      clock = DEMO_CLOCK;
    }
    expect((await api.get('/admin/webhooks', short.token)).status).toBe(200);
    await expectError(await api.post('/admin/tokens/tok-none/revoke', admin), 404, 'not_found');
  });

  it('stops working when the admin who made it is deactivated', async () => {
    await addUser(db(), { id: 'user-tok-admin', email: 'token-admin@tandem.demo', name: 'Token Admin', role: 'admin', teamIds: ['team-care'] });
    const theirs = await create(['webhooks:manage'], 30, await api.signIn('token-admin@tandem.demo'));
    expect((await api.get('/admin/webhooks', theirs.token)).status).toBe(200);
    expect((await api.post('/admin/users/user-tok-admin/deactivate', admin)).status).toBe(200);
    await expectError(await api.get('/admin/webhooks', theirs.token), 401, 'unauthorized');
  });

  it('refuses unknown scopes and lives longer than a year', async () => {
    await expectError(await api.post('/admin/tokens', admin, { name: 'x', scopes: ['everything'], expiresInDays: 30 }), 400, 'invalid_request');
    await expectError(await api.post('/admin/tokens', admin, { name: 'x', scopes: ['cases:read'], expiresInDays: 366 }), 400, 'invalid_request');
    await expectError(await api.post('/admin/tokens', admin, { name: 'x', scopes: [], expiresInDays: 30 }), 400, 'invalid_request');
  });
});
