// npm run bench:sync — the extension's first sync of a large team into a fresh Chromium profile, and
// how fast live changes reach its cache. Needs a build (npm run build) and Chromium (CHROMIUM_PATH,
// default /usr/bin/chromium).
// Env: BENCH_SCALE (0.1 = 10,000 customers, 20,000 interactions, 1,000 articles, ≈32k records, a run of a few minutes;
// 1 = the full 310k-record team of issue 18), BENCH_LIVE (1000
// changes per live phase), BENCH_STREAM_SECONDS (20; 0 skips the one-by-one stream), BENCH_REPLAY_PAGES
// (8 pages per entity for the instrumented replay that splits a page's time; 0 skips it), BENCH_ANALYZE
// (0; 1 runs ANALYZE after the bulk insert, see the report), BENCH_TIMEOUT_S (420, first sync), BENCH_EXTENSION_DIR
// (a built extension to load instead of .output/chrome-mv3), BENCH_PULL_ENCODING (gzip: the server answers pulls as to a
// client across a network, gzipped; loopback clients get text), TANDEM_BENCH_DATABASE_URL (a PostgreSQL server on which
// the bench's server creates a throwaway database, dropped after; PGlite in memory when unset), BENCH_ENGINES
// (pglite,postgres: one whole run per engine, one after the other, then their first syncs side by side; postgres
// takes TANDEM_BENCH_DATABASE_URL), BENCH_WORKER_PROFILE (a file: V8's CPU profile of the extension's service worker
// over the first sync is written there, .cpuprofile format; needs node --experimental-websocket on Node 20;
// npm run bench:sync:profile reads it, bench/sync/worker-profile.ts).
// The server runs in a Node process of its own (bench/sync/server-process.ts), so its CPU is measured apart.
// The report splits the first sync by step twice: the engine's own profile read from the worker (lib/sync/pull-profile.ts)
// and an instrumented replay of sampled pages (JSON.parse and zod apart).
import { fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { EXTENSION_DIR as BUILT, CHROMIUM, chromiumArgs, DEMO_AGENT } from '../../e2e/harness';
import type { MutationEnvelope, PullResponse, PushResponse, SignInResponse } from '../../lib/schema/api';
import type { SyncStatus } from '../../lib/schema/messages';
import { PULL_PAGE_SIZE, PULL_PREFETCH } from '../../lib/sync/engine';
import { PULL_PROFILES_GLOBAL, type PullProfile } from '../../lib/sync/pull-profile';
import { latencies, table } from '../stats';
import { customerId } from './data';
import type { ReplayResult } from './replay-entry';
import type { PullLog as ServerPullLog, ServerReady, ServerRequest } from './server-process';
import { profileServiceWorker, REMOTE_DEBUGGING_ARG } from './worker-profile-session';

const SCALE = Number(process.env.BENCH_SCALE ?? 0.1);
const N_CUSTOMERS = Math.round(100_000 * SCALE);
const N_INTERACTIONS = Math.round(200_000 * SCALE);
const N_ARTICLES = Math.round(10_000 * SCALE);
const LIVE = Number(process.env.BENCH_LIVE ?? 1000);
const STREAM_SECONDS = Number(process.env.BENCH_STREAM_SECONDS ?? 20);
const REPLAY_PAGES = Number(process.env.BENCH_REPLAY_PAGES ?? 8);
/** A PostgreSQL server the bench's server may create a throwaway database on; PGlite in memory when unset. */
const PG_URL = process.env.TANDEM_BENCH_DATABASE_URL || '';
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 420) * 1000;
/** Another build to measure (bench/sync/compare.ts alternates two); the worktree's own by default. */
const EXTENSION_DIR = process.env.BENCH_EXTENSION_DIR ?? BUILT;
/** Where to write the worker's CPU profile of the first sync; none when unset. */
const WORKER_PROFILE = process.env.BENCH_WORKER_PROFILE ?? '';
const PAGE_SIZE = PULL_PAGE_SIZE; // createSyncEngine's default; the background service does not override it
/** PowerSync's published initial-sync rate on desktop (the anchor issue 18 names). */
const POWERSYNC_ROWS_PER_S = 27_600;
const SECOND_AGENT = { email: 'agent2@tandem.demo', password: 'tandem-demo' };

const n = (x: number) => Math.round(x).toLocaleString('en');
const s = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;
const mbs = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const benchStart = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - benchStart) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const report: string[] = [];

if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
  console.error(`No built extension at ${EXTENSION_DIR}: run "npm run build" first.`);
  process.exit(1);
}

// Runs in the probe page (an extension page, so it shares the background's IndexedDB): logs each new
// value of the sync cursor with the wall-clock time it was first seen, every globalThis.__probeMs.
const PROBE_SCRIPT = `(() => {
  const log = (globalThis.__cursorLog = []);
  const wait = () => globalThis.__probeMs || 5;
  let last = -1;
  let conn = null;
  function tick() {
    if (!conn) {
      // The background creates the database at sign-in; until then there is nothing to watch.
      indexedDB.databases().then((dbs) => {
        if (!dbs.some((d) => d.name === 'tandem')) return void setTimeout(tick, wait());
        const req = indexedDB.open('tandem');
        req.onsuccess = () => { conn = req.result; tick(); };
        req.onerror = () => setTimeout(tick, wait());
      });
      return;
    }
    let get;
    try { get = conn.transaction('meta').objectStore('meta').get('sync.cursor'); } catch { return void setTimeout(tick, wait()); }
    get.onsuccess = () => {
      const value = Number((get.result && get.result.value) || 0);
      if (value !== last) log.push([Date.now(), (last = value)]);
      setTimeout(tick, wait());
    };
    get.onerror = () => setTimeout(tick, wait());
  }
  tick();
})();`;

/**
 * CPU time (ms) Chromium's processes (browser, renderers and the extension's worker, GPU, utilities: every process
 * below this one but the server's) have used so far, from Linux's /proc (USER_HZ 100). Unlike wall time it barely moves
 * with the machine's load, so it tells two builds apart on a busy machine. 0 where /proc is missing.
 */
function chromiumCpuMs(): Record<string, number> {
  const stats: { pid: number; ppid: number; ticks: number }[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return {};
  }
  for (const name of entries) {
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // after "pid (comm) ": state is fields[0]
      stats.push({ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of stats)
      if (!mine.has(p.pid) && mine.has(p.ppid) && p.pid !== serverProcess.pid) {
        mine.add(p.pid);
        grew = true;
      }
  }
  // By process type: the browser (IndexedDB's backend runs there or in the storage utility), renderers (the extension's
  // worker and pages), utilities (network, storage), the GPU process.
  const byType: Record<string, number> = {};
  for (const p of stats) {
    if (p.pid === process.pid || !mine.has(p.pid)) continue;
    let type = 'other';
    try {
      // Chromium rewrites its children's titles as one space-separated string.
      const args = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split(/[\0 ]/);
      const kind = args.find((a) => a.startsWith('--type='))?.slice(7);
      const sub = args.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
      type = /chrom/i.test(args[0] ?? '') ? (kind ? (sub ? `${kind} ${sub}` : kind) : 'browser') : 'other';
    } catch {
      // ended meanwhile
    }
    byType[type] = (byType[type] ?? 0) + p.ticks * 10;
  }
  return byType;
}
const cpuTotal = (byType: Record<string, number>) => Object.values(byType).reduce((a, b) => a + b, 0);
/** CPU ms by process type used between two readings of chromiumCpuMs. */
const cpuSince = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(Object.entries(after).map(([type, ms]) => [type, ms - (before[type] ?? 0)]));

// 0. BENCH_ENGINES: this bench once per engine, each in a process of its own, then the first syncs side by side ----
const ENGINES = (process.env.BENCH_ENGINES ?? '').split(',').filter(Boolean);
if (ENGINES.length > 0) {
  if (ENGINES.some((e) => e !== 'pglite' && e !== 'postgres') || (ENGINES.includes('postgres') && !PG_URL)) {
    console.error('BENCH_ENGINES lists pglite and/or postgres; postgres needs TANDEM_BENCH_DATABASE_URL.');
    process.exit(2);
  }
  const summary: string[] = [];
  for (const name of ENGINES) {
    const env = { ...process.env, BENCH_ENGINES: '', TANDEM_BENCH_DATABASE_URL: name === 'postgres' ? PG_URL : '' };
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? ''], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      process.stdout.write(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const line = (re: RegExp) => re.exec(out)?.[0].replace(/\s+/g, ' ') ?? '(not in its report)';
    summary.push(
      `${name.padEnd(9)}${code === 0 ? '' : `exit ${code}; `}${line(/server {5}[^;]+/)}`,
      `         ${line(/FIRST SYNC [^(]+/)}; ${line(/the server process [\d.]+ s[\s\S]*?pull handlers [\d.]+ s\)/)}${/PostgreSQL's backends [\d.]+ s/.exec(out)?.[0] ? `, ${/PostgreSQL's backends [\d.]+ s/.exec(out)?.[0]}` : ''}`,
      `         ${line(/CHROMIUM CPU [\d.]+ s/)}; raw pull ${line(/[\d,]+ records\/s; extension ÷ raw pull = \d+%/)}`,
    );
  }
  console.log(
    [
      '',
      `=== bench:sync — the engines side by side (one run each, in this order; load ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} now) ===`,
      ...summary,
    ].join('\n'),
  );
  process.exit(0);
}

// 1. Server with bulk data, in its own process -------------------------------------------------------
log(`starting the server in its own process (${PG_URL ? 'PostgreSQL' : 'PGlite in memory'}, demo seed, bulk team) …`);
const serverProcess = fork(join(import.meta.dirname, 'server-process.ts'), [], {
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, BENCH_SCALE: String(SCALE) },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const answers = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let nextRequest = 1;
const ready = new Promise<ServerReady>((resolve, reject) => {
  serverProcess.on('message', (message: { ready?: ServerReady; id?: number; result?: unknown; error?: string }) => {
    if (message.ready) return resolve(message.ready);
    const waiting = answers.get(message.id ?? -1);
    answers.delete(message.id ?? -1);
    if (message.error !== undefined) waiting?.reject(new Error(message.error));
    else waiting?.resolve(message.result);
  });
  serverProcess.on('exit', (code) => {
    const gone = new Error(`the bench's server process ended (${code})`);
    reject(gone);
    for (const waiting of answers.values()) waiting.reject(gone);
  });
});
/** A request to the server process (bench/sync/server-process.ts ServerRequest). */
function ask<T>(request: DistributiveOmit<ServerRequest, 'id'>): Promise<T> {
  const id = nextRequest++;
  return new Promise<T>((resolve, reject) => {
    answers.set(id, { resolve: resolve as (value: unknown) => void, reject });
    serverProcess.send({ ...request, id });
  });
}
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
const setPhase = (phase: string) => ask<null>({ method: 'phase', phase });
/** The server's pulls, their times moved onto this process's performance.now() clock. */
const serverPulls = async () =>
  (await ask<ServerPullLog[]>({ method: 'pulls' })).map((p) => ({ ...p, start: p.start - performance.timeOrigin, end: p.end - performance.timeOrigin }));
const serverCpuMs = () => ask<number>({ method: 'cpu' });
const backendsCpuMs = () => ask<number>({ method: 'backendsCpu' });

const { url: serverUrl, engine, pullEncoding, insertMs, analyzeMs, expected, expectedCursor, feed } = await ready;
const insertTotal = insertMs.customers + insertMs.interactions + insertMs.articles;
log(`server ready on ${engine}; bulk insert took ${s(insertTotal)}${analyzeMs === null ? '' : `, ANALYZE ${s(analyzeMs)}`}`);
const expectedTotal = Object.values(expected).reduce((a, b) => a + b, 0);

async function api<T>(path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${serverUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

// 2. Chromium with the extension, fresh profile ---------------------------------------------------
const profile = mkdtempSync(join(tmpdir(), 'tandem-bench-sync-'));
log('launching Chromium with the extension (fresh profile) …');
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: [...chromiumArgs(EXTENSION_DIR, 'MAP tandem.invalid 127.0.0.1'), ...(WORKER_PROFILE ? [REMOTE_DEBUGGING_ARG] : [])],
});
type Chrome = { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value: unknown }> } } };

try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  const userAgent = await worker.evaluate(() => navigator.userAgent);
  const chromiumVersion = context.browser()?.version() ?? /Chrome\/([\d.]+)/.exec(userAgent)?.[1] ?? userAgent;
  const probe = await context.newPage();
  await probe.goto(`chrome-extension://${extensionId}/popup.html`);
  const status = async (): Promise<SyncStatus> => {
    const reply = await probe.evaluate(() => (globalThis as unknown as Chrome).chrome.runtime.sendMessage({ name: 'status.get', payload: {} }));
    if (!reply.ok) throw new Error(`status.get failed: ${JSON.stringify(reply)}`);
    return reply.value as SyncStatus;
  };

  // The probe page watches the cache's sync cursor (stored in the same transaction as each page): every
  // 50 ms during the first sync (enough against a run of minutes, and light on the shared cores), 5 ms for live changes.
  // Plain JavaScript, not a serialised TypeScript function: tsx would wrap inner names in a helper the page lacks.
  const probeEvery = (ms: number) => probe.evaluate((v) => ((globalThis as unknown as { __probeMs: number }).__probeMs = v), ms);
  await probeEvery(50);
  await probe.evaluate(PROBE_SCRIPT);
  /** Wall-clock time the cache's cursor first reached `target` (polls the probe's log). */
  async function cursorReached(target: number, timeoutMs: number): Promise<number> {
    await probe.waitForFunction((t) => ((globalThis as unknown as { __cursorLog: [number, number][] }).__cursorLog.at(-1)?.[1] ?? 0) >= t, target, {
      polling: 20,
      timeout: timeoutMs,
    });
    return (await cursorLog()).find(([, c]) => c >= target)?.[0] ?? Number.NaN;
  }
  const cursorLog = () => probe.evaluate(() => (globalThis as unknown as { __cursorLog: [number, number][] }).__cursorLog);

  // 3. First sync: sign in through the options page, as an agent would ------------------------------
  log(`signing in as ${DEMO_AGENT.email}; first sync of ${n(expectedTotal)} records (page size ${PAGE_SIZE}) …`);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Server address').fill(serverUrl);
  await options.getByLabel('Email').fill(DEMO_AGENT.email);
  await options.getByLabel('Password').fill(DEMO_AGENT.password);
  await setPhase('first');
  const serverCpuBefore = await serverCpuMs();
  const backendsCpuBefore = await backendsCpuMs();
  const benchCpuBefore = process.cpuUsage();
  const chromiumCpuBefore = chromiumCpuMs();
  const workerProfiler = WORKER_PROFILE ? await profileServiceWorker(profile, worker.url()) : null;
  const clickAt = Date.now();
  const clickPerf = performance.now();
  await options.getByRole('button', { name: 'Sign in' }).click();
  let done = false;
  const progress = (async () => {
    let lastTotal = 0;
    let lastAt = clickPerf;
    while (!done) {
      await new Promise((r) => setTimeout(r, 5000));
      if (done) break;
      const st = await status().catch(() => null);
      if (!st) continue;
      const total = Object.values(st.counts).reduce((a, b) => a + b, 0);
      const nowPerf = performance.now();
      log(
        `  ${n(total)} of ${n(expectedTotal)} cached (${((100 * total) / expectedTotal).toFixed(0)}%), ${n(((total - lastTotal) * 1000) / (nowPerf - lastAt))} records/s over the last interval`,
      );
      lastTotal = total;
      lastAt = nowPerf;
    }
  })();
  let syncedAt: number;
  let chromiumCpu = 0;
  let chromiumCpuByType: Record<string, number> = {};
  try {
    syncedAt = await cursorReached(expectedCursor, TIMEOUT_MS);
    chromiumCpuByType = cpuSince(chromiumCpuBefore, chromiumCpuMs());
    chromiumCpu = cpuTotal(chromiumCpuByType);
    if (workerProfiler) {
      writeFileSync(WORKER_PROFILE, JSON.stringify(await workerProfiler.stop()));
      log(`the worker's CPU profile of the first sync written to ${WORKER_PROFILE}`);
    }
  } finally {
    done = true;
  }
  // Confirm with the extension's own status: every count reached and the sync loop idle.
  let confirmed: SyncStatus | null = null;
  for (let i = 0; i < 600 && !confirmed; i++) {
    const st = await status();
    if (!st.syncing && Object.entries(expected).every(([k, v]) => st.counts[k] === v)) confirmed = st;
    else await new Promise((r) => setTimeout(r, 100));
  }
  const confirmedAt = Date.now();
  await progress;
  if (!confirmed) throw new Error(`The cache did not reach the expected counts: ${JSON.stringify((await status()).counts)} vs ${JSON.stringify(expected)}`);
  const firstMs = syncedAt - clickAt;
  // Where the interactions went: blocks of many (a first sync's pages) or rows (lib/db/interactions.ts).
  const stored = await probe.evaluate(
    () =>
      new Promise<{ rows: number; blocks: number; inBlocks: number }>((resolve, reject) => {
        const open = indexedDB.open('tandem');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('interactionBlocks')) {
            const rows = db.transaction('interactions').objectStore('interactions').count();
            rows.onsuccess = () => resolve({ rows: rows.result, blocks: 0, inBlocks: 0 });
            return;
          }
          const tx = db.transaction(['interactions', 'interactionBlocks', 'meta']);
          const rows = tx.objectStore('interactions').count();
          const blocks = tx.objectStore('interactionBlocks').count();
          // The count every block write keeps (lib/db/interactions.ts); the blocks' `ids` index is gone since Dexie 9.
          const inBlocks = tx.objectStore('meta').get('interactions.inBlocks');
          tx.oncomplete = () => {
            resolve({ rows: rows.result, blocks: blocks.result, inBlocks: Number(inBlocks.result?.value ?? 0) });
            db.close();
          };
        };
      }),
  );
  // The engine's own clock around each step of the pass, read from the service worker (lib/sync/pull-profile.ts).
  const activeWorker = context.serviceWorkers()[0] ?? worker;
  const profiles = await activeWorker.evaluate((key) => (globalThis as unknown as Record<string, PullProfile[] | undefined>)[key] ?? [], PULL_PROFILES_GLOBAL);
  const firstProfile = profiles.filter((p) => p.fromCursor === 0).sort((a, b) => b.records - a.records)[0] ?? null;
  // Pulls that belong to the first sync: those that began before the cache was complete (the stream opening afterwards pulls once more).
  const wallToPerf = performance.now() - Date.now();
  const serverCpu = (await serverCpuMs()) - serverCpuBefore;
  const backendsCpu = (await backendsCpuMs()) - backendsCpuBefore;
  const benchCpu = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(benchCpuBefore));
  const firstPulls = (await serverPulls()).filter((p) => p.phase === 'first' && p.start <= syncedAt + wallToPerf);
  const firstPullStart = firstPulls[0]?.start ?? Number.NaN;
  const serverMs = firstPulls.reduce((a, p) => a + (p.end - p.start), 0);
  const gapsMs = firstPulls.slice(1).reduce((a, p, i) => a + (p.start - (firstPulls[i]?.end ?? p.start)), 0);
  const beforeFirstPull = firstPullStart - clickPerf;
  log(`first sync done in ${s(firstMs)} (${n((expectedTotal * 1000) / firstMs)} records/s); status confirmed ${s(confirmedAt - clickAt)} after the click`);

  // 3b. The ceiling: the same feed pulled straight from the server in this run (Node fetch + JSON.parse, no zod, no
  // storage), page by page with the extension's page size, while Chromium idles. What the extension cannot beat.
  await setPhase('raw');
  const rawAgent = await api<SignInResponse>('/auth/sign-in', null, { email: DEMO_AGENT.email, password: DEMO_AGENT.password });
  const rawStart = performance.now();
  let rawRecords = 0;
  for (let cursor = 0, more = true; more; ) {
    const page = await api<PullResponse>(`/sync/pull?cursor=${cursor}&limit=${PAGE_SIZE}`, rawAgent.token);
    rawRecords += page.changes.length;
    cursor = page.cursor;
    more = page.hasMore;
  }
  const rawMs = performance.now() - rawStart;
  log(`raw server pull: ${n(rawRecords)} records in ${s(rawMs)} (${n((rawRecords * 1000) / rawMs)} records/s)`);

  // 4. Live changes --------------------------------------------------------------------------------
  await setPhase('live');
  await probeEvery(5);
  const other = await api<SignInResponse>('/auth/sign-in', null, SECOND_AGENT);
  const push = (mutations: MutationEnvelope[]) => api<PushResponse>('/sync/push', other.token, { mutations });
  const liveReady = async () => {
    // Make sure the worker is awake with its stream open, as it is while an agent works.
    for (let i = 0; i < 100; i++) {
      const st = await status();
      if (st.live && !st.syncing) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  };
  // Distinct customers per phase (7919 is prime to the customer count, so k ↦ k·7919 mod N does not repeat).
  const targetIds = (offset: number) => Array.from({ length: LIVE }, (_, k) => customerId(((offset + k) * 7919) % N_CUSTOMERS));
  /** How many of these customers the cache holds with the tag, as a row or in a block (JSON text, lib/db/customers.ts). */
  async function verify(ids: string[], tag: string): Promise<number> {
    return probe.evaluate(
      ([list, t]) =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open('tandem');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const tx = req.result.transaction(['customers', 'customerBlocks']);
            const rows = tx.objectStore('customers');
            // Customer blocks have no `*ids` index (Dexie 10): every block is read once, its customers found by position.
            const all = tx.objectStore('customerBlocks').getAll();
            all.onsuccess = () => {
              const inBlocks = new Map<string, string>();
              for (const block of all.result as Array<{ ids: string[]; texts: string[] }>)
                for (let i = 0; i < block.ids.length; i++) inBlocks.set(block.ids[i]!, block.texts[i]!);
              // No named inner functions: tsx would wrap them in a helper the page lacks (see PROBE_SCRIPT).
              const state = { found: 0, left: list.length };
              for (const id of list) {
                const row = rows.get(id);
                row.onsuccess = () => {
                  const text = row.result ? undefined : inBlocks.get(id);
                  const tags = row.result ? (row.result as { tags?: string[] }).tags : text ? (JSON.parse(text) as { tags?: string[] }).tags : undefined;
                  if (tags?.includes(t)) state.found++;
                  if (--state.left === 0) req.result.close(), resolve(state.found);
                };
              }
            };
          };
        }),
      [ids, tag] as const,
    );
  }

  // 4a. A burst from another agent: 1,000 tag changes in pushes of 100, sent back to back.
  const liveA = await liveReady();
  const idsA = targetIds(0);
  const startA = Date.now();
  let maxSeqA = 0;
  let appliedA = 0;
  for (let i = 0; i < LIVE; i += 100) {
    const mutations: MutationEnvelope[] = idsA.slice(i, i + 100).map((id, k) => ({
      id: `bench-a-${i + k}`,
      entity: 'customers',
      op: 'update',
      recordId: id,
      baseVersion: 1,
      patch: { tags: { add: ['live-a'], remove: [] } },
    }));
    for (const r of (await push(mutations)).results) {
      if (r.status === 'applied') appliedA++, (maxSeqA = Math.max(maxSeqA, r.change.seq));
    }
  }
  const writtenA = Date.now();
  const visibleA = await cursorReached(maxSeqA, 60_000);
  const foundA = await verify(idsA, 'live-a');
  log(
    `live burst (pushes): ${appliedA} applied in ${s(writtenA - startA)}, all in the cache ${s(visibleA - startA)} after the first write (${foundA}/${LIVE} verified)`,
  );

  // 4b. The same amount in one server transaction (one commit, one NOTIFY): e.g. a bulk import.
  const liveB = await liveReady();
  const idsB = targetIds(LIVE);
  const startB = Date.now();
  const written = await ask<{ start: number; end: number; maxSeq: number }>({
    method: 'rewriteCustomers',
    ids: idsB.map((id) => Number(id.slice('bcust-'.length))),
    tag: 'live-b',
  });
  const writtenB = Date.now();
  const visibleB = await cursorReached(written.maxSeq, 60_000);
  const foundB = await verify(idsB, 'live-b');
  log(
    `live burst (one transaction): written in ${s(writtenB - startB)}, all in the cache ${s(visibleB - startB)} after the write began (${foundB}/${LIVE} verified)`,
  );

  // 4c. One by one over STREAM_SECONDS: each a single-mutation push; latency = write start → cursor past its seq.
  let stream: {
    rate: number;
    ack: ReturnType<typeof latencies>;
    visible: ReturnType<typeof latencies>;
    max: number;
    found: number;
    live: boolean;
    seconds: number;
  } | null = null;
  if (STREAM_SECONDS > 0) {
    const liveC = await liveReady();
    log(`streaming ${n(LIVE)} changes one by one over ~${STREAM_SECONDS} s …`);
    const idsC = targetIds(2 * LIVE);
    const interval = (STREAM_SECONDS * 1000) / LIVE;
    const writes: { at: number; acked: number; seq: number }[] = [];
    const inFlight: Promise<void>[] = [];
    const t0 = performance.now();
    // On a fixed schedule, not one after another, so a slow answer does not lower the rate.
    for (let k = 0; k < LIVE; k++) {
      const wait = t0 + k * interval - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const at = Date.now();
      inFlight.push(
        push([
          { id: `bench-c-${k}`, entity: 'customers', op: 'update', recordId: idsC[k] ?? '', baseVersion: 1, patch: { tags: { add: ['live-c'], remove: [] } } },
        ]).then(({ results: [r] }) => {
          if (r?.status === 'applied') writes.push({ at, acked: Date.now(), seq: r.change.seq });
        }),
      );
    }
    await Promise.all(inFlight);
    const seconds = (performance.now() - t0) / 1000;
    await cursorReached(Math.max(...writes.map((w) => w.seq)), 60_000);
    const entries = await cursorLog();
    const visibleAfter = writes.map((w) => (entries.find(([, c]) => c >= w.seq)?.[0] ?? Number.NaN) - w.at);
    const found = await verify(idsC, 'live-c');
    stream = {
      rate: writes.length / seconds,
      ack: latencies(writes.map((w) => w.acked - w.at)),
      visible: latencies(visibleAfter),
      max: Math.max(...visibleAfter),
      found,
      live: liveC,
      seconds,
    };
    log(`stream: visible p50 ${stream.visible.p50} ms, p95 ${stream.visible.p95} ms`);
  }

  // 5. Instrumented replay: the engine's pull loop with a clock around each step, sampled per entity ----
  const replays: (ReplayResult & { entity: string; serverMs: number; feedPages: number })[] = [];
  if (REPLAY_PAGES > 0) {
    log(`replaying ${REPLAY_PAGES} pages from the middle of each entity's feed with a clock around each step (same lib/db code) …`);
    const bundle = await build({
      entryPoints: [join(import.meta.dirname, 'replay-entry.ts')],
      bundle: true,
      format: 'iife',
      write: false,
      platform: 'browser',
      logLevel: 'silent',
    });
    const token = (await api<SignInResponse>('/auth/sign-in', null, DEMO_AGENT)).token;
    const page = await context.newPage();
    await page.goto(`${serverUrl}/health`);
    await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
    for (const { entity, first, count } of feed) {
      const phase = `replay-${entity}`;
      await setPhase(phase);
      const cursor = first - 1 + Math.floor(Math.max(0, count - REPLAY_PAGES * PAGE_SIZE) / 2);
      const result = await page.evaluate(
        ([url, t, size, c, p]) =>
          (globalThis as unknown as { __syncReplay(u: string, t: string, s: number, name: string, c: number, p: number): Promise<ReplayResult> }).__syncReplay(
            url,
            t,
            size,
            'bench-replay',
            c,
            p,
          ),
        [serverUrl, token, PAGE_SIZE, cursor, REPLAY_PAGES] as const,
      );
      replays.push({
        ...result,
        entity,
        serverMs: (await serverPulls()).filter((p) => p.phase === phase).reduce((a, p) => a + (p.end - p.start), 0),
        feedPages: count / PAGE_SIZE,
      });
    }
    await page.evaluate(() => (globalThis as unknown as { __dropDb(name: string): Promise<void> }).__dropDb('bench-replay'));
    await page.close();
    log('replay done');
  }

  // 6. Report ---------------------------------------------------------------------------------------
  // From the replayed pages' sizes, per entity, times the entity's pages in the feed.
  const jsonBytes = replays.reduce((a, r) => a + (r.bytes / r.pages) * r.feedPages, 0);
  const firstRate = (expectedTotal * 1000) / firstMs;
  const rawRate = (rawRecords * 1000) / rawMs;
  const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`;
  report.push(
    '',
    '=== bench:sync — first sync and live changes, extension in Chromium against the Tandem server ===',
    `data       agent@tandem.demo (team-care) sees ${n(expectedTotal)} records: ${Object.entries(expected)
      .map(([k, v]) => `${n(v)} ${k}`)
      .join(', ')}`,
    `           = bulk ${n(N_CUSTOMERS)} customers, ${n(N_INTERACTIONS)} interactions, ${n(N_ARTICLES)} published articles (bench/sync/data.ts,`,
    `           deterministic, ~0.36 / 0.46 / 2 kB of JSON each) + the demo seed${SCALE !== 1 ? `   [BENCH_SCALE=${SCALE}: NOT the full size]` : ''}`,
    `setup      bulk insert ${s(insertTotal)} (customers ${s(insertMs.customers)}, interactions ${s(insertMs.interactions)}, articles ${s(insertMs.articles)}):`,
    `           writeRecords (zod-parsed, seq from change_seq) 5,000 rows a transaction — setup, not a figure`,
    `server     ${engine}; the app (server/app.ts createApp) in a Node process of its own (bench/sync/server-process.ts);`,
    `           pull pages ${pullEncoding === 'gzip' ? 'gzipped as to a client across a network (BENCH_PULL_ENCODING=gzip; loopback is not compressed)' : 'in text, as to any loopback client (server/sync/pull-encoding.ts)'}`,
    analyzeMs === null
      ? `           planner statistics: none forced after the load; on PGlite (no autovacuum) the pull route's plannerStatistics runs ANALYZE before the first pull, as shipped`
      : `           planner statistics: ANALYZE run after the insert (${s(analyzeMs)}), as autovacuum would — NOT what PGlite does by itself`,
    '',
    `FIRST SYNC ${s(firstMs)}  →  ${n((expectedTotal * 1000) / firstMs)} records/s   (${firstPulls.length} pages of ${PAGE_SIZE}, up to ${PULL_PREFETCH} requested ahead${jsonBytes ? `, ~${mbs(jsonBytes)} of JSON` : ''})`,
    `           method: fresh profile; clock starts at the click on "Sign in" in options.html and stops when the cache's sync cursor`,
    `           (meta 'sync.cursor', written in the same transaction as each page) reaches the last visible seq, read by a probe page`,
    `           polling IndexedDB every 50 ms; then status.get confirmed counts = expected and syncing = false (${s(confirmedAt - clickAt)} after the click).`,
    `           split from the server's side: sign-in + empty push before the first pull ${s(beforeFirstPull)}; pull handlers (SQL, page`,
    `           text, wall time in the server) ${s(serverMs)} (${pct(serverMs, firstMs)}); between pulls, i.e. in the extension (transfer, JSON, zod,`,
    `           Dexie apply) ${s(gapsMs)} (${pct(gapsMs, firstMs)}). CPU from the click to the cache complete: the server process ${s(serverCpu)}`,
    `           (${pct(serverCpu, firstMs)} of one core; in its pull handlers ${s(firstPulls.reduce((a, p) => a + p.cpuMs, 0))}), the bench's own process ${s(benchCpu)}${PG_URL ? `, PostgreSQL's backends ${s(backendsCpu)} (/proc)` : ''};`,
    `           Chromium and the server share the same ${cpus().length} cores. CHROMIUM CPU ${s(chromiumCpu)} from the click to the cursor at the`,
    `           last seq (all its processes: the worker's fetch, JSON, zod and Dexie, IndexedDB's backend, the pages; /proc), ${n((expectedTotal * 1000) / Math.max(1, chromiumCpu))} records a CPU-second;`,
    `           by process: ${Object.entries(chromiumCpuByType)
      .filter(([, ms]) => ms >= 50)
      .sort((a, b) => b[1] - a[1])
      .map(([type, ms]) => `${type} ${s(ms)}`)
      .join(', ')}.`,
    `  ceiling  the same feed pulled straight from the server in this run (fetch + JSON.parse, pages of ${PAGE_SIZE}, no zod, no storage):`,
    `           ${n(rawRecords)} records in ${s(rawMs)} → ${n(rawRate)} records/s; extension ÷ raw pull = ${((100 * firstRate) / rawRate).toFixed(0)}%`,
    `  anchors  target ≥ 25,000 records/s (issue 18); PowerSync's published initial sync on desktop: 27,600 rows/s → ours is ${((100 * firstRate) / POWERSYNC_ROWS_PER_S).toFixed(0)}% of it`,
    `           load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} now (1/5/15 min): on a loaded machine both our figures drop, the anchors do not.`,
  );
  if (firstProfile) {
    const p = firstProfile;
    const writes = Object.values(p.writeMs).reduce((a, b) => a + (b ?? 0), 0);
    const other = p.wallMs - p.waitMs - writes - p.transactionMs - p.listenersMs;
    // A build from before pages shared transactions has no count of them: one a page.
    const transactions = p.transactions ?? p.pages;
    const rows: string[][] = [['           step (in the extension, the whole pass)', 'ms', 'of the pass', 'ms per transaction (that wrote it)']];
    const row = (label: string, msValue: number, pages = transactions) =>
      rows.push([`           ${label}`, n(msValue), pct(msValue, p.wallMs), (msValue / pages).toFixed(1)]);
    row('waiting for a page (fetch + JSON + zod not hidden)', p.waitMs);
    for (const [entity, msValue] of Object.entries(p.writeMs)) {
      const pages = p.tablePages[entity as keyof typeof p.tablePages] ?? 1;
      row(`Dexie write: ${entity} (${pages} transactions)`, msValue ?? 0, pages);
    }
    row('transaction rest (outbox read, cursor, commit)', p.transactionMs);
    row('listeners told of each page (sync part)', p.listenersMs);
    row('other (feed check, loop)', other);
    report.push(
      `  profile  the engine's clock around each step of the first pass (lib/sync/pull-profile.ts, read from the worker): ${p.pages} pages in ${transactions} transactions,`,
      `           ${n(p.records)} records in ${s(p.wallMs)} from the first request to the last page stored. Requests took ${s(p.requestMs)} in all`,
      `           (fetch + JSON + zod, overlapping the writes: page n+1 is fetched while page n is written).`,
      table(rows),
      `           The knowledge index and escalations follow each page asynchronously (not in these rows); their CPU competes with the writes.`,
      `           Dexie write per record: ${Object.entries(p.writeMs)
        .filter(([entity]) => (expected[entity] ?? 0) > 0)
        .map(([entity, msValue]) => `${entity} ${(((msValue ?? 0) * 1000) / (expected[entity] ?? 1)).toFixed(0)} µs`)
        .join(', ')} (wall time, this load).`,
    );
  }
  report.push(
    `  storage  interactions after the first sync: ${n(stored.inBlocks)} in ${n(stored.blocks)} blocks (lib/db/interactions.ts: a page of ≥ 100 goes to blocks of 50), ${n(stored.rows)} as rows.`,
  );
  if (replays.length > 0) {
    const per = (x: number, pages: number) => `${(x / pages).toFixed(1)}`;
    const est = { server: 0, transfer: 0, json: 0, zod: 0, apply: 0 };
    const rows: string[][] = [[`           ms per page of ${PAGE_SIZE}`, 'server', 'transfer', 'JSON.parse', 'zod', 'Dexie apply', 'kB/page', 'pages in feed']];
    for (const r of replays) {
      const transfer = r.fetchMs - r.serverMs;
      rows.push([
        `           ${r.entity} (${r.pages} pages)`,
        per(r.serverMs, r.pages),
        per(transfer, r.pages),
        per(r.jsonMs, r.pages),
        per(r.zodMs, r.pages),
        per(r.applyMs, r.pages),
        (r.bytes / r.pages / 1024).toFixed(0),
        n(r.feedPages),
      ]);
      est.server += (r.serverMs / r.pages) * r.feedPages;
      est.transfer += (transfer / r.pages) * r.feedPages;
      est.json += (r.jsonMs / r.pages) * r.feedPages;
      est.zod += (r.zodMs / r.pages) * r.feedPages;
      est.apply += (r.applyMs / r.pages) * r.feedPages;
    }
    const estTotal = est.server + est.transfer + est.json + est.zod + est.apply;
    report.push(
      `  split    replay of ${REPLAY_PAGES} consecutive pages from the middle of each entity's stretch of the feed: the engine's pull loop`,
      `           rebuilt from the same code (lib/db applyPulledPage: page and cursor in one transaction, lib/schema PullResponse) in a page`,
      `           of the server's origin with its own database and a clock around each step; server time measured in the server:`,
      table(rows),
      `           weighted by pages in the feed: server ${s(est.server)} (${pct(est.server, estTotal)}), transfer ${s(est.transfer)} (${pct(est.transfer, estTotal)}), JSON ${s(est.json)} (${pct(est.json, estTotal)}),`,
      `           zod ${s(est.zod)} (${pct(est.zod, estTotal)}), Dexie apply ${s(est.apply)} (${pct(est.apply, estTotal)}) = ${s(estTotal)} estimated vs ${s(firstMs)} measured (ESTIMATE: sampled pages, not the run).`,
    );
  }
  report.push(
    '',
    `LIVE       ${n(LIVE)} changes by agent2@ (same team) while the extension is signed in, live stream open (${[liveA, liveB].every(Boolean) ? 'yes' : 'NO'}):`,
    `  burst    pushes of 100 back to back: written in ${s(writtenA - startA)}, all ${foundA}/${LIVE} in the cache ${s(visibleA - startA)} after the first write  →  ${n((LIVE * 1000) / (visibleA - startA))} changes/s`,
    `           (the server's push path sets the pace: the cache trailed the last write by ${s(visibleA - writtenA)})`,
    `  one tx   one server transaction (writeRecords, one NOTIFY): written in ${s(writtenB - startB)}, in the cache ${s(visibleB - startB)} after the write began  →  ${n((LIVE * 1000) / (visibleB - startB))} changes/s (${foundB}/${LIVE})`,
  );
  if (stream) {
    report.push(
      `  stream   one push per change, ${stream.rate.toFixed(0)} changes/s for ${stream.seconds.toFixed(1)} s (live ${stream.live ? 'open' : 'NOT open'}): write → in the cache p50 ${stream.visible.p50} ms, p95 ${stream.visible.p95} ms, max ${stream.max} ms`,
      `           (push answered p50 ${stream.ack.p50} ms, p95 ${stream.ack.p95} ms; ${stream.found}/${LIVE} verified)`,
    );
  }
  report.push(
    `           method: customer tag changes (each a new seq); "in the cache" = the probe page saw the sync cursor pass the change's seq`,
    `           (5 ms polling, so up to ~5 ms late); then every changed record was read back from IndexedDB and checked.`,
    '',
    `machine    ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}, Chromium ${chromiumVersion} headless;`,
    `           load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} (1/5/15 min) at the end. The machine is SHARED with other work: figures move with its load.`,
    `bench      total run time ${s(performance.now() - benchStart)}`,
  );
  console.log(report.join('\n'));
} finally {
  await context.close().catch(() => undefined);
  // The server process closes its server and drops a PostgreSQL database before it answers; then it is let go.
  await ask<null>({ method: 'close' }).catch(() => undefined);
  serverProcess.disconnect();
  rmSync(profile, { recursive: true, force: true });
}
