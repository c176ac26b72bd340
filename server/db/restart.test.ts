// PostgreSQL restarted under push load. Opt-in: it restarts the whole server behind TANDEM_TEST_DATABASE_URL, which would
// break every other suite using it at the time. Run it alone, ideally on a cluster of its own (docs/operations.md):
//   TANDEM_TEST_DATABASE_URL=postgres://tandem:tandem@127.0.0.1:5439/tandem_test \
//   TANDEM_TEST_PG_RESTART='pg_ctlcluster 15 faults restart -m fast' npx vitest run server/db/restart.test.ts
import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LiveEvent, PushResponse } from '../../lib/schema/api';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, appliedChange, createCase, expectOk, TEST_DATABASE_URL } from '../testing';

const RESTART = process.env.TANDEM_TEST_PG_RESTART;
const RESTARTS = 10;
const CLIENTS = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!TEST_DATABASE_URL || !RESTART)('PostgreSQL restarted under push load', () => {
  // No heartbeat during the test: a session check that meets a restart ends the stream (the extension would reopen it),
  // and this test is about the stream that stays open.
  const { api } = appForSuite('postgres', { now: () => DEMO_CLOCK, liveHeartbeatMs: 600_000 });

  it(`keeps serving through ${RESTARTS} restarts with ${CLIENTS} clients pushing, loses nothing acknowledged, and wakes live streams after each`, async () => {
    const emails = ['agent@tandem.demo', 'agent2@tandem.demo', 'manager@tandem.demo'];
    const tokens = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => api.signIn(emails[i % emails.length] ?? '')));
    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    let stop = false;
    /** One client: batches of two, each sent again with the same ids until the server answers it. */
    const client = async (token: string) => {
      for (let batch = 0; !stop; batch++) {
        const mutations = [0, 1].map(() => ({ id: randomUUID(), ...createCase({ subject: `restart load ${batch}` }) }));
        for (;;) {
          const res = await api.post('/sync/push', token, { mutations });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 200) {
            for (const r of (await expectOk(res, PushResponse)).results) if (r.status === 'applied') acknowledged.push(r.change.record.id);
            break;
          }
          await res.text();
          await sleep(100);
        }
      }
    };
    // Every open stream, not just one: a stream per user of the team the changes are made in.
    const streams = await Promise.all(emails.map(async (email) => api.openLive(await api.signIn(email))));
    const lastCursor = (live: (typeof streams)[number]) => Math.max(0, ...live.events('cursor').map((e) => LiveEvent.parse(e).cursor));
    const load = Promise.all(tokens.map(client));
    try {
      await Promise.all(streams.map((live) => live.until((t) => t.includes(': connected'))));
      for (let restart = 0; restart < RESTARTS; restart++) {
        await sleep(300);
        execSync(RESTART ?? '', { stdio: 'ignore' });
        await waitForHealth();
        const seq = await pushUntilApplied(tokens[0] ?? '');
        await Promise.all(streams.map((live) => live.until(() => lastCursor(live) >= seq, 40_000)));
        for (const [i, live] of streams.entries()) {
          expect(live.ended, `stream of ${emails[i]} after restart ${restart + 1}`).toBe(false);
          expect(lastCursor(live), `stream of ${emails[i]} after restart ${restart + 1}`).toBeGreaterThanOrEqual(seq);
        }
      }
    } finally {
      stop = true;
      await load;
      for (const live of streams) live.close();
    }
    // Only answers and 503s: no 500 from a lost connection, and the process never went away.
    expect([...statuses.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    const { changes } = await api.pullAll(await api.signIn('agent@tandem.demo'));
    const pulled = new Set(changes.map((c) => c.record.id));
    expect(acknowledged.filter((id) => !pulled.has(id))).toEqual([]);
  }, 300_000);

  async function waitForHealth(): Promise<void> {
    for (let i = 0; i < 300; i++) {
      if ((await api.get('/health')).status === 200) return;
      await sleep(100);
    }
    throw new Error('the database did not come back');
  }

  /** A change made after the restart, pushed until the server answers it (the pool may still hold connections from before). */
  async function pushUntilApplied(token: string): Promise<number> {
    const mutation = { id: randomUUID(), ...createCase({ subject: 'after the restart' }) };
    for (;;) {
      const res = await api.post('/sync/push', token, { mutations: [mutation] });
      if (res.status === 200) return appliedChange((await expectOk(res, PushResponse)).results[0] ?? expect.fail('no result')).seq;
      await res.text();
      await sleep(100);
    }
  }
});
