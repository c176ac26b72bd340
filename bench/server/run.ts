// npm run bench:server — the sync server's own throughput and live latency, over HTTP, on PGlite and on PostgreSQL:
// push (mutations/s in batches of 100, and the idempotent replay path), pull (records/s from cursor 0 in pages of
// 1000) and live push (a commit through one client → `event: cursor` on another client's /sync/live stream).
// The server is the real one (server/start.ts startServer, demo seed); the bench is an HTTP client in the same process.
// Env: BENCH_BATCHES (40 timed pushes of 100), BENCH_FILL (60 more untimed pushes before the pull, so it has data),
// BENCH_LIVE_SAMPLES (50), BENCH_PULL_REPEAT (3 full pulls), TANDEM_BENCH_DATABASE_URL (a PostgreSQL server on which a
// throwaway database may be created and dropped; default postgres://tandem:tandem@127.0.0.1:5432/tandem_test),
// BENCH_POSTGRES=0 skips PostgreSQL, BENCH_PGLITE=0 PGlite; BENCH_CONCURRENT_ROUNDS (10 pushes a client, PostgreSQL only),
// BENCH_FANOUT_STREAMS (1000 live streams), BENCH_FANOUT_SAMPLES (10 commits fanned out).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Change, MutationEnvelope, MutationResult, PullResponse, PushResponse, SignInResponse } from '../../lib/schema/api';
import { type RunningServer, startServer } from '../../server/start';
import { latencies, table } from '../stats';
import { type ConcurrentPushFigures, measureConcurrentPush } from './concurrent-push';
import { type FanoutFigures, measureFanout } from './fanout';
import { openLiveStream } from './live';

const BATCHES = Number(process.env.BENCH_BATCHES ?? 40);
const FILL = Number(process.env.BENCH_FILL ?? 60);
const WARMUP = 3;
const REPLAYS = Math.min(10, BATCHES);
const LIVE_SAMPLES = Number(process.env.BENCH_LIVE_SAMPLES ?? 50);
const PULL_REPEAT = Math.max(1, Number(process.env.BENCH_PULL_REPEAT ?? 3));
const PAGE = 1000;
const FANOUT_STREAMS = Number(process.env.BENCH_FANOUT_STREAMS ?? 1000);
const FANOUT_SAMPLES = Number(process.env.BENCH_FANOUT_SAMPLES ?? 10);
const CONCURRENT_ROUNDS = Number(process.env.BENCH_CONCURRENT_ROUNDS ?? 10);
/** The concurrent loads issue 18 sets targets for: [clients, mutations a push, mutations/s target, p95 ms target]. */
const CONCURRENT_LOADS = [
  [10, 50, 5000, 250],
  [50, 1, null, 100],
] as const;
const LIVE_GAP_MS = 25; // between live samples, so one event answers one commit (close commits coalesce into one event)
const PG_URL = process.env.TANDEM_BENCH_DATABASE_URL || 'postgres://tandem:tandem@127.0.0.1:5432/tandem_test';
const TRY_PG = process.env.BENCH_POSTGRES !== '0';
const AGENT = { email: 'agent@tandem.demo', password: 'tandem-demo' };
const AGENT2 = { email: 'agent2@tandem.demo', password: 'tandem-demo' };
const TEAM = 'team-care';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const n = (x: number) => Math.round(x).toLocaleString('en');
const f1 = (x: number) => x.toFixed(1);
const s = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;
const mbs = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const sleep = (msValue: number) => new Promise((r) => setTimeout(r, msValue));
const benchStart = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - benchStart) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const loadAtStart = loadavg();

// HTTP ------------------------------------------------------------------------------------------------
async function call<T>(base: string, path: string, token: string | null, body?: string): Promise<{ value: T; bytes: number }> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const buf = await res.arrayBuffer();
  const text = new TextDecoder().decode(buf);
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return { value: JSON.parse(text) as T, bytes: buf.byteLength };
}
const signIn = async (base: string, who: { email: string; password: string }) =>
  (await call<SignInResponse>(base, '/auth/sign-in', null, JSON.stringify(who))).value.token;
const push = async (base: string, token: string, body: string) => (await call<PushResponse>(base, '/sync/push', token, body)).value.results;

/** Throws unless every result is applied with the expected replayed flag: a bench of rejected mutations measures nothing. */
function expectApplied(results: MutationResult[], count: number, replayed: boolean): void {
  if (results.length !== count) throw new Error(`push answered ${results.length} results for ${count} mutations`);
  const bad = results.find((r) => r.status !== 'applied' || r.replayed !== replayed);
  if (bad) throw new Error(`expected every mutation applied${replayed ? ' as a replay' : ''}, got ${JSON.stringify(bad).slice(0, 400)}`);
}

// Mutations ---------------------------------------------------------------------------------------------
// A batch is what an agent's outbox holds after capturing cases: 25 new cases (with a capture source, so the
// duplicate-source check runs), 50 interactions on them (the reference checks run), and 25 updates to the cases
// of the previous batch (status, priority and a tag: the field-by-field merge runs). Batch 0 has 25 more
// interactions instead of the updates. Every mutation is valid and applies.
function makeBatch(run: string, b: number, customers: readonly string[]): MutationEnvelope[] {
  const at = new Date().toISOString();
  const caseId = (batch: number, k: number) => `bcase-${run}-${batch}-${k}`;
  const customerOf = (batch: number, k: number) => customers[(batch * 25 + k) % customers.length] ?? '';
  const out: MutationEnvelope[] = [];
  for (let k = 0; k < 25; k++) {
    out.push({
      id: `m-${run}-${b}-c${k}`,
      entity: 'cases',
      op: 'create',
      recordId: caseId(b, k),
      data: {
        teamId: TEAM,
        customerId: customerOf(b, k),
        subject: `Roaming charge on the bill again (bench ${b}/${k})`,
        status: 'new',
        priority: 'normal',
        channel: 'zendesk',
        assigneeId: null,
        tags: ['billing', 'roaming'],
        source: { url: `https://support.example.com/tickets/${b * 100 + k}`, site: 'zendesk', externalId: `bench-${run}-${b}-${k}`, pageTitle: 'Ticket' },
      },
    });
  }
  const interactions = b === 0 ? 75 : 50;
  for (let k = 0; k < interactions; k++) {
    const c = k % 25;
    out.push({
      id: `m-${run}-${b}-i${k}`,
      entity: 'interactions',
      op: 'create',
      recordId: `bint-${run}-${b}-${k}`,
      data: {
        teamId: TEAM,
        customerId: customerOf(b, c),
        caseId: caseId(b, c),
        channel: 'zendesk',
        visibility: 'private',
        direction: k < 25 ? 'inbound' : 'outbound',
        text:
          k < 25
            ? 'My bill shows a roaming charge again after the update, although roaming was switched off for the whole trip. Please refund it.'
            : 'Thanks for the details. I have opened a refund for the roaming charge; it shows on your next bill within five working days.',
        sourceUrl: null,
        authorName: k < 25 ? null : 'Alex Agent',
        occurredAt: at,
      },
    });
  }
  if (b > 0) {
    for (let k = 0; k < 25; k++) {
      out.push({
        id: `m-${run}-${b}-u${k}`,
        entity: 'cases',
        op: 'update',
        recordId: caseId(b - 1, k),
        baseVersion: 1,
        patch: { status: 'pending', priority: 'high', tags: { add: ['refund'], remove: [] } },
      });
    }
  }
  return out;
}

interface LiveFigures {
  label: string;
  sendToEvent: ReturnType<typeof latencies>;
  ackToEvent: ReturnType<typeof latencies>;
  roundTrip: ReturnType<typeof latencies>;
  max: number;
  samples: number;
  events: number;
}

/** Single-mutation pushes by agent2 through `writeBase`; agent's stream on `listenBase` must show each one's seq. */
async function measureLive(
  label: string,
  writeBase: string,
  listenBase: string,
  writerToken: string,
  listenerToken: string,
  customers: readonly string[],
  run: string,
): Promise<LiveFigures> {
  const live = await openLiveStream(listenBase, listenerToken);
  try {
    const send: number[] = [];
    const ack: number[] = [];
    const rtt: number[] = [];
    // Two unmeasured rounds first: the first NOTIFY on a fresh connection and the first stream write are slower.
    for (let i = -2; i < LIVE_SAMPLES; i++) {
      const body = JSON.stringify({
        mutations: [
          {
            id: `live-${run}-${i}`,
            entity: 'interactions',
            op: 'create',
            recordId: `bint-live-${run}-${i}`,
            data: {
              teamId: TEAM,
              customerId: customers[(i + 2) % customers.length],
              caseId: null,
              channel: 'chat',
              visibility: 'private',
              direction: 'inbound',
              text: 'Is the outage in Berlin fixed yet? My router still shows no connection.',
              sourceUrl: null,
              authorName: null,
              occurredAt: new Date().toISOString(),
            },
          },
        ],
      });
      const t0 = performance.now();
      const results = await push(writeBase, writerToken, body);
      const t1 = performance.now();
      expectApplied(results, 1, false);
      const r = results[0];
      if (r?.status !== 'applied') throw new Error('unreachable');
      const tEvent = await live.reached(r.change.seq);
      if (i >= 0) {
        send.push(tEvent - t0);
        ack.push(tEvent - t1);
        rtt.push(t1 - t0);
      }
      await sleep(LIVE_GAP_MS);
    }
    return {
      label,
      sendToEvent: latencies(send),
      ackToEvent: latencies(ack),
      roundTrip: latencies(rtt),
      max: Math.max(...send),
      samples: send.length,
      events: live.events(),
    };
  } finally {
    live.close();
  }
}

// One engine --------------------------------------------------------------------------------------------
interface EngineFigures {
  engine: string;
  detail: string;
  push: { mutations: number; ms: number; batch: ReturnType<typeof latencies>; max: number };
  replay: { mutations: number; ms: number; batch: ReturnType<typeof latencies> };
  fill: { mutations: number; ms: number };
  pull: { records: number; pages: number; bytes: number; runsMs: number[]; byEntity: Record<string, number>; page: ReturnType<typeof latencies> };
  live: LiveFigures[];
  concurrent: ConcurrentPushFigures[];
  fanout: FanoutFigures;
}

async function benchEngine(engine: 'pglite' | 'postgres', detail: string, databaseUrl?: string): Promise<EngineFigures> {
  const run = randomBytes(3).toString('hex');
  log(`${engine}: starting the server (startServer, ${databaseUrl ? 'throwaway database' : "dataDir 'memory://'"}, demo seed) …`);
  // Room for the fan-out's streams beside the other requests (HTTP_LIMITS allows 1,000 sockets), all opened with one
  // agent's token (a user may hold LIVE_STREAMS_PER_USER by default): what is measured is the process's fan-out.
  const server: RunningServer = await startServer({
    port: 0,
    httpLimits: { maxConnections: FANOUT_STREAMS + 200 },
    liveStreamsPerUser: FANOUT_STREAMS,
    ...(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' }),
  });
  let second: ChildProcess | null = null;
  try {
    const base = server.url;
    const token = await signIn(base, AGENT);
    const token2 = await signIn(base, AGENT2);
    // The team's live customers, from a first pull (the seed's team-care customers).
    const first = (await call<PullResponse>(base, `/sync/pull?cursor=0&limit=${PAGE}`, token)).value;
    const customers = first.changes
      .filter((c): c is Extract<Change, { entity: 'customers' }> => c.entity === 'customers' && !c.record.deleted && c.record.teamId === TEAM)
      .map((c) => c.record.id);
    if (customers.length === 0) throw new Error('no team-care customers in the first pull');

    // 1. Push --------------------------------------------------------------------------------------------
    log(`${engine}: push — ${WARMUP} warm-up + ${BATCHES} timed batches of 100 mutations (${customers.length} customers) …`);
    const bodies: string[] = [];
    for (let b = 0; b < WARMUP; b++) expectApplied(await push(base, token, JSON.stringify({ mutations: makeBatch(run, b, customers) })), 100, false);
    const batchMs: number[] = [];
    for (let b = WARMUP; b < WARMUP + BATCHES; b++) {
      const body = JSON.stringify({ mutations: makeBatch(run, b, customers) });
      bodies.push(body);
      const t0 = performance.now();
      const results = await push(base, token, body);
      batchMs.push(performance.now() - t0);
      expectApplied(results, 100, false);
    }
    const pushMs = batchMs.reduce((a, x) => a + x, 0);
    log(`${engine}: push ${n((BATCHES * 100 * 1000) / pushMs)} mutations/s; replaying ${REPLAYS} batches …`);
    const replayMs: number[] = [];
    for (let r = 0; r < REPLAYS; r++) {
      const body = bodies[Math.floor((r * bodies.length) / REPLAYS)] ?? '';
      const t0 = performance.now();
      const results = await push(base, token, body);
      replayMs.push(performance.now() - t0);
      expectApplied(results, 100, true);
    }

    // Fill: more of the same, untimed, so the pull reads a team of a realistic size.
    const fillStart = performance.now();
    for (let b = WARMUP + BATCHES; b < WARMUP + BATCHES + FILL; b++) {
      expectApplied(await push(base, token, JSON.stringify({ mutations: makeBatch(run, b, customers) })), 100, false);
      if ((b - WARMUP - BATCHES + 1) % 50 === 0) log(`${engine}: fill ${b - WARMUP - BATCHES + 1} of ${FILL} batches`);
    }
    const fillMs = performance.now() - fillStart;

    // 2. Pull --------------------------------------------------------------------------------------------
    log(`${engine}: pull — ${PULL_REPEAT} full pulls from cursor 0, pages of ${PAGE} …`);
    const runsMs: number[] = [];
    const pageMs: number[] = [];
    let records = 0;
    let pages = 0;
    let bytes = 0;
    const byEntity: Record<string, number> = {};
    for (let rep = 0; rep < PULL_REPEAT; rep++) {
      records = 0;
      pages = 0;
      bytes = 0;
      let cursor = 0;
      const t0 = performance.now();
      for (;;) {
        const p0 = performance.now();
        const page = await call<PullResponse>(base, `/sync/pull?cursor=${cursor}&limit=${PAGE}`, token);
        pageMs.push(performance.now() - p0);
        pages++;
        bytes += page.bytes;
        records += page.value.changes.length;
        if (rep === 0) for (const c of page.value.changes) byEntity[c.entity] = (byEntity[c.entity] ?? 0) + 1;
        cursor = page.value.cursor;
        if (!page.value.hasMore) break;
      }
      runsMs.push(performance.now() - t0);
    }
    log(`${engine}: pull ${n(records)} records in ${pages} pages, best ${s(Math.min(...runsMs))}`);

    // 3. Live --------------------------------------------------------------------------------------------
    log(`${engine}: live — ${LIVE_SAMPLES} single-mutation pushes by agent2, agent's /sync/live on the same process …`);
    const live: LiveFigures[] = [await measureLive('same process', base, base, token2, token, customers, `${run}-a`)];
    if (databaseUrl) {
      log(`${engine}: live — starting a second server process (server/main.ts) on the same database …`);
      const b = await spawnServer(databaseUrl);
      second = b.child;
      // Tokens live in the shared database, so agent's token is valid on B too.
      live.push(await measureLive('write on A, listen on B (2nd process)', base, b.url, token2, token, customers, `${run}-b`));
    }
    // 4. Concurrent pushes ------------------------------------------------------------------------------
    // PostgreSQL only: the targets are PostgreSQL's, and PGlite's one connection queues every push behind the others.
    const concurrent: ConcurrentPushFigures[] = [];
    for (const [clients, batch] of engine === 'postgres' ? CONCURRENT_LOADS : []) {
      log(`${engine}: concurrent push — ${clients} clients × ${CONCURRENT_ROUNDS} pushes of ${batch} …`);
      concurrent.push(
        await measureConcurrentPush({
          base,
          tokens: [token, token2],
          team: TEAM,
          customers,
          clients,
          batch,
          rounds: CONCURRENT_ROUNDS,
          run: `${run}-c${clients}`,
        }),
      );
    }

    // 5. Live fan-out -----------------------------------------------------------------------------------
    log(`${engine}: fan-out — ${FANOUT_STREAMS} live streams of agent@, ${FANOUT_SAMPLES} single-mutation pushes by agent2 …`);
    const fanout = await measureFanout({
      base,
      listenerToken: token,
      writerToken: token2,
      team: TEAM,
      customers,
      streams: FANOUT_STREAMS,
      samples: FANOUT_SAMPLES,
      run,
    });
    return {
      engine,
      detail,
      concurrent,
      fanout,
      push: { mutations: BATCHES * 100, ms: pushMs, batch: latencies(batchMs), max: Math.max(...batchMs) },
      replay: { mutations: REPLAYS * 100, ms: replayMs.reduce((a, x) => a + x, 0), batch: latencies(replayMs) },
      fill: { mutations: FILL * 100, ms: fillMs },
      pull: { records, pages, bytes, runsMs, byEntity, page: latencies(pageMs) },
      live,
    };
  } finally {
    if (second) await stopChild(second);
    await server.close();
  }
}

/** Another server process on the same database, as a load balancer would run it. */
async function spawnServer(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', TANDEM_SEED: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`second server did not start in 30 s: ${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) clearTimeout(timer), resolve(m[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`second server exited (${code}): ${out}`))));
  });
  return { child, url };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

// PostgreSQL: a throwaway database per run, as server/testing.ts openTestDb makes them ---------------------
async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function probePostgres(): Promise<string | null> {
  try {
    return await withAdmin(async (c) => {
      const row = (
        await c.query<{ v: string; fsync: string; sync: string; buffers: string }>(
          `select current_setting('server_version') as v, current_setting('fsync') as fsync,
                  current_setting('synchronous_commit') as sync, current_setting('shared_buffers') as buffers`,
        )
      ).rows[0];
      return `PostgreSQL ${row?.v} on ${new URL(PG_URL).host} (fsync=${row?.fsync}, synchronous_commit=${row?.sync}${row?.fsync === 'on' && row?.sync !== 'off' ? ': every commit waits for the disk' : ''}; shared_buffers=${row?.buffers}), pg Pool of 10`;
    });
  } catch {
    return null;
  }
}

// Main ----------------------------------------------------------------------------------------------------
const pgliteVersion = (
  JSON.parse(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }
).version;
const results: EngineFigures[] = [];
// BENCH_PGLITE=0 skips PGlite (e.g. to measure PostgreSQL's concurrent pushes alone).
if (process.env.BENCH_PGLITE !== '0') {
  results.push(await benchEngine('pglite', `PGlite ${pgliteVersion} in memory (dataDir 'memory://': no disk, nothing fsynced), inside the server process`));
}

let pgSkipped: string | null = null;
const pgDetail = TRY_PG ? await probePostgres() : null;
if (!TRY_PG) pgSkipped = 'BENCH_POSTGRES=0';
else if (!pgDetail) pgSkipped = `no PostgreSQL answered at ${new URL(PG_URL).host} (set TANDEM_BENCH_DATABASE_URL to a server where a database may be created)`;
else {
  const name = `tandem_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  try {
    results.push(await benchEngine('postgres', `${pgDetail}; throwaway database ${name}, dropped after`, url.toString()));
  } finally {
    await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
  }
}

// Report ----------------------------------------------------------------------------------------------------
const rate = (count: number, msValue: number) => n((count * 1000) / msValue);
const lat = (l: ReturnType<typeof latencies>) => `p50 ${f1(l.p50)} ms, p95 ${f1(l.p95)} ms`;
const report: string[] = ['', '=== bench:server — Tandem sync server over HTTP: push, pull, live ==='];
for (const r of results) {
  const best = Math.min(...r.pull.runsMs);
  report.push(
    '',
    `--- ${r.engine} ---`,
    `engine     ${r.detail}`,
    `PUSH       ${rate(r.push.mutations, r.push.ms)} mutations/s   (${n(r.push.mutations)} mutations in ${r.push.mutations / 100} pushes of 100, one after another, ${s(r.push.ms)})`,
    `           per push of 100: ${lat(r.push.batch)}, max ${f1(r.push.max)} ms`,
    `  replay   ${rate(r.replay.mutations, r.replay.ms)} mutations/s   (${r.replay.mutations / 100} of those pushes sent again: every result "replayed", nothing applied; ${lat(r.replay.batch)})`,
    `           batch = 25 case creates (capture source → duplicate check, SLA) + 50 interactions on them + 25 case updates`,
    `           (status, priority, tag; field-by-field merge) by agent@ (team-care); one transaction a push, its writes stored`,
    `           together at its end (savepoints only after a failure: docs/sync-protocol.md, "Push"); after ${WARMUP} untimed warm-up pushes. Clock: request sent → response parsed, client in the server's process.`,
    `PULL       ${rate(r.pull.records, best)} records/s   (full pull from cursor 0: ${n(r.pull.records)} records, ${r.pull.pages} pages of ${PAGE}, ${mbs(r.pull.bytes)} of JSON;`,
    `           best of ${r.pull.runsMs.length}: ${r.pull.runsMs.map(s).join(', ')}; per page ${lat(r.pull.page)})`,
    `           data: what agent@ sees — ${Object.entries(r.pull.byEntity)
      .map(([k, v]) => `${n(v)} ${k}`)
      .join(', ')}:`,
    `           the demo seed + the pushes above + ${n(r.fill.mutations)} more mutations pushed untimed (${rate(r.fill.mutations, r.fill.ms)}/s).`,
    `           Clock: first request sent → last page parsed (JSON.parse, no zod on the client); sequential pages.`,
  );
  for (const [i, c] of r.concurrent.entries()) {
    const [, , rateTarget, p95Target] = CONCURRENT_LOADS[i] ?? [];
    const meets = (rateTarget === null || rateTarget === undefined || c.perSecond >= rateTarget) && c.push.p95 <= (p95Target ?? Number.POSITIVE_INFINITY);
    report.push(
      `CONCURRENT ${c.clients} clients × pushes of ${c.batch}: ${n(c.perSecond)} mutations/s, per push ${lat(c.push)}   target ${rateTarget ? `≥ ${n(rateTarget)}/s, ` : ''}p95 ≤ ${p95Target} ms: ${meets ? 'MET' : 'NOT MET'}`,
      `           (${n(c.mutations)} mutations in ${s(c.ms)}; all clients at once, each push after its previous answer; one transaction a push;`,
      `           Node CPU (server + bench client) ${c.cpuMsPerMutation.toFixed(2)} ms a mutation: the rate's ceiling on one core is ${n(1000 / c.cpuMsPerMutation)}/s)`,
    );
  }
  report.push(
    `FAN-OUT    ${n(r.fanout.streams)} live streams on this process: push answered → a stream's event ${lat(r.fanout.ackToEvent)};`,
    `           → the last of the ${n(r.fanout.streams)} ${lat(r.fanout.lastStream)}   target p95 ≤ 200 ms: ${r.fanout.ackToEvent.p95 <= 200 ? 'MET' : 'NOT MET'}`,
    `           (${r.fanout.samples} single-interaction pushes 50 ms apart; streams opened in ${s(r.fanout.openMs)}; client in the same process:`,
    `           the 1,000 readers share the server's CPU; ratio to one stream's answered → event p95 in this run: ${(r.fanout.ackToEvent.p95 / Math.max(1, r.live[0]?.ackToEvent.p95 ?? 1)).toFixed(1)}×)`,
  );
  for (const l of r.live) {
    report.push(
      `LIVE       ${l.label}: commit → event between ${lat(l.ackToEvent)} and ${lat(l.sendToEvent)}`,
      `           (${l.samples} single-interaction pushes by agent2@, ${LIVE_GAP_MS} ms apart; agent@'s /sync/live read with fetch streaming;`,
      `           push round trip ${lat(l.roundTrip)}; worst push sent → event ${f1(l.max)} ms; ${l.events} cursor events)`,
    );
  }
}
report.push(
  '',
  `method     live: the commit happens between "push sent" and "push answered", so commit → event lies between`,
  `           "answered → event" (negative when the event arrives before the push's own answer) and "sent → event".`,
  `           Event time = when the client read the cursor event with cursor ≥ the push's seq. Fan-out on both engines is`,
  `           NOTIFY tandem_changes at commit → each process's LISTEN → its SSE streams; the 2nd-process case runs`,
  `           server/main.ts as a separate Node process on the same database.`,
);
if (pgSkipped) report.push(`postgres   SKIPPED: ${pgSkipped}`);
if (results.length === 2) {
  const [a, b] = results as [EngineFigures, EngineFigures];
  const ratio = (x: number, y: number) => `${(x / y).toFixed(2)}×`;
  const push = (r: EngineFigures) => (r.push.mutations * 1000) / r.push.ms;
  const replay = (r: EngineFigures) => (r.replay.mutations * 1000) / r.replay.ms;
  const pull = (r: EngineFigures) => (r.pull.records * 1000) / Math.min(...r.pull.runsMs);
  const live = (r: EngineFigures) => r.live[0]?.sendToEvent.p50 ?? Number.NaN;
  report.push(
    '',
    'summary    (ratio = PostgreSQL / PGlite)',
    table([
      ['           figure', 'PGlite', 'PostgreSQL', 'ratio'],
      ['           push, mutations/s', n(push(a)), n(push(b)), ratio(push(b), push(a))],
      ['           replayed push, mutations/s', n(replay(a)), n(replay(b)), ratio(replay(b), replay(a))],
      ['           pull, records/s', n(pull(a)), n(pull(b)), ratio(pull(b), pull(a))],
      ['           live, push sent → event p50 ms', f1(live(a)), f1(live(b)), ratio(live(b), live(a))],
    ]),
  );
}
const POWERSYNC_ROWS_PER_S = 27_600;
for (const r of results) {
  const pullRate = (r.pull.records * 1000) / Math.min(...r.pull.runsMs);
  report.push(
    '',
    `anchors    ${r.engine}: server pull ${n(pullRate)} records/s = ${(pullRate / POWERSYNC_ROWS_PER_S).toFixed(2)}× PowerSync's published 27.6k rows/s initial sync;`,
    '           that pull rate is the ceiling for bench:sync (an extension cannot store records faster than the server hands them out).',
  );
}
report.push(
  '',
  `machine    ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}; server and client share`,
  `           this process (and PostgreSQL the same cores). Load average ${loadAtStart.map(f1).join(' / ')} at the start, ${loadavg().map(f1).join(' / ')} at the end (1/5/15 min):`,
  `           the machine is SHARED with other work (e.g. a CI run), so these figures are noisy — compare runs on a quiet machine.`,
  `bench      total run time ${s(performance.now() - benchStart)}`,
);
console.log(report.join('\n'));
