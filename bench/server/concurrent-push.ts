// Concurrent pushes against one running server: C clients, each pushing batches of B mutations one after another,
// all at once. What issue 18 asks of the server: 10 clients × batches of 50 ≥ 5,000 mutations/s with p95 ≤ 250 ms, and
// 50 single-mutation clients with p95 ≤ 100 ms. Used by bench/server/run.ts; `node --import tsx
// bench/server/concurrent-push.ts` runs it alone on PostgreSQL (TANDEM_BENCH_DATABASE_URL) for quick comparisons.
import { readFileSync } from 'node:fs';
import type { MutationEnvelope } from '../../lib/schema/api';
import { latencies } from '../stats';

export interface ConcurrentPushFigures {
  clients: number;
  batch: number;
  mutations: number;
  ms: number;
  perSecond: number;
  push: ReturnType<typeof latencies>;
  /**
   * This process's CPU (server and bench client together: user + system) per mutation, in ms: on a loaded machine the
   * rate measures the neighbours as much as the server; the CPU a mutation costs does not.
   */
  cpuMsPerMutation: number;
  /** The server's thread alone (the main thread, from /proc; NaN where there is none): what the server itself costs. */
  serverThreadMsPerMutation: number;
}

/** CPU (user + system, ms) of this process's main thread, where the server runs, from /proc (10 ms ticks); NaN elsewhere. */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * A client's batch b: a third new cases (with a capture source, so the duplicate check runs), a third interactions on
 * them (reference checks), a third updates of the cases of its previous batch (field merge). A batch of one is an
 * interaction on a customer. Every client writes its own records, so the figures measure the server, not row contention.
 */
function clientBatch(run: string, client: number, b: number, size: number, team: string, customers: readonly string[]): MutationEnvelope[] {
  const at = new Date().toISOString();
  const customer = (k: number) => customers[(client * 7 + b * 3 + k) % customers.length] ?? '';
  const interaction = (k: number, caseId: string | null, customerId: string): MutationEnvelope => ({
    id: `cp-${run}-${client}-${b}-i${k}`,
    entity: 'interactions',
    op: 'create',
    recordId: `cpint-${run}-${client}-${b}-${k}`,
    data: {
      teamId: team,
      customerId,
      caseId,
      channel: 'chat',
      visibility: 'private',
      direction: 'inbound',
      text: 'My bill shows a roaming charge again after the update, although roaming was switched off for the whole trip.',
      sourceUrl: null,
      authorName: null,
      occurredAt: at,
    },
  });
  if (size === 1) return [interaction(0, null, customer(0))];
  const third = Math.floor(size / 3);
  const caseId = (batch: number, k: number) => `cpcase-${run}-${client}-${batch}-${k}`;
  const out: MutationEnvelope[] = [];
  for (let k = 0; k < third; k++) {
    out.push({
      id: `cp-${run}-${client}-${b}-c${k}`,
      entity: 'cases',
      op: 'create',
      recordId: caseId(b, k),
      data: {
        teamId: team,
        customerId: customer(k),
        subject: `Roaming charge on the bill again (${client}/${b}/${k})`,
        status: 'new',
        priority: 'normal',
        channel: 'zendesk',
        assigneeId: null,
        tags: ['billing'],
        source: {
          url: `https://support.example.com/tickets/${client}-${b}-${k}`,
          site: 'zendesk',
          externalId: `cp-${run}-${client}-${b}-${k}`,
          pageTitle: 'Ticket',
        },
      },
    });
  }
  const updates = b === 0 ? 0 : third;
  for (let k = 0; out.length < size - updates; k++) out.push(interaction(k, caseId(b, k % third), customer(k % third)));
  for (let k = 0; k < updates; k++) {
    out.push({
      id: `cp-${run}-${client}-${b}-u${k}`,
      entity: 'cases',
      op: 'update',
      recordId: caseId(b - 1, k),
      baseVersion: 1,
      patch: { status: 'pending', priority: 'high', tags: { add: ['refund'], remove: [] } },
    });
  }
  return out;
}

/**
 * The pushers, run in a worker thread: remote clients cost the server nothing of its event loop, and the bench's own
 * fetch calls (undici) on the server's thread took about a quarter of its CPU at 50 × 1 (the figures before
 * 2026-11-27 were measured so). Each client sends its bodies one after another on its own keep-alive connection, as
 * a browser would; `warm-up` sends each client's first, `measure` the rest and answers every push's latency and the
 * wall time. node:http rather than fetch: undici's fetch cost ≈ 1.45 ms of CPU a push at 50 × 1 on the same two
 * cores as the server (2026-11-27), CPU a remote client would not take from it. Plain JavaScript: it runs as eval'd code.
 */
const CLIENTS_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { base, tokens, bodies } = workerData;
const agents = bodies.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
const url = new URL(base + '/sync/push');
function post(client, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent: agents[client],
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization: 'Bearer ' + tokens[client % tokens.length],
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
async function send(client, body) {
  const t0 = performance.now();
  const { status, text } = await post(client, body);
  const took = performance.now() - t0;
  if (status < 200 || status >= 300) throw new Error('push answered ' + status + ': ' + text.slice(0, 300));
  const bad = JSON.parse(text).results.find((r) => r.status !== 'applied' || r.replayed);
  if (bad) throw new Error('expected every mutation applied, got ' + JSON.stringify(bad).slice(0, 300));
  return took;
}
parentPort.on('message', async (phase) => {
  try {
    if (phase === 'warm-up') {
      await Promise.all(bodies.map((own, c) => send(c, own[0])));
      parentPort.postMessage({ phase });
      return;
    }
    const took = [];
    const t0 = performance.now();
    await Promise.all(bodies.map(async (own, c) => { for (let b = 1; b < own.length; b++) took.push(await send(c, own[b])); }));
    parentPort.postMessage({ phase, took, ms: performance.now() - t0 });
  } catch (err) {
    parentPort.postMessage({ phase, error: String(err && err.stack || err) });
  }
});
`;

/** Runs `clients` pushers for `rounds` batches each (after one untimed warm-up batch each); every result must be applied. */
export async function measureConcurrentPush(opts: {
  base: string;
  tokens: readonly string[];
  team: string;
  customers: readonly string[];
  clients: number;
  batch: number;
  rounds: number;
  run: string;
}): Promise<ConcurrentPushFigures> {
  const { base, tokens, team, customers, clients, batch, rounds, run } = opts;
  const { Worker } = await import('node:worker_threads');
  // Every body is built before the clock starts, so the worker only sends.
  const bodies = Array.from({ length: clients }, (_, c) =>
    Array.from({ length: rounds + 1 }, (_, b) => JSON.stringify({ mutations: clientBatch(run, c, b, batch, team, customers) })),
  );
  const worker = new Worker(CLIENTS_WORKER, { eval: true, workerData: { base, tokens, bodies } });
  type Answer = { phase: string; error?: string; took?: number[]; ms?: number };
  const ask = (phase: 'warm-up' | 'measure') =>
    new Promise<Answer>((resolve, reject) => {
      worker.once('message', (a: Answer) => (a.error ? reject(new Error(a.error)) : resolve(a)));
      worker.once('error', reject);
      worker.postMessage(phase);
    });
  try {
    await ask('warm-up');
    // This process's CPU, the clients' thread included (as when they ran on the server's thread).
    const cpu0 = process.cpuUsage();
    const thread0 = mainThreadCpuMs();
    const { took = [], ms = 0 } = await ask('measure');
    const cpu = process.cpuUsage(cpu0);
    const threadMs = mainThreadCpuMs() - thread0;
    const mutations = clients * rounds * batch;
    return {
      clients,
      batch,
      mutations,
      ms,
      perSecond: (mutations * 1000) / ms,
      push: latencies(took),
      cpuMsPerMutation: (cpu.user + cpu.system) / 1000 / mutations,
      serverThreadMsPerMutation: threadMs / mutations,
    };
  } finally {
    await worker.terminate();
  }
}

// Alone: a throwaway PostgreSQL database, the real server, the two loads. BENCH_ROUNDS (default 20) batches per client.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { randomBytes } = await import('node:crypto');
  const { loadavg } = await import('node:os');
  const pg = (await import('pg')).default;
  const { startServer } = await import('../../server/start');
  const adminUrl = process.env.TANDEM_BENCH_DATABASE_URL || 'postgres://tandem:tandem@127.0.0.1:5432/tandem_test';
  const name = `tandem_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const server = await startServer({ port: 0, databaseUrl: url.toString() });
  try {
    const signIn = async (email: string) => {
      const res = await fetch(`${server.url}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'tandem-demo' }),
      });
      return ((await res.json()) as { token: string }).token;
    };
    const tokens = [await signIn('agent@tandem.demo'), await signIn('agent2@tandem.demo')];
    const first = await fetch(`${server.url}/sync/pull?cursor=0&limit=1000`, { headers: { authorization: `Bearer ${tokens[0]}` } });
    const customers = ((await first.json()) as { changes: { entity: string; record: { id: string; teamId?: string; deleted: boolean } }[] }).changes
      .filter((c) => c.entity === 'customers' && !c.record.deleted && c.record.teamId === 'team-care')
      .map((c) => c.record.id);
    const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
    // BENCH_CPU_PROFILE=dir: a V8 CPU profile of each load alone (not the set-up), for `node --cpu-prof`-style reading.
    const profileDir = process.env.BENCH_CPU_PROFILE;
    // BENCH_COUNT_STATEMENTS=1: every statement this process sends to PostgreSQL during each load, by its first words.
    const counted = process.env.BENCH_COUNT_STATEMENTS === '1' ? countStatements(pg) : null;
    const run = randomBytes(3).toString('hex');
    // BENCH_LOADS=50x1 (or 10x50,50x1, the default): which loads to run, in order.
    const loads = (process.env.BENCH_LOADS ?? '10x50,50x1').split(',').map((l) => l.split('x').map(Number) as [number, number]);
    const { GROUPS_IN_FLIGHT, GROUP_MUTATIONS } = await import('../../server/sync/push');
    console.log(
      `method: the real server on a throwaway PostgreSQL database, the clients in a worker thread (node:http, one keep-alive connection each), ${rounds} pushes a client after one warm-up push; group commit: ${GROUPS_IN_FLIGHT} push transactions in flight, up to ${GROUP_MUTATIONS} mutations a group; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    for (const [clients, batch] of loads) {
      const load = loadavg()[0]?.toFixed(1);
      const measure = () => measureConcurrentPush({ base: server.url, tokens, team: 'team-care', customers, clients, batch, rounds, run: `${run}-${clients}` });
      counted?.clear();
      const pgCpu0 = await backendCpuMs(pg, url.toString(), name);
      const r = profileDir ? await profiled(`${profileDir}/push-${clients}x${batch}.cpuprofile`, measure) : await measure();
      const pgCpu = (await backendCpuMs(pg, url.toString(), name)) - pgCpu0;
      if (counted) printStatements(counted, (rounds + 1) * clients, r.mutations + clients * batch);
      console.log(
        `${clients} clients × batches of ${batch}: ${Math.round(r.perSecond)} mutations/s (${r.mutations} in ${Math.round(r.ms)} ms), push p50 ${r.push.p50.toFixed(1)} ms, p95 ${r.push.p95.toFixed(1)} ms, Node CPU ${r.cpuMsPerMutation.toFixed(3)} ms a mutation (server thread ${r.serverThreadMsPerMutation.toFixed(3)}), PostgreSQL CPU ${Number.isNaN(pgCpu) ? 'n/a' : (pgCpu / (r.mutations + clients * batch)).toFixed(3)} ms a mutation (warm-up included); load ${load}`,
      );
    }
  } finally {
    // Dropped first: should the incident detector (server/incidents/watch.ts) be behind the load, closing the server
    // would wait for it; its statements then fail, which ends it. Those expected failures are counted, not printed one
    // by one (the pool's dropped connections are not printed either).
    const report = console.error;
    let detectorFailures = 0;
    console.error = (...args: unknown[]) => {
      if (String(args[0]).includes('incident detection failed')) detectorFailures += 1;
      else if (!String(args[0]).includes('idle database client error')) report(...args);
    };
    await admin(`drop database if exists ${name} with (force)`);
    await server.close();
    console.error = report;
    if (detectorFailures > 0) console.log(`(the incident detector was still behind the load: ${detectorFailures} of its runs ended by the database's drop)`);
  }
}

/**
 * CPU (user + system, ms) of the PostgreSQL backends serving this database now, from /proc: the database's share of a
 * loaded machine, as Node CPU is the server's. NaN when PostgreSQL is not on this machine. A backend that ends during a
 * load takes its CPU with it (the pool keeps its connections while it is busy).
 */
async function backendCpuMs(pg: typeof import('pg').default, url: string, database: string): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
    let ticks = 0;
    for (const { pid } of rows) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
      if (stat === null) return Number.NaN;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    // Clock ticks of 10 ms (USER_HZ 100 on Linux).
    return ticks * 10;
  } finally {
    await client.end();
  }
}

/** Runs fn under the V8 CPU profiler of this process (server and bench client) and writes the profile to path. */
async function profiled<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(path, JSON.stringify(profile));
    session.disconnect();
  }
}

/** Counts the statements every pg client of this process sends (pool and LISTEN alike), keyed by their first words. */
function countStatements(pg: typeof import('pg').default): Map<string, number> {
  const counts = new Map<string, number>();
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '?');
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 70);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return query.apply(this, args);
  };
  return counts;
}

function printStatements(counts: Map<string, number>, pushes: number, mutations: number): void {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(
    `  statements: ${total} for ${pushes} pushes (warm-up included): ${(total / pushes).toFixed(1)} a push, ${(total / mutations).toFixed(2)} a mutation`,
  );
  for (const [key, count] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${String(count).padStart(7)}  ${(count / pushes).toFixed(2).padStart(6)}/push  ${key}`);
}
