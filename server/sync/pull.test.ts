import { describe, expect, it } from 'vitest';
import { MeResponse, PullResponse } from '../../lib/schema/api';
import { createApp } from '../app';
import { reachesAnyTeam } from '../db/records';
import { DEMO_FIELD_POLICY } from '../policy/field-policy';
import { moveCaseToTeam } from '../routes/queue';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, caseData, client, ENGINES, expectError, expectOk, openTestDb } from '../testing';
import { pullChanges, pullPageJson, reachesAnyTeamInOrder } from './pull';

describe.each(ENGINES)('a restored or replaced server on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK });

  it('names its database in every pull, the same each time', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const first = await expectOk(await api.get('/sync/pull?limit=5', token), PullResponse);
    const again = await expectOk(await api.get(`/sync/pull?cursor=${first.cursor}`, token), PullResponse);
    expect(first.server?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(again.server).toEqual(first.server);

    const other = await openTestDb(engine, 'demo');
    try {
      const otherApi = client(createApp({ db: other, now: () => DEMO_CLOCK }));
      const page = await expectOk(await otherApi.get('/sync/pull?limit=1', await otherApi.signIn('agent@tandem.demo')), PullResponse);
      expect(page.server?.id).toBeDefined();
      expect(page.server?.id).not.toBe(first.server?.id);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('opens a new epoch at each start, beginning at its newest change', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const before = await api.pullAll(token);
    const first = await expectOk(await api.get(`/sync/pull?cursor=${before.cursor}`, token), PullResponse);
    // Another server process on the same database (a restart).
    const restarted = client(createApp({ db: db(), now: () => DEMO_CLOCK }));
    const page = await expectOk(await restarted.get(`/sync/pull?cursor=${before.cursor}`, token), PullResponse);
    expect(page.server?.id).toBe(first.server?.id);
    expect(page.server?.epoch).not.toBe(first.server?.epoch);
    expect(page.server?.since).toBeGreaterThanOrEqual(before.cursor);
  });

  it('answers cursor_ahead to a cursor past its newest change, as after a restore from an older backup', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const backup = (await api.pullAll(token)).cursor;
    // After the backup: the agent's case is acknowledged and pulled.
    const result = await api.pushOne(token, { entity: 'cases', op: 'create', recordId: 'case-after-backup', data: caseData() });
    expect(result.status).toBe('applied');
    const { cursor } = await api.pullAll(token, { cursor: backup });
    expect(cursor).toBeGreaterThan(backup);

    // The restore: the case, its stored push result and the sequence go back to the backup's state.
    await db().query(`delete from cases where id = 'case-after-backup'`);
    await db().query('delete from push_results where mutation_id = $1', [result.mutationId]);
    await db().query('select setval($1::regclass, $2)', ['change_seq', backup]);

    const refused = await expectError(await api.get(`/sync/pull?cursor=${cursor}`, token), 409, 'cursor_ahead');
    expect(refused.error.details).toMatchObject({ head: backup });
    // Starting over from 0 is answered, and so is the cursor it ends on; the same mutation pushed again applies anew, once.
    const restart = await api.pullAll(token);
    expect(restart.changes.some((c) => c.record.id === 'case-after-backup')).toBe(false);
    expect((await api.get(`/sync/pull?cursor=${restart.cursor}`, token)).status).toBe(200);
    const [again] = await api.push(token, { id: result.mutationId, entity: 'cases', op: 'create', recordId: 'case-after-backup', data: caseData() });
    expect(again).toMatchObject({ status: 'applied', replayed: false });
  });
});

describe.each(ENGINES)('the version-1 pull page on %s', (engine) => {
  const { api } = appForSuite(engine, { now: () => DEMO_CLOCK });

  // Extensions already installed ask `?cursor=&limit=` and read exactly this shape (lib/schema/api.ts PullResponse as of
  // format 1): a later page format must be asked for, never served to them (docs/sync-protocol.md "Pull").
  it('answers a client that asks for no format with the page shape old clients read: changes of {entity, seq, record}, cursor, hasMore, server', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const response = await api.get('/sync/pull?cursor=0&limit=500', token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const page = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(page).sort()).toEqual(['changes', 'cursor', 'hasMore', 'server']);
    expect(Object.keys(page.server as object).sort()).toEqual(['epoch', 'id', 'since']);
    const changes = page.changes as Array<Record<string, unknown>>;
    expect(changes).toHaveLength(500);
    expect(page.hasMore).toBe(true);
    for (const change of changes) {
      expect(Object.keys(change).sort()).toEqual(['entity', 'record', 'seq']);
      expect(['customers', 'interactions', 'cases', 'articles', 'snippets', 'broadcasts']).toContain(change.entity);
      expect(typeof change.seq).toBe('number');
      expect(typeof (change.record as { id?: unknown }).id).toBe('string');
    }
    // The cursor is the last change's seq while more follow, and the page is in seq order.
    const seqs = changes.map((c) => c.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(page.cursor).toBe(seqs[seqs.length - 1]);
    // Every record reads with the schemas old clients were built with.
    expect(() => PullResponse.parse(page)).not.toThrow();
  });
});

describe.each(ENGINES)('the pull page as text on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK, fieldPolicy: DEMO_FIELD_POLICY });

  // The route writes stored records into the page as PostgreSQL's text and builds the rest (drafts an agent may not
  // read, customers masked under the policy): clients must read exactly what the parse-everything pull answers.
  it.each(['agent@tandem.demo', 'manager@tandem.demo'])('reads for %s as pullChanges answers it, page by page', async (email) => {
    const token = await api.signIn(email);
    const user = (await expectOk(await api.get('/auth/me', token), MeResponse)).user;
    let pages = 0;
    let masked = 0;
    for (let cursor = 0, more = true; more; pages++) {
      const text = await (await api.get(`/sync/pull?cursor=${cursor}&limit=40`, token)).text();
      const { server, ...page } = PullResponse.parse(JSON.parse(text));
      expect(server).toBeDefined();
      expect(page).toEqual(await pullChanges(db(), user, cursor, 40, DEMO_FIELD_POLICY));
      masked += page.changes.filter((c) => 'masking' in c.record).length;
      cursor = page.cursor;
      more = page.hasMore;
    }
    expect(pages).toBeGreaterThan(1);
    // The agent's customers are masked (lifetime value as a band), the manager's are not.
    if (email === 'agent@tandem.demo') expect(masked).toBeGreaterThan(0);
    else expect(masked).toBe(0);
  });
});

describe.each(ENGINES)('the pull page around the changes the pull builds on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK, fieldPolicy: DEMO_FIELD_POLICY });

  // The database writes the changes that go as stored into the page's text, marks where each one the pull builds
  // stands (masked customers, an agent's drafts, revocations) and hands those over apart; the row after the page's
  // last only says that more follow. Pages of 1 and 2 put each kind of built change first, last, and just past the end of a page.
  it('answers what the reference pull answers, cursor and hasMore included', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const user = (await expectOk(await api.get('/auth/me', token), MeResponse)).user;
    const { rows } = await db().query<{ id: string }>(`select id from cases where team_id = 'team-care' and not deleted order by id limit 1`);
    await moveCaseToTeam(db(), rows[0]?.id ?? '', 'team-billing');
    const { changes } = await pullChanges(db(), user, 0, 100_000, DEMO_FIELD_POLICY);
    const kinds = {
      revoked: changes.flatMap((c, i) => ('revoked' in c ? [i] : [])),
      masked: changes.flatMap((c, i) => ('masking' in c.record ? [i] : [])),
      draft: changes.flatMap((c, i) => (c.entity === 'articles' && c.record.title === 'Unavailable' ? [i] : [])),
    };
    for (const [kind, indices] of Object.entries(kinds)) {
      expect(indices.length, kind).toBeGreaterThan(0);
      for (const i of indices.slice(0, 2))
        for (const limit of [1, 2])
          for (let before = 0; before <= limit; before++) {
            const cursor = changes[i - before - 1]?.seq ?? 0;
            const text = (await pullPageJson(db(), user, cursor, limit, DEMO_FIELD_POLICY))({ id: 'x', epoch: 'x', since: 0 });
            const { server: _, ...page } = PullResponse.parse(JSON.parse(text));
            expect(page, `${kind} at ${before} of a page of ${limit}`).toEqual(await pullChanges(db(), user, cursor, limit, DEMO_FIELD_POLICY));
          }
    }
  });
});

describe.each(ENGINES)('records the pull passes as stored on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK });

  // The pull writes a stored record into the page without zod (pull.ts CHECK_ANSWER): it trusts writeRecords to have
  // parsed it. A row written another way (a migration's UPDATE, a hand-run statement) is caught by the suites, which
  // run with the check on: the pull that reads it fails, naming the page, instead of handing it to the extension.
  it('fails under test on a row written around writeRecords that its schema refuses', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const { cursor } = await api.pullAll(token);
    const user = (await expectOk(await api.get('/auth/me', token), MeResponse)).user;
    const { rows } = await db().query<{ id: string }>(`select id from interactions where team_id = $1 and not deleted order by id limit 1`, [user.teamIds[0]]);
    expect(rows).toHaveLength(1);
    await db().query(`update interactions set data = jsonb_set(data, '{channel}', '"carrier-pigeon"'), seq = nextval('change_seq') where id = $1`, [
      rows[0]!.id,
    ]);
    await expect(pullChanges(db(), user, cursor, 40)).rejects.toThrow(/channel/);
    expect((await api.get(`/sync/pull?cursor=${cursor}`, token)).status).toBe(500);
  });
});

describe.each(ENGINES)('the pull query on %s', (engine) => {
  const { db } = appForSuite(engine, { now: () => DEMO_CLOCK });

  it('reads shared knowledge with the same targeting rule as everywhere else (reachesAnyTeam), phrased for the planner', async () => {
    const targetings = [null, {}, { teamIds: [] }, { teamIds: ['team-care'] }, { teamIds: ['team-billing'] }, { teamIds: ['team-billing', 'team-care'] }];
    const records = [{ id: 'untargeted' }, ...targetings.map((targeting, i) => ({ id: `t${i}`, targeting }))];
    for (const teams of [['team-care'], ['team-care', 'team-billing'], ['team-sales'], []]) {
      const { rows } = await db().query<{ id: string; everywhere: boolean; pull: boolean }>(
        `select d->>'id' as id, ${reachesAnyTeam('$2::text[]', 'd')} as everywhere, ${reachesAnyTeamInOrder('$2::text[]', 'd')} as pull
           from jsonb_array_elements($1::jsonb) d`,
        [JSON.stringify(records), teams],
      );
      expect(rows).toHaveLength(records.length);
      for (const row of rows) expect([row.id, teams, row.pull]).toEqual([row.id, teams, row.everywhere]);
      if (teams.length === 1 && teams[0] === 'team-care')
        expect(rows.filter((r) => r.pull).map((r) => r.id)).toEqual(['untargeted', 't0', 't1', 't2', 't3', 't5']);
    }
  });
});

describe('planner statistics on PGlite', () => {
  const { db, api } = appForSuite('pglite', { now: () => DEMO_CLOCK });
  const statisticsRows = async () =>
    Number((await db().query<{ n: string | number }>(`select count(*) as n from pg_stats where tablename in ('customers', 'interactions')`)).rows[0]?.n);

  // PGlite has no autovacuum: without ANALYZE every pull page scanned and sorted every row after the cursor (docs/server.md).
  it('are gathered by the first pull after the feed grew, as autovacuum would on PostgreSQL', async () => {
    expect(await statisticsRows()).toBe(0);
    await expectOk(await api.get('/sync/pull?cursor=0&limit=10', await api.signIn('agent@tandem.demo')), PullResponse);
    expect(await statisticsRows()).toBeGreaterThan(0);
  });
});
