// The server under database faults, on real PostgreSQL (PGlite runs in-process: no connection to lose). Each suite has a
// database of its own, and only its own connections are ever ended (terminateBackends filters by database).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthResponse, PullResponse, PushResponse } from '../../lib/schema/api';
import { createApp } from '../app';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, client, createCase, databaseRelay, expectError, expectOk, TEST_DATABASE_URL, terminateBackends } from '../testing';
import { DatabaseUnavailableError, isConnectionLoss, openPostgres } from './database';
import { RECORD_LOCK_CLASS } from './records';

/** The pool's connections (not the LISTEN one, nor the test's own). */
const POOL = "application_name = 'tandem-server'";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('isConnectionLoss', () => {
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

  it('recognises a connection the server ended, a refused or reset socket, and pg’s own words for them', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08003', 'ECONNREFUSED', 'ECONNRESET']) expect(isConnectionLoss(withCode(code)), code).toBe(true);
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLoss(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isConnectionLoss(new DatabaseUnavailableError(new Error('gone')))).toBe(true);
  });

  it('leaves statement errors and bugs alone: they are not worth retrying', () => {
    expect(isConnectionLoss(withCode('23505', 'duplicate key'))).toBe(false);
    expect(isConnectionLoss(withCode('42P01', 'relation does not exist'))).toBe(false);
    expect(isConnectionLoss(new TypeError('x is undefined'))).toBe(false);
    expect(isConnectionLoss('Connection terminated')).toBe(false);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('database faults on postgres', () => {
  const { db, api } = appForSuite('postgres', { now: () => DEMO_CLOCK });

  it('rejects a transaction whose connection was ended between two statements, and the process goes on', async () => {
    const attempt = db().transaction(async (tx) => {
      await tx.query('select 1');
      // Idle in the transaction, with no statement running: the case where pg emits 'error' on the client itself.
      expect(await terminateBackends(db(), `${POOL} and state = 'idle in transaction'`)).toBe(1);
      await sleep(200);
      await tx.query('select 1');
    });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect((await db().query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('answers 503 with Retry-After when the backend of a push’s open transaction is terminated; the retry applies it once', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const mutation = { id: randomUUID(), ...createCase() };
    // Hold the lock push takes on the record it writes, so the push waits inside its transaction, where it can be found and terminated.
    const holder = new pg.Client({ connectionString: db().url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock($1, hashtext($2))', [RECORD_LOCK_CLASS, `cases:${mutation.recordId}`]);
      const pushing = api.post('/sync/push', token, { mutations: [mutation] });
      await waitFor(async () => (await terminateBackends(db(), `${POOL} and wait_event_type = 'Lock'`)) === 1);
      const res = await pushing;
      expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
      await expectError(res, 503, 'unavailable');
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    await expectOk(await api.get('/health'), HealthResponse);
    const { results } = await expectOk(await api.post('/sync/push', token, { mutations: [mutation] }), PushResponse);
    expect(results[0]?.status).toBe('applied');
    const { changes } = await api.pullAll(token);
    expect(changes.filter((c) => c.record.id === mutation.recordId)).toHaveLength(1);
  });

  it('keeps every acknowledged mutation while the pool’s backends are terminated under load from several clients', async () => {
    const tokens = await Promise.all(
      ['agent@tandem.demo', 'agent2@tandem.demo', 'manager@tandem.demo'].flatMap((email) => [api.signIn(email), api.signIn(email)]),
    );
    const acknowledged: string[] = [];
    const unavailable = { count: 0 };
    let stop = false;
    const terminator = (async () => {
      while (!stop) {
        await terminateBackends(db(), POOL);
        await sleep(40);
      }
    })();
    /** One client: pushes batches of two, each retried with the same ids until the server answers it. */
    const agent = async (token: string) => {
      for (let batch = 0; batch < 8; batch++) {
        const mutations = [0, 1].map(() => ({ id: randomUUID(), ...createCase({ subject: `load ${batch}` }) }));
        const { results } = await expectOk(await answered(() => api.post('/sync/push', token, { mutations }), unavailable), PushResponse);
        for (const r of results) if (r.status === 'applied') acknowledged.push(r.change.record.id);
      }
    };
    try {
      await Promise.all(tokens.map(agent));
    } finally {
      stop = true;
      await terminator;
    }
    expect(unavailable.count).toBeGreaterThan(0);
    expect(acknowledged).toHaveLength(tokens.length * 8 * 2);
    const { changes } = await api.pullAll(await api.signIn('agent@tandem.demo'));
    const pulled = changes.map((c) => c.record.id);
    for (const id of acknowledged)
      expect(
        pulled.filter((p) => p === id),
        id,
      ).toHaveLength(1);
  }, 60_000);

  it('applies pushes in pipelined groups exactly once, and readers see every change in order, while every backend is terminated', async () => {
    // More pushers than GROUPS_IN_FLIGHT: pushes queue and run in groups (of 2 to 9 pushes here, counted once), each
    // group one pipelined transaction whose last statement carries the commit. Every connection of the suite's
    // database is ended, the pipelined ones, the pool's and the LISTEN one alike, as a failover would.
    const pushers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => api.signIn(['agent@tandem.demo', 'agent2@tandem.demo', 'manager@tandem.demo'][i % 3] as string)),
    );
    const readerToken = await api.signIn('agent@tandem.demo');
    const run = randomUUID().slice(0, 8);
    const start = Number((await db().query<{ seq: string }>('select last_value as seq from change_seq')).rows[0]?.seq);
    const pushesUnavailable = { count: 0 };
    const pullsUnavailable = { count: 0 };
    const mutationIds: string[] = [];
    const acknowledged: string[] = [];
    let writing = true;
    let stop = false;
    const terminator = (async () => {
      while (!stop) {
        await terminateBackends(db());
        await sleep(40);
      }
    })();
    const pushing = pushers.map(async (token, p) => {
      for (let b = 0; b < 6; b++) {
        const mutations = Array.from({ length: 1 + ((p + b) % 4) }, (_, k) => ({
          id: randomUUID(),
          ...createCase({ subject: `pipelined ${p} ${b} ${k}` }),
          recordId: `pipelined-${run}-${p}-${b}-${k}`,
        }));
        mutationIds.push(...mutations.map((m) => m.id));
        // The client's retry: the same mutations, with the same ids, until the server answers.
        const { results } = await expectOk(await answered(() => api.post('/sync/push', token, { mutations }), pushesUnavailable), PushResponse);
        for (const r of results) {
          expect(r.status).toBe('applied');
          if (r.status === 'applied') acknowledged.push(r.change.record.id);
        }
      }
    });
    const reading = Array.from({ length: 2 }, async () => {
      const seen: { id: string; seq: number }[] = [];
      let cursor = start;
      // Pull while the pushers push, then until a pull after the last answer comes back with nothing more.
      for (let drained = false; !drained; ) {
        const done = !writing;
        const page = await expectOk(await answered(() => api.get(`/sync/pull?cursor=${cursor}&limit=100`, readerToken), pullsUnavailable), PullResponse);
        for (const c of page.changes) if (c.record.id.startsWith(`pipelined-${run}-`)) seen.push({ id: c.record.id, seq: c.seq });
        expect(page.cursor).toBeGreaterThanOrEqual(cursor);
        cursor = page.cursor;
        drained = done && !page.hasMore;
      }
      return seen;
    });
    let seenByReader: { id: string; seq: number }[][];
    try {
      await Promise.all(pushing).finally(() => {
        writing = false;
      });
      seenByReader = await Promise.all(reading);
    } finally {
      stop = true;
      await terminator;
    }
    await expectOk(await api.get('/health'), HealthResponse);
    expect(pushesUnavailable.count).toBeGreaterThan(0);
    expect(acknowledged).toHaveLength((12 * 6 * 5) / 2);
    // Exactly once: one stored result per mutation (a second apply would have answered a conflict above).
    const { rows } = await db().query<{ n: string }>('select count(*)::text as n from push_results where mutation_id = any($1::text[])', [mutationIds]);
    expect(Number(rows[0]?.n)).toBe(mutationIds.length);
    for (const seen of seenByReader) {
      const seqs = seen.map((s) => s.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      const missing = acknowledged.filter((id) => !seen.some((s) => s.id === id));
      expect(missing, `a reader skipped ${missing.length} of ${acknowledged.length} changes`).toEqual([]);
    }
  }, 90_000);
});

describe.skipIf(!TEST_DATABASE_URL)('the database down, on postgres', () => {
  const { db } = appForSuite('postgres', { data: 'demo' });
  let relay: Awaited<ReturnType<typeof databaseRelay>>;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    relay = await databaseRelay(db().url ?? '');
    const relayed = await openPostgres(relay.url, { max: 3 });
    api = client(createApp({ db: relayed, now: () => DEMO_CLOCK }));
    return async () => {
      await relayed.close();
    };
  });
  afterAll(() => relay.close());

  it('/health and requests answer 503 while the database is unreachable, and recover when it is back', async () => {
    const token = await api.signIn('agent@tandem.demo');
    await expectOk(await api.get('/health'), HealthResponse);
    relay.cut();
    const health = await api.get('/health');
    expect(health.headers.get('Retry-After')).toBe('5');
    await expectError(health, 503, 'unavailable');
    await expectError(await api.post('/sync/push', token, { mutations: [createCase()] }), 503, 'unavailable');
    relay.restore();
    await expectOk(await api.get('/health'), HealthResponse);
    const { results } = await expectOk(
      await api.post('/sync/push', token, { mutations: [{ id: randomUUID(), ...createCase({ subject: 'after' }) }] }),
      PushResponse,
    );
    expect(results[0]?.status).toBe('applied');
  });

  it('answers 503 when a push group’s commit is made but its answer lost, and the retry answers the stored results, applying nothing twice', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const mutations = [0, 1].map((i) => ({ id: randomUUID(), ...createCase({ subject: `lost answer ${i}` }) }));
    // The group's last statement stores the results and carries the commit (pipelined): its connection drops once
    // PostgreSQL has answered that commit, before the server reads the answer.
    relay.loseCommitAnswer('push_results');
    await expectError(await api.post('/sync/push', token, { mutations }), 503, 'unavailable');
    expect(relay.lostAnswers).toBe(1);
    const { results } = await expectOk(await api.post('/sync/push', token, { mutations }), PushResponse);
    expect(results.map((r) => [r.status, 'replayed' in r && r.replayed])).toEqual([
      ['applied', true],
      ['applied', true],
    ]);
    const { changes } = await api.pullAll(token);
    for (const m of mutations) expect(changes.filter((c) => c.record.id === m.recordId).map((c) => c.record.version)).toEqual([1]);
  });
});

/** Sends until the server answers anything but 503 (the client's retry of the same request); counts the 503s. */
async function answered(send: () => Promise<Response>, unavailable: { count: number }): Promise<Response> {
  for (;;) {
    const res = await send();
    if (res.status !== 503) return res;
    unavailable.count += 1;
    await res.text();
  }
}

async function waitFor(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}
