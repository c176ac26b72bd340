import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../lib/schema';
import type { RunningServer } from '../server/start';
import { cachedRecord, cachedRows } from './cache-view';
import { captureItem } from './capture-steps';
import { captureRequest, sendFrom } from './extension-messages';
import { type Schedule, schedule, WRITERS } from './fault-schedules';
import { FIXTURE_URLS } from './fixture-server';
import { DEMO_AGENT, type Harness, startE2eServer, startHarness } from './harness';
import { serverRecords } from './server-view';

// The browser fault suite, run by e2e/faults.test.ts (PGlite) and e2e/faults-postgres.test.ts (PostgreSQL).
// Replay: TANDEM_FAULT_SEED=<seed> TANDEM_FAULT_FROM=<index> TANDEM_FAULT_SCHEDULES=1. `npm run soak` runs 10,000.
const SEED = Number(process.env.TANDEM_FAULT_SEED ?? 17);
const FROM = Number(process.env.TANDEM_FAULT_FROM ?? 0);
const SCHEDULES = Number(process.env.TANDEM_FAULT_SCHEDULES ?? 200);
/** The invariant pulls everything from cursor 0: after this many schedules, and after the last. */
const CHECK_EVERY = 25;
/**
 * After this many schedules (checked first) the suite starts over on a fresh seeded server and signs in again (the
 * cache wiped through sign-out, the same browser and pages): a long run's records would otherwise grow without bound,
 * and with them every invariant check (a pull from cursor 0) and every `first-sync` fault (a whole first sync), so the
 * last schedules of a 10,000 run would cost several times the first. docs/operations.md, "Faults in the real browser".
 */
const SEGMENT = Number(process.env.TANDEM_FAULT_SEGMENT ?? 500);
/** The tweet the content script captures again and again: the server must hold exactly one case for it. */
const CONTENT_TWEET = '1861200000000000001';
/**
 * The engine the server runs on. PostgreSQL needs a server (cluster) nothing else uses, since a `database-restart`
 * restarts all of it with `restart` (e.g. `pg_ctlcluster 15 faults restart -m fast`); the suite works in a database of
 * its own there, created at the start and dropped at the end. docs/operations.md, "Faults in the real browser".
 */
export type FaultEngine = { name: 'PGlite' } | { name: 'PostgreSQL'; databaseUrl: string; restart: string };
/**
 * How long the outbox may take to drain after a fault: a first sync after sign-in pulls every record the suite has
 * written, a 503 asks for 5 s, and CI shares two cores with the browser. Only a hang waits this long: a lost or
 * doubled write is found by the invariant, however fast the drain.
 */
const DRAIN_MS = 180_000;

/** A database of the suite's own on the PostgreSQL server at DATABASE_URL; dropped by `drop()`. */
async function freshPostgresDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tandem_faults_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return { url: own.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** What a write ended as, from the page that made it: the case id it answered, or nothing (its worker was stopped). */
interface Outcome {
  schedule: number;
  externalId?: string;
  assigneeId?: string | null;
  answered: boolean;
  caseId?: string;
}

/**
 * The suite, on one engine: e2e/faults.test.ts runs it on PGlite, e2e/faults-postgres.test.ts on PostgreSQL. Both run
 * in `npm test` (CI has a cluster for the second) and `npm run test:faults`.
 */
export function faultSuite(engine: FaultEngine): void {
  const DATABASE_URL = engine.name === 'PostgreSQL' ? engine.databaseUrl : undefined;
  const PG_RESTART = engine.name === 'PostgreSQL' ? engine.restart : undefined;
  describe(`the real service worker under seeded faults, on ${engine.name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-faults-'));
    let database: Awaited<ReturnType<typeof freshPostgresDatabase>> | null = null;
    let server: RunningServer;
    let h: Harness;
    let pages: Record<(typeof WRITERS)[number], Page>;
    let tweetPage: Page;
    let cdp: CDPSession;
    let trackedCase: Case;
    const outcomes: Outcome[] = [];
    const assigns: Outcome[] = [];
    // A restarted server listens on a new port (its old one may be taken meanwhile by any process on the machine);
    // the extension keeps its address: the network in front of it is pointed at the new one.
    let segment = 0;
    const dataDir = () => join(dir, `pglite-${segment}`);
    // A new data directory is a copy of the run's migrated template; a restart opens the one on disk.
    const start = () => startE2eServer(database ? { databaseUrl: database.url } : { dataDir: dataDir() });
    let stops = 0;
    let restarts = 0;
    /** Where the time goes, by fault and for the invariant's checks: ms and count (the suite's speed decides how long a soak takes). */
    const spent = new Map<string, { ms: number; n: number }>();
    const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      try {
        return await work();
      } finally {
        const entry = spent.get(what) ?? { ms: 0, n: 0 };
        spent.set(what, { ms: entry.ms + performance.now() - started, n: entry.n + 1 });
      }
    };
    let contentCaptures = 0;
    let writeMs = 50;
    const stopWorker = () => {
      stops += 1;
      return cdp.send('ServiceWorker.stopAllWorkers').then(() => undefined);
    };

    beforeAll(async () => {
      if (DATABASE_URL) database = await freshPostgresDatabase(DATABASE_URL);
      server = await start();
      h = await startHarness({ server: { url: server.url } });
      await h.signIn();
      pages = Object.fromEntries(await Promise.all(WRITERS.map(async (w) => [w, await h.openExtensionPage(w)] as const))) as typeof pages;
      cdp = await h.context.newCDPSession(pages['popup.html']);
      await cdp.send('ServiceWorker.enable');
      tweetPage = await h.context.newPage();
      await tweetPage.goto(FIXTURE_URLS.xHome);
      trackedCase = await firstCareCase();
      // How long a write takes from a page to its answer here: the stops are timed against it.
      const started = Date.now();
      for (let k = 0; k < 3; k++)
        await write(schedule(SEED, -1, 'user-alex'), { kind: 'capture', writer: 'popup.html', externalId: `fault-${SEED}-warm-up-${k}` });
      writeMs = (Date.now() - started) / 3;
    }, 180_000);
    afterAll(async () => {
      await h?.close();
      await server?.close();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    async function write(s: Schedule, w: Schedule['writes'][number]): Promise<void> {
      if (w.writer === 'content') {
        if (
          await captureItem(tweetPage, CONTENT_TWEET).then(
            () => true,
            () => false,
          )
        )
          contentCaptures += 1;
        return;
      }
      const page = pages[w.writer as (typeof WRITERS)[number]];
      if (w.kind === 'capture') {
        const reply = await sendFrom(page, 'capture.create', captureRequest(w.externalId));
        const caseId = reply?.ok ? (reply.value as { caseId: string }).caseId : undefined;
        outcomes.push({ schedule: s.index, externalId: w.externalId, answered: caseId !== undefined, caseId });
      } else {
        const reply = await sendFrom(page, 'queue.assign', { caseId: trackedCase.id, assigneeId: w.assigneeId, force: true });
        assigns.push({ schedule: s.index, assigneeId: w.assigneeId, answered: reply?.ok === true });
      }
    }

    /** Runs one schedule: its writes from every page at once (the claims of the tracked case in order), with its fault. */
    async function run(s: Schedule): Promise<void> {
      if (s.fault === 'push-sent') h.network.nextPush('sent', stopWorker);
      if (s.fault === 'committed') h.network.nextPush('answered', stopWorker);
      // On PGlite the database runs inside the server process: restarting it is restarting the server.
      const serverDown = s.fault === 'server-restart' || (s.fault === 'database-restart' && !database);
      if (serverDown) await server.close();
      if (s.fault === 'first-sync') await signInAgain();
      if (s.fault === 'one-way') h.network.setOneWay(true);
      const captures = s.writes.filter((w) => w.kind === 'capture');
      const claims = s.writes.filter((w) => w.kind === 'assign');
      const writing = Promise.all([
        ...captures.map((w) => write(s, w)),
        (async () => {
          for (const w of claims) await write(s, w);
        })(),
      ]);
      if (s.fault === 'during-writes') await new Promise((r) => setTimeout(r, s.stopAt * writeMs)).then(stopWorker);
      if (s.fault === 'first-sync') await new Promise((r) => setTimeout(r, s.stopAt * writeMs * 10)).then(stopWorker);
      if (s.fault === 'database-restart' && database) await new Promise((r) => setTimeout(r, s.stopAt * writeMs)).then(restartDatabase);
      await writing;
      if (s.fault === 'one-way') h.network.setOneWay(false);
      if (serverDown) {
        server = await start();
        h.network.retarget(server.url);
      }
    }

    /** The case the claims are made on: the first of Care's on the server. */
    async function firstCareCase(): Promise<Case> {
      const cases = (await serverRecords(server.url)).flatMap((c) => (c.entity === 'cases' && c.record.teamId === 'team-care' ? [c.record] : []));
      if (!cases[0]) throw new Error('The seeded server has no case of team-care');
      return cases[0];
    }

    /**
     * The next segment (SEGMENT): a fresh seeded server behind the same network address, and the agent signed out and in
     * again on it, so the run's cost stays flat. What was checked of the last server is forgotten with it.
     */
    async function startOver(): Promise<void> {
      await settle();
      const out = await sendFrom(pages['popup.html'], 'auth.signOut', { discardUnsynced: false });
      expect(out?.ok, 'sign-out before a fresh server').toBe(true);
      await server.close();
      if (database) {
        await database.drop();
        database = await freshPostgresDatabase(DATABASE_URL!);
      } else rmSync(dataDir(), { recursive: true, force: true });
      segment += 1;
      server = await start();
      h.network.retarget(server.url);
      const signIn = await sendFrom(pages['popup.html'], 'auth.signIn', { backendUrl: h.serverUrl, ...DEMO_AGENT });
      expect(signIn?.ok, 'sign-in on a fresh server').toBe(true);
      outcomes.length = 0;
      assigns.length = 0;
      contentCaptures = 0;
      trackedCase = await firstCareCase();
      // The post's button forgets what it knew of the old server's case.
      await tweetPage.reload();
    }

    /** Restarts the PostgreSQL server under the running Tandem server (`restart -m fast`: every connection is cut). */
    async function restartDatabase(): Promise<void> {
      await promisify(execFile)('sh', ['-c', PG_RESTART!]);
      restarts += 1;
    }

    /** Signs out (once the outbox is empty: sign-out refuses otherwise) and in again: the cache is wiped, and the first sync starts. */
    async function signInAgain(): Promise<void> {
      await settle();
      const out = await sendFrom(pages['popup.html'], 'auth.signOut', { discardUnsynced: false });
      expect(out?.ok, 'sign-out').toBe(true);
      const signIn = await sendFrom(pages['popup.html'], 'auth.signIn', { backendUrl: h.serverUrl, ...DEMO_AGENT });
      expect(signIn?.ok, 'sign-in').toBe(true);
    }

    /** Wakes the worker and syncs until nothing is waiting (a stopped worker is started again by the message). */
    async function settle(): Promise<void> {
      h.network.clearPushHook();
      const deadline = Date.now() + DRAIN_MS;
      for (;;) {
        const status = await sendFrom(pages['popup.html'], 'sync.now', {});
        const value = status?.value as { pending: number; syncing: boolean; failed: unknown[]; conflicts: number } | undefined;
        if (status?.ok && value && value.pending === 0 && !value.syncing) {
          if (value.failed.length > 0) console.error(`writes the server refused, what is known of them:\n${await refusalReport()}`);
          expect(value.failed, 'writes the server refused').toEqual([]);
          expect(value.conflicts, 'conflicts').toBe(0);
          return;
        }
        if (Date.now() > deadline) throw new Error(`The outbox did not drain: ${JSON.stringify(status)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }

    /**
     * What the outbox, the cache, the server and the network saw of the refused writes and the records they name:
     * timing is not replayable, so a failure is diagnosed from this.
     */
    async function refusalReport(): Promise<string> {
      const outbox = await cachedRows<{ state: string; entity: string; recordId: string; data: Record<string, unknown> }>(pages['popup.html'], 'outbox');
      const refused = outbox.filter((row) => row.state === 'failed');
      const ids = [
        ...new Set(refused.flatMap((row) => [row.recordId, row.data.caseId, row.data.customerId].filter((id): id is string => typeof id === 'string'))),
      ];
      const onServer = (await serverRecords(server.url)).filter((c) => ids.includes(c.record.id));
      const cached = await Promise.all(
        ids.map(async (id) => [
          id,
          ...(await Promise.all(['customers', 'cases', 'interactions'].map((table) => cachedRecord(pages['popup.html'], table, id)))),
        ]),
      );
      return JSON.stringify({ refused, onServer, cached, pushes: h.network.pushesOf(ids) }, null, 1);
    }

    /** Every write reached the server exactly once, the tracked case ended as its last claim, and the cache equals the server. */
    async function checkInvariant(upTo: number): Promise<void> {
      await settle();
      const onServer = (await serverRecords(server.url)).flatMap((c) => (c.entity === 'cases' ? [c.record] : []));
      const local = await cachedRows<Case>(pages['popup.html'], 'cases');
      const where = `seed ${SEED}, schedules ${FROM}–${upTo}`;
      // By source, once: comparing every write with every case would grow with the square of the run.
      const bySource = (cases: readonly Case[]) => {
        const groups = new Map<string | null, Case[]>();
        for (const c of cases) groups.set(c.source.externalId, [...(groups.get(c.source.externalId) ?? []), c]);
        return groups;
      };
      const serverBySource = bySource(onServer);
      const localBySource = bySource(local);
      for (const o of outcomes) {
        const found = serverBySource.get(o.externalId ?? null) ?? [];
        const cached = localBySource.get(o.externalId ?? null) ?? [];
        expect(found.length, `${where}: cases on the server for ${o.externalId} (schedule ${o.schedule})`).toBeLessThanOrEqual(1);
        if (o.answered)
          expect(
            found.map((c) => c.id),
            `${where}: ${o.externalId} answered ${o.caseId}`,
          ).toEqual([o.caseId]);
        expect(
          cached.map((c) => [c.id, c.version]),
          `${where}: the cache's ${o.externalId}`,
        ).toEqual(found.map((c) => [c.id, c.version]));
      }
      const tweetCases = serverBySource.get(CONTENT_TWEET)?.length ?? 0;
      // Captured again and again (an unanswered first capture may or may not have been written): one case at most, one once answered.
      expect(tweetCases, `${where}: cases of the tweet the content script captured ${contentCaptures} times`).toBeLessThanOrEqual(1);
      if (contentCaptures > 0) expect(tweetCases, `${where}: the content script's answered capture`).toBe(1);
      const tracked = onServer.find((c) => c.id === trackedCase.id);
      const lastAnswered = assigns.findLastIndex((a) => a.answered);
      // A claim whose answer was lost may or may not have been made; nothing before the last answered one may win.
      const allowed = new Set(
        lastAnswered < 0 ? [trackedCase.assigneeId ?? null, ...assigns.map((a) => a.assigneeId)] : assigns.slice(lastAnswered).map((a) => a.assigneeId),
      );
      expect(allowed.has(tracked?.assigneeId ?? null), `${where}: the tracked case's assignee ${tracked?.assigneeId}`).toBe(true);
      expect(local.find((c) => c.id === trackedCase.id)?.version, `${where}: the tracked case's cached version`).toBe(tracked?.version);
    }

    it(
      `keeps every write exactly once, in order, over ${SCHEDULES} seeded schedules (seed ${SEED})`,
      async () => {
        const started = Date.now();
        const marked = await h.worker.evaluate(() => Object.assign(globalThis, { tandemFaultMark: true }) !== undefined);
        expect(marked).toBe(true);
        for (let i = FROM; i < FROM + SCHEDULES; i++) {
          const next = schedule(SEED, i, 'user-alex');
          await timed(next.fault, () => run(next));
          const last = i === FROM + SCHEDULES - 1;
          const segmentEnds = (i - FROM + 1) % SEGMENT === 0;
          if ((i - FROM + 1) % CHECK_EVERY === 0 || last || segmentEnds) await timed('invariant check', () => checkInvariant(i));
          if (segmentEnds && !last) await timed('fresh server', startOver);
        }
        const workers = h.context.serviceWorkers();
        // The stops were real: the worker running now is a fresh one, without the mark set at the start.
        expect(await workers[workers.length - 1]?.evaluate(() => 'tandemFaultMark' in globalThis)).toBe(false);
        expect(outcomes.length).toBeGreaterThan(SCHEDULES);
        const unanswered = [...outcomes, ...assigns].filter((o) => !o.answered).length;
        const minutes = (Date.now() - started) / 60_000;
        const breakdown = [...spent].map(([what, { ms, n }]) => `${what} ${n}× ${Math.round(ms / n)} ms (${Math.round(ms / 1000)} s)`).join(', ');
        console.log(
          `${(SCHEDULES / minutes).toFixed(1)} schedules/minute (load ${loadavg()[0]?.toFixed(1)}); 10,000 would take ${(10_000 / (SCHEDULES / minutes) / 60).toFixed(1)} h. Time by fault: ${breakdown}`,
        );
        console.log(
          `${engine.name}: ${SCHEDULES} fault schedules (seed ${SEED}, from ${FROM}) in ${Math.round((Date.now() - started) / 1000)} s: ${outcomes.length} captures and ${assigns.length} claims from pages (${unanswered} unanswered), ${contentCaptures} from the content script, ${stops} worker stops, ${restarts} PostgreSQL restarts, ${segment} fresh servers; on ${server.database}; a write took ${Math.round(writeMs)} ms`,
        );
      },
      Math.max(120_000, SCHEDULES * 8_000),
    );
  });
}
