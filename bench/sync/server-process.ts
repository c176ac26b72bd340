// bench:sync's server, in a Node process of its own (bench/sync/run.ts forks it), so the CPU it spends shows apart from
// the bench's bookkeeping and Chromium's: PGlite in memory by default, PostgreSQL when TANDEM_BENCH_DATABASE_URL names a
// server on which a throwaway database may be created (dropped at the end). It loads the bulk team of bench/sync/data.ts,
// serves the real app (createApp) and times each /sync/pull inside this process; the bench asks it over IPC for the
// figures and for the few writes it makes itself (the one-transaction live burst). Env: BENCH_SCALE, BENCH_ANALYZE.
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { createApp } from '../../server/app';
import { type Db, openPglite, openPostgres } from '../../server/db/database';
import { migrate } from '../../server/db/migrations';
import { writeRecords } from '../../server/db/records';
import { seedDemo } from '../../server/seed/demo';
import { procCpuMs } from '../proc';
import { article, customer, interaction, TEAM } from './data';

const SCALE = Number(process.env.BENCH_SCALE ?? 0.1);
const N_CUSTOMERS = Math.round(100_000 * SCALE);
const N_INTERACTIONS = Math.round(200_000 * SCALE);
const N_ARTICLES = Math.round(10_000 * SCALE);
const ANALYZE = process.env.BENCH_ANALYZE === '1';
const PG_URL = process.env.TANDEM_BENCH_DATABASE_URL || '';
/**
 * `gzip`: pulls are answered as to a client across a network (server/sync/pull-encoding.ts gzips for one that asks);
 * by default as to the loopback client the bench is, in text.
 */
const PULL_ENCODING = process.env.BENCH_PULL_ENCODING === 'gzip' ? 'gzip' : 'loopback';
/** What the app sees as the pull's peer under BENCH_PULL_ENCODING=gzip: an address of TEST-NET-1, not this machine. */
const REMOTE_PEER = { socket: { remoteAddress: '192.0.2.1' } };

/** Wall-clock ms with sub-ms precision, comparable across the two processes (performance.now() is not). */
const wallNow = () => performance.timeOrigin + performance.now();

export type BulkEntity = 'customers' | 'interactions' | 'articles';

/** What the server tells the bench once it serves. */
export interface ServerReady {
  url: string;
  engine: string;
  /** Whether pulls are answered as to a loopback client (text, as shipped) or as to one across a network (gzip). */
  pullEncoding: 'loopback' | 'gzip';
  counts: Record<BulkEntity, number>;
  insertMs: Record<BulkEntity, number>;
  analyzeMs: number | null;
  /** What agent@ may see, per entity, as server/sync/pull.ts scopes it, and the last visible seq. */
  expected: Record<string, number>;
  expectedCursor: number;
  /** Where each bulk entity sits in the change feed (the replay samples pages from the middle of each). */
  feed: { entity: BulkEntity; first: number; count: number }[];
}

/** One /sync/pull as timed inside the server, in wall-clock ms; `cpuMs` is this process's CPU (user + system) meanwhile. */
export interface PullLog {
  phase: string;
  start: number;
  end: number;
  cpuMs: number;
}

/** The bench's requests over IPC. */
export type ServerRequest =
  | { id: number; method: 'phase'; phase: string }
  | { id: number; method: 'pulls' }
  | { id: number; method: 'cpu' }
  | { id: number; method: 'backendsCpu' }
  | { id: number; method: 'rewriteCustomers'; ids: number[]; tag: string }
  | { id: number; method: 'close' };

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const send = (message: unknown) => process.send?.(message);

async function openBenchDb(): Promise<{ db: Db; engine: string; drop: () => Promise<void> }> {
  if (!PG_URL) return { db: await openPglite('memory://'), engine: 'PGlite in memory (WASM, in the server process)', drop: async () => {} };
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  const name = `tandem_bench_sync_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  const { rows } = await db.query<{ v: string }>("select current_setting('server_version') as v");
  return {
    db,
    engine: `PostgreSQL ${rows[0]?.v ?? '?'} at ${url.host} (throwaway database ${name})`,
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

const { db, engine, drop } = await openBenchDb();

/**
 * On PostgreSQL, the CPU its client backends spent for this server (the pool's connections to the throwaway database;
 * autovacuum's workers, busy after the bulk load, are not counted), read
 * from /proc each second and when asked: a backend's last reading is kept after it exits, so what a pool's closed
 * connection spent in its last second is lost. Needs the server on this machine (127.0.0.1); 0 on PGlite.
 */
const backendCpu = new Map<number, number>();
const readBackends = async () => {
  if (db.kind === 'pglite') return;
  const { rows } = await db.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'");
  for (const { pid } of rows) {
    const ms = procCpuMs(Number(pid));
    if (ms !== null) backendCpu.set(Number(pid), ms);
  }
};
const backendsSampler = setInterval(() => void readBackends().catch(() => undefined), 1000);
backendsSampler.unref();
let closing: Promise<void> | null = null;
let shutdown: () => Promise<void> = async () => {
  await db.close();
  await drop();
};
const close = () => (closing ??= shutdown().catch((error: unknown) => console.error('[bench server] close failed', error)));
// The bench gone (ended, crashed): drop the throwaway database and leave.
process.on('disconnect', () => void close().then(() => process.exit(0)));

await migrate(db);
await seedDemo(db);

async function insert(entity: BulkEntity, count: number, make: (i: number) => unknown): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i += 5000) {
    await writeRecords(
      db,
      entity,
      Array.from({ length: Math.min(5000, count - i) }, (_, k) => make(i + k)),
    );
  }
  return performance.now() - start;
}
const insertMs = {
  customers: await insert('customers', N_CUSTOMERS, customer),
  interactions: await insert('interactions', N_INTERACTIONS, (j) => interaction(j, N_CUSTOMERS)),
  articles: await insert('articles', N_ARTICLES, article),
};
// PGlite runs no autovacuum, so nothing analyzes the tables after a bulk load unless asked; PostgreSQL's autovacuum may
// not have run yet either, so BENCH_ANALYZE=1 runs it on both.
let analyzeMs: number | null = null;
if (ANALYZE) {
  const start = performance.now();
  await db.query('analyze');
  analyzeMs = performance.now() - start;
}

const targeted = `(coalesce(jsonb_array_length(data->'targeting'->'teamIds'), 0) = 0 or (data->'targeting'->'teamIds') ?| array['${TEAM}'])`;
const scopeSql: Record<string, string> = {
  customers: `team_id = '${TEAM}'`,
  interactions: `team_id = '${TEAM}'`,
  cases: `team_id = '${TEAM}'`,
  articles: `${targeted} and data->>'status' = 'published'`,
  snippets: `${targeted} and data->>'status' = 'published'`,
  broadcasts: targeted,
};
const expected: Record<string, number> = {};
let expectedCursor = 0;
for (const [entity, where] of Object.entries(scopeSql)) {
  const { rows } = await db.query<{ c: string | number; m: string | number | null }>(
    `select count(*) filter (where not deleted) as c, max(seq) as m from ${entity} where ${where}`,
  );
  expected[entity] = Number(rows[0]?.c ?? 0);
  expectedCursor = Math.max(expectedCursor, Number(rows[0]?.m ?? 0));
}
const feed: ServerReady['feed'] = [];
for (const entity of ['customers', 'interactions', 'articles'] as const) {
  const { rows } = await db.query<{ lo: string | number; c: string | number }>(`select min(seq) as lo, count(*) as c from ${entity} where ${scopeSql[entity]}`);
  feed.push({ entity, first: Number(rows[0]?.lo ?? 0), count: Number(rows[0]?.c ?? 0) });
}

const pulls: PullLog[] = [];
let phase = 'setup';
const app = createApp({ db });
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve(
    {
      fetch: async (req: Request, env: unknown) => {
        const isPull = req.url.includes('/sync/pull');
        const start = wallNow();
        const cpu = cpuMs();
        const asRemote = isPull && PULL_ENCODING === 'gzip';
        const res = await app.fetch(req, (asRemote ? { ...(env as object), incoming: REMOTE_PEER } : env) as Parameters<typeof app.fetch>[1]);
        if (isPull) pulls.push({ phase, start, end: wallNow(), cpuMs: cpuMs() - cpu });
        return res;
      },
      port: 0,
      hostname: '127.0.0.1',
    },
    () => resolve(s),
  );
});
shutdown = async () => {
  clearInterval(backendsSampler);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
  await db.close();
  await drop();
};
const address = server.address();

process.on('message', async (request: ServerRequest) => {
  const answer = (result: unknown) => send({ id: request.id, result });
  try {
    if (request.method === 'phase') {
      phase = request.phase;
      answer(null);
    } else if (request.method === 'pulls') answer(pulls);
    else if (request.method === 'cpu') answer(cpuMs());
    else if (request.method === 'backendsCpu') {
      await readBackends();
      answer([...backendCpu.values()].reduce((a, b) => a + b, 0));
    } else if (request.method === 'rewriteCustomers') {
      // One server transaction (one commit, one NOTIFY), as a bulk import would write them.
      const start = wallNow();
      const written = await writeRecords(
        db,
        'customers',
        request.ids.map((i) => {
          const c = customer(i);
          return { ...c, version: 2, updatedAt: new Date().toISOString(), tags: [...c.tags, request.tag] };
        }),
      );
      answer({ start, end: wallNow(), maxSeq: Math.max(...written.map((w) => w.seq)) });
    } else if (request.method === 'close') {
      await close();
      answer(null);
    }
  } catch (error) {
    send({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});

send({
  ready: {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    engine,
    pullEncoding: PULL_ENCODING,
    counts: { customers: N_CUSTOMERS, interactions: N_INTERACTIONS, articles: N_ARTICLES },
    insertMs,
    analyzeMs,
    expected,
    expectedCursor,
    feed,
  } satisfies ServerReady,
});
