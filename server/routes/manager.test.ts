import { beforeAll, describe, expect, it } from 'vitest';
import { CompareResponse, ManagedItem, ManagerListResponse, TeamsResponse, VersionHistoryResponse } from '../../lib/schema/manager';
import { DEMO_CLOCK } from '../seed/demo';
import { addUser, appForSuite, ENGINES, expectError, expectOk } from '../testing';

const KINDS = ['articles', 'snippets', 'broadcasts', 'site-rules'] as const;

const NEW: Record<(typeof KINDS)[number], (teamIds: string[]) => Record<string, unknown>> = {
  articles: (teamIds) => ({
    title: 'Resetting voicemail PIN',
    body: '1. Dial 121.\n2. Choose **4**.',
    summary: 'How to reset a voicemail PIN',
    tags: ['voicemail'],
    targeting: { teamIds },
  }),
  snippets: (teamIds) => ({ title: 'Voicemail PIN', shortcut: ';vm-pin', body: 'Hi {{customer.firstName}}, dial 121 and choose 4.', targeting: { teamIds } }),
  broadcasts: (teamIds) => ({
    title: 'Voicemail outage',
    message: 'Voicemail is down in the north.',
    severity: 'major',
    startsAt: '2026-11-20T08:00:00.000Z',
    endsAt: '2026-11-20T18:00:00.000Z',
    targeting: { teamIds, sites: ['twitter'], tags: ['voicemail'] },
  }),
  'site-rules': (teamIds) => ({
    name: 'Acme CRM',
    urlPattern: 'https://*.acmecrm.example/*',
    selectors: { email: '.contact-card [data-field="email"]', name: 'h1.contact-name' },
    targeting: { teamIds },
  }),
};

describe.each(ENGINES)('manager routes on %s', (engine) => {
  let ms = DEMO_CLOCK.getTime();
  // Each call moves the clock a second, so saves have distinct, ordered times.
  const { db, api } = appForSuite(engine, { now: () => new Date((ms += 1000)) });
  const tokens: Record<'agent' | 'billingAgent' | 'morgan' | 'admin' | 'careMgr' | 'billingMgr', string> = {
    agent: '',
    billingAgent: '',
    morgan: '',
    admin: '',
    careMgr: '',
    billingMgr: '',
  };

  beforeAll(async () => {
    await addUser(db(), { id: 'user-carla', email: 'care-manager@tandem.demo', name: 'Carla Care', role: 'manager', teamIds: ['team-care'] });
    await addUser(db(), { id: 'user-bill', email: 'billing-manager@tandem.demo', name: 'Bill Billing', role: 'manager', teamIds: ['team-billing'] });
    tokens.agent = await api.signIn('agent@tandem.demo');
    tokens.billingAgent = await api.signIn('billing@tandem.demo');
    tokens.morgan = await api.signIn('manager@tandem.demo');
    tokens.admin = await api.signIn('admin@tandem.demo');
    tokens.careMgr = await api.signIn('care-manager@tandem.demo');
    tokens.billingMgr = await api.signIn('billing-manager@tandem.demo');
  });

  async function create(kind: (typeof KINDS)[number], token: string, body: Record<string, unknown>) {
    return expectOk(await api.post(`/manager/${kind}`, token, body), ManagedItem, 201);
  }
  async function cursorNow(): Promise<number> {
    const { rows } = await db().query<{ last_value: number | string }>('select last_value from change_seq');
    return Number(rows[0]?.last_value ?? 0);
  }
  const pullSince = (token: string, cursor: number) => api.pullAll(token, { cursor });
  async function snapshot(kind: (typeof KINDS)[number], id: string) {
    const table = kind === 'site-rules' ? 'site_rules' : kind;
    const row = await db().query(`select version, seq, data from ${table} where id = $1`, [id]);
    const versions = await db().query(`select count(*)::int as n from ${table}_versions where item_id = $1`, [id]);
    return JSON.stringify([row.rows, versions.rows]);
  }

  describe('authorization', () => {
    it('refuses agents with 403 forbidden on every manager route, and anyone without a token with 401', async () => {
      const gets = ['/manager/teams', '/manager/analytics'];
      const posts: [string, unknown][] = [];
      for (const kind of KINDS) {
        gets.push(
          `/manager/${kind}`,
          `/manager/${kind}/x`,
          `/manager/${kind}/x/versions`,
          `/manager/${kind}/x/versions/1`,
          `/manager/${kind}/x/compare?from=1&to=2`,
        );
        posts.push(
          [`/manager/${kind}`, NEW[kind](['team-care'])],
          [`/manager/${kind}/x/edit`, { baseVersion: 1, patch: { title: 'x' } }],
          [`/manager/${kind}/x/publish`, {}],
          [`/manager/${kind}/x/unpublish`, {}],
          [`/manager/${kind}/x/archive`, {}],
          [`/manager/${kind}/x/rollback`, { toVersion: 1 }],
        );
      }
      for (const path of gets) {
        await expectError(await api.get(path, tokens.agent), 403, 'forbidden');
        await expectError(await api.get(path), 401, 'unauthorized');
      }
      for (const [path, body] of posts) {
        await expectError(await api.post(path, tokens.agent, body), 403, 'forbidden');
        await expectError(await api.post(path, undefined, body), 401, 'unauthorized');
      }
    });

    it.each(KINDS)('keeps a manager of one team off %s of another team', async (kind) => {
      const { record } = await create(kind, tokens.careMgr, NEW[kind](['team-care']));
      const id = record.id;
      const before = await snapshot(kind, id);
      await expectError(await api.get(`/manager/${kind}/${id}`, tokens.billingMgr), 403, 'forbidden');
      await expectError(await api.get(`/manager/${kind}/${id}/versions`, tokens.billingMgr), 403, 'forbidden');
      await expectError(
        await api.post(`/manager/${kind}/${id}/edit`, tokens.billingMgr, { baseVersion: 1, patch: { targeting: { teamIds: ['team-billing'] } } }),
        403,
        'forbidden',
      );
      await expectError(await api.post(`/manager/${kind}/${id}/publish`, tokens.billingMgr, {}), 403, 'forbidden');
      await expectError(await api.post(`/manager/${kind}/${id}/archive`, tokens.billingMgr, {}), 403, 'forbidden');
      await expectError(await api.post(`/manager/${kind}/${id}/rollback`, tokens.billingMgr, { toVersion: 1 }), 403, 'forbidden');
      const list = await expectOk(await api.get(`/manager/${kind}?limit=200`, tokens.billingMgr), ManagerListResponse);
      expect(list.items.map((i) => i.id)).not.toContain(id);
      // Nor may they create for the other team, or retarget their own item to a team they do not manage.
      await expectError(await api.post(`/manager/${kind}`, tokens.billingMgr, NEW[kind](['team-care'])), 403, 'forbidden');
      await expectError(
        await api.post(`/manager/${kind}/${id}/edit`, tokens.careMgr, { baseVersion: 1, patch: { targeting: { teamIds: ['team-care', 'team-billing'] } } }),
        403,
        'forbidden',
      );
      expect(await snapshot(kind, id)).toBe(before);
      // Admins may touch anything.
      await expectOk(await api.post(`/manager/${kind}/${id}/publish`, tokens.admin, { baseVersion: 1 }), ManagedItem);
    });

    it('lets only a manager of every team (or an admin) change items that reach every team', async () => {
      await expectError(await api.post('/manager/articles', tokens.careMgr, NEW.articles([])), 403, 'forbidden');
      await expectError(await api.post('/manager/articles/art-001/edit', tokens.careMgr, { baseVersion: 1, patch: { title: 'Mine now' } }), 403, 'forbidden');
      const seeded = await expectOk(await api.get('/manager/articles/art-001', tokens.careMgr), ManagedItem);
      expect(seeded.record.version).toBe(1);
      await create('articles', tokens.morgan, NEW.articles([]));
      await create('articles', tokens.admin, NEW.articles([]));
    });

    it('lists teams with membership', async () => {
      const { teams } = await expectOk(await api.get('/manager/teams', tokens.careMgr), TeamsResponse);
      expect(teams).toEqual([
        { id: 'team-billing', name: 'Billing', member: false },
        { id: 'team-care', name: 'Customer Care', member: true },
      ]);
    });
  });

  describe('publishing reaches agents through the change sequence', () => {
    it('publishes a snippet to its team only, and unpublishing sends agents a tombstone', async () => {
      const { record } = await create('snippets', tokens.careMgr, { ...NEW.snippets(['team-care']), shortcut: ';pub-test' });
      expect(record).toMatchObject({ version: 1, status: 'draft' });
      const cursor = await cursorNow();
      const published = await expectOk(await api.post(`/manager/snippets/${record.id}/publish`, tokens.careMgr, { baseVersion: 1 }), ManagedItem);
      expect(published.record).toMatchObject({ version: 2, status: 'published' });
      const seen = (await pullSince(tokens.agent, cursor)).changes.filter((c) => c.record.id === record.id);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.record).toMatchObject({ status: 'published', deleted: false, body: NEW.snippets([]).body, version: 2 });
      expect((await pullSince(tokens.billingAgent, cursor)).changes.map((c) => c.record.id)).not.toContain(record.id);

      // Publishing again changes nothing and saves no version.
      const again = await expectOk(await api.post(`/manager/snippets/${record.id}/publish`, tokens.careMgr, {}), ManagedItem);
      expect(again.record.version).toBe(2);

      const cursor2 = await cursorNow();
      await expectOk(await api.post(`/manager/snippets/${record.id}/unpublish`, tokens.careMgr, { baseVersion: 2 }), ManagedItem);
      const gone = (await pullSince(tokens.agent, cursor2)).changes.find((c) => c.record.id === record.id);
      expect(gone?.record).toMatchObject({ deleted: true, body: '' });
    });

    it('keeps a draft broadcast off agents entirely and delivers it whole once published', async () => {
      const cursor = await cursorNow();
      const { record } = await create('broadcasts', tokens.careMgr, NEW.broadcasts(['team-care']));
      expect(record).toMatchObject({ status: 'draft', message: 'Voicemail is down in the north.' });
      const draft = (await pullSince(tokens.agent, cursor)).changes.find((c) => c.record.id === record.id);
      expect(draft?.record).toMatchObject({ deleted: true, message: '' });
      // The manager still sees the draft's text through the manager routes.
      const fetched = await expectOk(await api.get(`/manager/broadcasts/${record.id}`, tokens.careMgr), ManagedItem);
      expect(fetched.record).toMatchObject({ status: 'draft', message: 'Voicemail is down in the north.' });

      const cursor2 = await cursorNow();
      await expectOk(await api.post(`/manager/broadcasts/${record.id}/publish`, tokens.careMgr, {}), ManagedItem);
      const live = (await pullSince(tokens.agent, cursor2)).changes.find((c) => c.record.id === record.id);
      expect(live?.record).toMatchObject({ deleted: false, message: 'Voicemail is down in the north.', severity: 'major' });
      expect(live?.record).not.toHaveProperty('status');
      const archived = await expectOk(await api.post(`/manager/broadcasts/${record.id}/archive`, tokens.careMgr, {}), ManagedItem);
      expect(archived.record).toMatchObject({ status: 'archived', version: 3 });
    });

    it('saves an article\'s "also answers" phrasings, edits them, and sends them to agents with the article', async () => {
      const phrasings = ['my voicemail code stopped working', 'forgot the answerphone password'];
      const { record } = await create('articles', tokens.careMgr, { ...NEW.articles(['team-care']), alsoAnswers: phrasings });
      expect(record).toMatchObject({ alsoAnswers: phrasings });
      const edited = await expectOk(
        await api.post(`/manager/articles/${record.id}/edit`, tokens.careMgr, { baseVersion: 1, patch: { alsoAnswers: [...phrasings, 'mailbox pin locked'] } }),
        ManagedItem,
      );
      expect(edited.record).toMatchObject({ version: 2, title: NEW.articles([]).title, alsoAnswers: [...phrasings, 'mailbox pin locked'] });
      const cursor = await cursorNow();
      await expectOk(await api.post(`/manager/articles/${record.id}/publish`, tokens.careMgr, {}), ManagedItem);
      const seen = (await pullSince(tokens.agent, cursor)).changes.find((c) => c.record.id === record.id);
      expect(seen?.record).toMatchObject({ deleted: false, alsoAnswers: [...phrasings, 'mailbox pin locked'] });
      // The same phrasing twice, or an empty one, is refused with the field named.
      for (const alsoAnswers of [['pin', 'pin'], ['']]) {
        const refused = await api.post(`/manager/articles/${record.id}/edit`, tokens.careMgr, { baseVersion: 3, patch: { alsoAnswers } });
        expect(refused.status).toBe(400);
        expect(JSON.stringify(await refused.json())).toContain('alsoAnswers');
      }
    });

    it('stores site rules in site_rules with a change sequence number', async () => {
      const cursor = await cursorNow();
      const { record } = await create('site-rules', tokens.careMgr, NEW['site-rules'](['team-care']));
      await expectOk(await api.post(`/manager/site-rules/${record.id}/publish`, tokens.careMgr, {}), ManagedItem);
      const { rows } = await db().query<{ seq: number | string; version: number; data: { status: string } }>(
        'select seq, version, data from site_rules where id = $1',
        [record.id],
      );
      expect(Number(rows[0]?.seq)).toBeGreaterThan(cursor);
      expect(rows[0]).toMatchObject({ version: 2, data: { status: 'published' } });
      // Ids and defaults fit the extension's own site-rule store.
      expect(record.id).toMatch(/^[a-z0-9-]{1,40}$/);
      expect(record).toMatchObject({ visibility: 'private', urlPattern: 'https://*.acmecrm.example/*' });
    });
  });

  describe('editing, versions, comparison and rollback', () => {
    it('refuses a stale edit with 409 conflict carrying the current record, and writes nothing', async () => {
      const { record } = await create('articles', tokens.careMgr, NEW.articles(['team-care']));
      await expectOk(
        await api.post(`/manager/articles/${record.id}/edit`, tokens.careMgr, { baseVersion: 1, patch: { title: 'First editor wins' } }),
        ManagedItem,
      );
      const before = await snapshot('articles', record.id);
      const err = await expectError(
        await api.post(`/manager/articles/${record.id}/edit`, tokens.morgan, { baseVersion: 1, patch: { title: 'Second editor' } }),
        409,
        'conflict',
      );
      const current = ManagedItem.parse((err.error.details as { current: unknown }).current);
      expect(current.record).toMatchObject({ id: record.id, version: 2, title: 'First editor wins' });
      await expectError(await api.post(`/manager/articles/${record.id}/publish`, tokens.morgan, { baseVersion: 1 }), 409, 'conflict');
      expect(await snapshot('articles', record.id)).toBe(before);
    });

    it('keeps every saved version, compares two field by field, and rolls back to an old one as a new version', async () => {
      const { record } = await create('articles', tokens.careMgr, NEW.articles(['team-care']));
      const id = record.id;
      const edit = async (baseVersion: number, patch: Record<string, unknown>) =>
        expectOk(await api.post(`/manager/articles/${id}/edit`, tokens.careMgr, { baseVersion, patch }), ManagedItem);
      const v2 = await edit(1, { title: 'Resetting your voicemail PIN' });
      // A patch changes only the fields it names.
      expect(v2.record).toMatchObject({ version: 2, title: 'Resetting your voicemail PIN', summary: 'How to reset a voicemail PIN', tags: ['voicemail'] });
      await edit(2, { tags: ['voicemail', 'pin'], targeting: { teamIds: ['team-care'], sites: ['zendesk'] } });
      await expectOk(await api.post(`/manager/articles/${id}/publish`, tokens.careMgr, { baseVersion: 3 }), ManagedItem);

      const history = await expectOk(await api.get(`/manager/articles/${id}/versions`, tokens.careMgr), VersionHistoryResponse);
      expect(history.versions.map((v) => [v.version, v.action, v.authorId, v.authorName])).toEqual([
        [4, 'publish', 'user-carla', 'Carla Care'],
        [3, 'edit', 'user-carla', 'Carla Care'],
        [2, 'edit', 'user-carla', 'Carla Care'],
        [1, 'create', 'user-carla', 'Carla Care'],
      ]);
      expect(history.versions[3]?.record).toMatchObject({ title: 'Resetting voicemail PIN', status: 'draft', version: 1 });
      const savedAt = history.versions.map((v) => v.savedAt);
      expect([...savedAt].sort().reverse()).toEqual(savedAt);

      const diff = await expectOk(await api.get(`/manager/articles/${id}/compare?from=1&to=4`, tokens.careMgr), CompareResponse);
      expect(diff.from).toMatchObject({ version: 1, action: 'create' });
      expect(diff.to).toMatchObject({ version: 4, action: 'publish' });
      expect(diff.changes).toEqual([
        { field: 'title', from: 'Resetting voicemail PIN', to: 'Resetting your voicemail PIN' },
        { field: 'tags', from: ['voicemail'], to: ['voicemail', 'pin'] },
        { field: 'status', from: 'draft', to: 'published' },
        { field: 'targeting.sites', from: [], to: ['zendesk'] },
      ]);

      const rolled = await expectOk(await api.post(`/manager/articles/${id}/rollback`, tokens.careMgr, { toVersion: 1, baseVersion: 4 }), ManagedItem);
      expect(rolled.record).toMatchObject({ version: 5, title: 'Resetting voicemail PIN', tags: ['voicemail'], status: 'draft' });
      const same = await expectOk(await api.get(`/manager/articles/${id}/compare?from=1&to=5`, tokens.careMgr), CompareResponse);
      expect(same.changes).toEqual([]);
      const one = await expectOk(await api.get(`/manager/articles/${id}/versions/5`, tokens.careMgr), VersionHistoryResponse);
      expect(one.versions).toHaveLength(1);
      expect(one.versions[0]).toMatchObject({ version: 5, action: 'rollback' });

      await expectError(await api.post(`/manager/articles/${id}/rollback`, tokens.careMgr, { toVersion: 9 }), 404, 'not_found');
      await expectError(await api.get(`/manager/articles/${id}/compare?from=1&to=9`, tokens.careMgr), 404, 'not_found');
      await expectError(await api.get(`/manager/articles/${id}/compare?from=1`, tokens.careMgr), 400, 'invalid_request');
    });

    it('gives seeded items a baseline version before their first edit', async () => {
      const before = await expectOk(await api.get('/manager/broadcasts/bc-berlin-outage/versions', tokens.morgan), VersionHistoryResponse);
      expect(before.versions.map((v) => [v.version, v.action, v.authorId])).toEqual([[1, 'baseline', null]]);
      expect(before.versions[0]?.record).toMatchObject({ status: 'published' });
      await expectOk(
        await api.post('/manager/broadcasts/bc-berlin-outage/edit', tokens.morgan, { baseVersion: 1, patch: { endsAt: '2026-11-20T15:00:00.000Z' } }),
        ManagedItem,
      );
      const after = await expectOk(await api.get('/manager/broadcasts/bc-berlin-outage/versions', tokens.morgan), VersionHistoryResponse);
      expect(after.versions.map((v) => [v.version, v.action, v.authorId])).toEqual([
        [2, 'edit', 'user-morgan'],
        [1, 'baseline', null],
      ]);
      const diff = await expectOk(await api.get('/manager/broadcasts/bc-berlin-outage/compare?from=1&to=2', tokens.morgan), CompareResponse);
      expect(diff.changes).toEqual([{ field: 'endsAt', from: null, to: '2026-11-20T15:00:00.000Z' }]);
    });
  });

  describe('listing', () => {
    it('filters by status, team, site, tag and title, and pages', async () => {
      const mk = (title: string, targeting: Record<string, unknown>) => create('articles', tokens.morgan, { ...NEW.articles([]), title, targeting });
      const a = await mk('Listing alpha eSIM', { teamIds: ['team-billing'], sites: ['zendesk'], tags: ['esim'] });
      await mk('Listing beta eSIM', { teamIds: ['team-care'], sites: ['twitter'], tags: ['esim'] });
      await expectOk(await api.post(`/manager/articles/${a.record.id}/publish`, tokens.morgan, {}), ManagedItem);
      const list = async (query: string, token = tokens.morgan) => expectOk(await api.get(`/manager/articles?q=listing&${query}`, token), ManagerListResponse);
      expect((await list('')).items.map((i) => i.id)).toHaveLength(2);
      expect((await list('status=published')).items.map((i) => (i as { title: string }).title)).toEqual(['Listing alpha eSIM']);
      expect((await list('teamId=team-care')).items.map((i) => (i as { title: string }).title)).toEqual(['Listing beta eSIM']);
      expect((await list('site=zendesk')).items.map((i) => (i as { title: string }).title)).toEqual(['Listing alpha eSIM']);
      expect((await list('tag=esim')).total).toBe(2);
      const page = await list('limit=1&offset=1');
      expect(page).toMatchObject({ total: 2, limit: 1, offset: 1 });
      // Most recently saved first: alpha was published after beta was created.
      expect(page.items.map((i) => (i as { title: string }).title)).toEqual(['Listing beta eSIM']);
      expect((await list('', tokens.careMgr)).items.map((i) => (i as { title: string }).title)).toEqual(['Listing beta eSIM']);
      await expectError(await api.get('/manager/articles?teamId=team-billing', tokens.careMgr), 403, 'forbidden');
      await expectError(await api.get('/manager/articles?status=live', tokens.morgan), 400, 'invalid_request');
      await expectError(await api.get('/manager/articles?limit=5000', tokens.morgan), 400, 'invalid_request');
      await expectError(await api.get('/manager/articles?sort=title', tokens.morgan), 400, 'invalid_request');
      await expectError(await api.get('/manager/widgets', tokens.morgan), 404, 'not_found');
    });
  });

  describe('bad input', () => {
    it('refuses malformed JSON, unknown fields, wrong types and invalid values with stable codes and no write', async () => {
      const { record } = await create('articles', tokens.careMgr, NEW.articles(['team-care']));
      const id = record.id;
      const before = await snapshot('articles', id);
      const { rows: countBefore } = await db().query('select count(*)::int as n from articles');
      const bad: [string, unknown, number, string][] = [
        ['/manager/articles', '{"title": "x",', 400, 'invalid_json'],
        ['/manager/articles', '', 400, 'invalid_json'],
        ['/manager/articles', [1, 2], 400, 'invalid_request'],
        ['/manager/articles', { ...NEW.articles(['team-care']), status: 'published' }, 400, 'invalid_request'],
        ['/manager/articles', { ...NEW.articles(['team-care']), version: 7 }, 400, 'invalid_request'],
        ['/manager/articles', { ...NEW.articles(['team-care']), title: 42 }, 400, 'invalid_request'],
        ['/manager/articles', { ...NEW.articles(['team-care']), title: 'x'.repeat(301) }, 400, 'invalid_request'],
        ['/manager/articles', { ...NEW.articles(['team-care']), targeting: { teamIds: ['team-care'], region: 'eu' } }, 400, 'invalid_request'],
        ['/manager/articles', { ...NEW.articles(['team-care']), targeting: { teamIds: ['team-care'], tags: ['Has Spaces'] } }, 400, 'invalid_request'],
        ['/manager/articles', { ...NEW.articles(['team-care']), targeting: { teamIds: ['team-care', 'team-care'] } }, 400, 'invalid_request'],
        ['/manager/articles', NEW.articles(['team-nope']), 400, 'unknown_team'],
        ['/manager/snippets', { ...NEW.snippets(['team-care']), shortcut: 'refund' }, 400, 'invalid_request'],
        ['/manager/broadcasts', { ...NEW.broadcasts(['team-care']), endsAt: '2026-11-20T07:00:00.000Z' }, 400, 'invalid_request'],
        ['/manager/broadcasts', { ...NEW.broadcasts(['team-care']), suggestedSnippetId: 'snip-missing' }, 400, 'invalid_request'],
        ['/manager/site-rules', { ...NEW['site-rules'](['team-care']), urlPattern: 'javascript:alert(1)' }, 400, 'invalid_request'],
        ['/manager/site-rules', { ...NEW['site-rules'](['team-care']), selectors: {} }, 400, 'invalid_request'],
        ['/manager/site-rules', { ...NEW['site-rules'](['team-care']), selectors: { name: 'h1' } }, 400, 'invalid_request'],
        ['/manager/site-rules', { ...NEW['site-rules'](['team-care']), urlPattern: '*://*/*' }, 400, 'invalid_request'],
        ['/manager/site-rules', { ...NEW['site-rules'](['team-care']), id: 'Rule With Spaces' }, 400, 'invalid_request'],
        ['/manager/site-rules', { ...NEW['site-rules'](['team-care']), selectors: { email: '<img onerror=x>' } }, 400, 'invalid_request'],
        [`/manager/articles/${id}/edit`, { patch: { title: 'no base' } }, 400, 'invalid_request'],
        [`/manager/articles/${id}/edit`, { baseVersion: 1, patch: {} }, 400, 'invalid_request'],
        [`/manager/articles/${id}/edit`, { baseVersion: 1, patch: { status: 'published' } }, 400, 'invalid_request'],
        [`/manager/articles/${id}/edit`, { baseVersion: '1', patch: { title: 'x' } }, 400, 'invalid_request'],
        [`/manager/articles/${id}/edit`, { baseVersion: 1, patch: { title: '' } }, 400, 'invalid_request'],
        [`/manager/articles/${id}/edit`, { baseVersion: 1, patch: { targeting: { teamIds: ['team-nope'] } } }, 400, 'unknown_team'],
        [`/manager/articles/${id}/publish`, { baseVersion: 1, force: true }, 400, 'invalid_request'],
        [`/manager/articles/${id}/rollback`, { toVersion: -1 }, 400, 'invalid_request'],
        ['/manager/articles/art-missing/edit', { baseVersion: 1, patch: { title: 'x' } }, 404, 'not_found'],
      ];
      for (const [path, body, status, code] of bad) await expectError(await api.post(path, tokens.careMgr, body), status, code);
      const huge = JSON.stringify({ ...NEW.articles(['team-care']), body: 'x'.repeat(1_100_000) });
      await expectError(await api.post('/manager/articles', tokens.careMgr, huge), 413, 'payload_too_large');
      // Within the body limit but over the field limit.
      await expectError(
        await api.post(`/manager/articles/${id}/edit`, tokens.careMgr, { baseVersion: 1, patch: { body: 'x'.repeat(100_001) } }),
        400,
        'invalid_request',
      );
      expect(await snapshot('articles', id)).toBe(before);
      expect((await db().query('select count(*)::int as n from articles')).rows).toEqual(countBefore);
    });

    it('refuses an id that exists with 409 conflict', async () => {
      const { record } = await create('snippets', tokens.careMgr, { ...NEW.snippets(['team-care']), id: 'snip-chosen-id' });
      expect(record.id).toBe('snip-chosen-id');
      await expectError(await api.post('/manager/snippets', tokens.careMgr, { ...NEW.snippets(['team-care']), id: 'snip-chosen-id' }), 409, 'conflict');
    });
  });
});
