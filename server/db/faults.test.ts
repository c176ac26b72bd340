// The server under database faults, on real PostgreSQL (PGlite runs in-process: no connection to lose). Each suite has a
// database of its own, and only its own connections are ever ended (terminateBackends filters by database).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthResponse, PushResponse } from '../../lib/schema/api';
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
    let unavailable = 0;
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
        for (;;) {
          const res = await api.post('/sync/push', token, { mutations });
          if (res.status === 503) {
            unavailable += 1;
            await res.text();
            continue;
          }
          const { results } = await expectOk(res, PushResponse);
          for (const r of results) if (r.status === 'applied') acknowledged.push(r.change.record.id);
          break;
        }
      }
    };
    try {
      await Promise.all(tokens.map(agent));
    } finally {
      stop = true;
      await terminator;
    }
    expect(unavailable).toBeGreaterThan(0);
    expect(acknowledged).toHaveLength(tokens.length * 8 * 2);
    const { changes } = await api.pullAll(await api.signIn('agent@tandem.demo'));
    const pulled = changes.map((c) => c.record.id);
    for (const id of acknowledged)
      expect(
        pulled.filter((p) => p === id),
        id,
      ).toHaveLength(1);
  }, 60_000);
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
});

async function waitFor(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}
