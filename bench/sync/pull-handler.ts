// npm run bench:sync:pull — the server's pull route alone under a first sync's load (issue 18): the bulk team of
// bench/sync/data.ts in PGlite in memory (or PostgreSQL), then full pulls from cursor 0 in the extension's page size
// through app.fetch (Hono, auth, scope check, handler, JSON text), no socket and no client parse, so what is timed is
// the server's per-record cost. Env: BENCH_SCALE (0.1 ≈ 32k records; 1 = the 310k-record team), BENCH_PULL_REPEAT
// (5 full pulls), BENCH_ENGINE (pglite | postgres, which needs TANDEM_TEST_DATABASE_URL), BENCH_CPU_PROFILE (a
// directory: a V8 CPU profile of the timed pulls is written there, open it in Chrome DevTools). It prints the CPU a full
// pull costs: this process's (the route, less the client's JSON.parse, timed apart) and, on PostgreSQL, its backends'
// (from /proc), and a digest of the pages' text (less each page's `server`, which names the database), so two builds
// can be shown to answer the same bytes.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { DEMO_AGENT } from '../../e2e/harness';
import type { SignInResponse } from '../../lib/schema/api';
import { PULL_PAGE_SIZE } from '../../lib/sync/engine';
import { createApp } from '../../server/app';
import { writeRecords } from '../../server/db/records';
import { openTestDb } from '../../server/testing';
import { procCpuMs } from '../proc';
import { table } from '../stats';
import { article, customer, interaction, TEAM } from './data';

const SCALE = Number(process.env.BENCH_SCALE ?? 0.1);
const REPEAT = Number(process.env.BENCH_PULL_REPEAT ?? 5);
const ENGINE = process.env.BENCH_ENGINE === 'postgres' ? 'postgres' : 'pglite';
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE;
const COUNTS = { customers: Math.round(100_000 * SCALE), interactions: Math.round(200_000 * SCALE), articles: Math.round(10_000 * SCALE) };

/** Of sorted values: the middle one, or the mean of the two middle ones. */
const median = (sorted: number[]) => ((sorted[Math.floor((sorted.length - 1) / 2)] ?? 1) + (sorted[Math.ceil((sorted.length - 1) / 2)] ?? 1)) / 2;
const n = (x: number) => Math.round(x).toLocaleString('en');
const log = (line: string) => console.error(`[pull-handler] ${line}`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

/** CPU ms of this process (user + system). */
const processCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Pages of the feed the encodings are tried on. */
const COMPRESSION_PAGES = 6;

/** Times gzip and brotli at the levels a server would choose for dynamic content, on real page texts. */
function measureCompression(texts: string[]) {
  const best = (fn: () => void) => {
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      fn();
      min = Math.min(min, performance.now() - start);
    }
    return min;
  };
  const raw = texts.map((t) => Buffer.from(t));
  const rawKb = raw.reduce((a, b) => a + b.length, 0) / raw.length / 1024;
  const encodings: [string, (b: Buffer) => Buffer, (b: Buffer) => Buffer][] = [
    ['gzip level 1', (b) => gzipSync(b, { level: 1 }), gunzipSync],
    ['gzip level 6 (default)', (b) => gzipSync(b, { level: 6 }), gunzipSync],
    ['brotli quality 4', (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }), brotliDecompressSync],
  ];
  const rows = encodings.map(([name, encode, decode]) => {
    let bytes = 0;
    let compressMs = 0;
    let decompressMs = 0;
    for (const page of raw) {
      const encoded = encode(page);
      bytes += encoded.length;
      compressMs += best(() => encode(page));
      decompressMs += best(() => decode(encoded));
    }
    const kb = bytes / raw.length / 1024;
    const cpuMs = (compressMs + decompressMs) / raw.length;
    // Bits saved per ms of CPU spent = kbit/ms = Mbit/s.
    return { name, kb, compressMs: compressMs / raw.length, decompressMs: decompressMs / raw.length, breakEvenMbps: ((rawKb - kb) * 1024 * 8) / cpuMs / 1000 };
  });
  return { pages: raw.length, rawKb, rows };
}

const db = await openTestDb(ENGINE, 'demo');
try {
  const makers = { customers: customer, interactions: (j: number) => interaction(j, COUNTS.customers), articles: article };
  for (const [entity, count] of Object.entries(COUNTS) as Array<[keyof typeof COUNTS, number]>) {
    log(`inserting ${n(count)} ${entity} …`);
    for (let i = 0; i < count; i += 5000)
      await writeRecords(
        db,
        entity,
        Array.from({ length: Math.min(5000, count - i) }, (_, k) => makers[entity](i + k)),
      );
  }
  // On PostgreSQL, what autovacuum would do after the bulk load, done before the timed pulls rather than during them.
  if (ENGINE === 'postgres') await db.query('vacuum analyze');
  const app = createApp({ db });
  const call = async (path: string, token: string | null, body?: unknown) => {
    const res = await app.fetch(
      new Request(`http://tandem.invalid${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return res.text();
  };
  const { token } = JSON.parse(await call('/auth/sign-in', null, DEMO_AGENT)) as SignInResponse;
  const pageTexts: string[] = [];
  let clientParseMs = 0;
  // One full pull: the page text is read as the client's fetch would; only the cursor and hasMore are picked out.
  const fullPull = async () => {
    let records = 0;
    let bytes = 0;
    let pages = 0;
    const digest = createHash('sha256');
    for (let cursor = 0, more = true; more; pages++) {
      const text = await call(`/sync/pull?cursor=${cursor}&limit=${PULL_PAGE_SIZE}`, token);
      bytes += text.length;
      digest.update(text.slice(0, text.lastIndexOf(',"server":')));
      if (pageTexts.length < COMPRESSION_PAGES) pageTexts.push(text);
      const parseStart = processCpuMs();
      const page = JSON.parse(text) as { changes: unknown[]; cursor: number; hasMore: boolean };
      clientParseMs += processCpuMs() - parseStart;
      records += page.changes.length;
      cursor = page.cursor;
      more = page.hasMore;
    }
    return { records, bytes, pages, digest: digest.digest('hex').slice(0, 16) };
  };
  // The client backends serving this database (the pool's connections, which come and go; not autovacuum), read each 0.5 s: per pid its first
  // and last reading; a backend that exits loses what it spent since its last reading.
  const backends = new Map<number, { first: number; last: number }>();
  let sampling = false;
  const readBackends = async () => {
    if (ENGINE !== 'postgres') return;
    const { rows } = await db.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'");
    for (const { pid } of rows) {
      const ms = procCpuMs(Number(pid));
      if (ms === null) continue;
      const seen = backends.get(Number(pid));
      if (seen) seen.last = ms;
      else backends.set(Number(pid), { first: sampling ? 0 : ms, last: ms });
    }
  };
  const backendsCpuMs = () => [...backends.values()].reduce((a, b) => a + b.last - b.first, 0);
  log('warm-up pull (the route runs ANALYZE on PGlite before its first pull) …');
  const shape = await fullPull();
  const compression = measureCompression(pageTexts);
  const session = PROFILE_DIR ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const runsMs: number[] = [];
  const loads: string[] = [];
  clientParseMs = 0;
  const cpuStart = processCpuMs();
  await readBackends();
  const backendsStart = backendsCpuMs();
  sampling = true;
  const sampler = setInterval(() => void readBackends().catch(() => undefined), 500);
  for (let i = 0; i < REPEAT; i++) {
    const start = performance.now();
    await fullPull();
    runsMs.push(performance.now() - start);
    loads.push(loadavg()[0]?.toFixed(1) ?? '?');
    log(`pull ${i + 1}/${REPEAT}: ${(runsMs[i] ?? 0).toFixed(0)} ms`);
  }
  const nodeCpuMs = (processCpuMs() - cpuStart - clientParseMs) / REPEAT;
  clearInterval(sampler);
  await readBackends();
  const backendsMs = (backendsCpuMs() - backendsStart) / REPEAT;
  if (session && PROFILE_DIR) {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(PROFILE_DIR, { recursive: true });
    const file = join(PROFILE_DIR, `pull-handler-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    log(`CPU profile: ${file}`);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  const rate = (msValue: number) => n((shape.records * 1000) / msValue);
  console.log(
    [
      '',
      `=== bench:sync:pull — the pull route alone, ${ENGINE === 'pglite' ? 'PGlite in memory' : 'PostgreSQL'} ===`,
      `data     agent@ (${TEAM}) pulls ${n(shape.records)} records in ${shape.pages} pages of ${PULL_PAGE_SIZE}, ${(shape.bytes / 1024 / 1024).toFixed(1)} MB of JSON text per full pull${SCALE !== 1 ? `   [BENCH_SCALE=${SCALE}]` : ''}`,
      `method   ${REPEAT} full pulls from cursor 0 after a warm-up, through app.fetch in this process (auth, scope check, handler, JSON text;`,
      '         no socket); the page text is read and JSON.parse-d for its cursor as a client would',
      `rate     min / median / max: ${rate(sorted[sorted.length - 1] ?? 1)} / ${rate(median(sorted))} / ${rate(sorted[0] ?? 1)} records/s`,
      `         (runs ${runsMs.map((x) => `${x.toFixed(0)} ms`).join(', ')})`,
      `cpu      a full pull: ${n(nodeCpuMs)} ms in this process less the client's JSON.parse (${n(clientParseMs / REPEAT)} ms of CPU)${
        ENGINE === 'postgres' ? `, ${n(backendsMs)} ms in its ${backends.size} PostgreSQL backends (/proc)` : ' (PGlite runs in it)'
      }: ${((1000 * (nodeCpuMs + backendsMs)) / shape.records).toFixed(1)} µs a record`,
      `bytes    sha256 of the pages' text less \`server\` (which names the database): ${shape.digest}`,
      `encoding whether Content-Encoding pays for a pull page (${compression.pages} pages of ${PULL_PAGE_SIZE} from the start of the feed, ${n(compression.rawKb)} kB each on`,
      '         average; zlib in this Node process, best of 3 per page; a browser inflates in its network service, at a similar cost):',
      table([
        ['         encoding', 'kB/page', 'ratio', 'compress ms', 'decompress ms', 'pays below (Mbit/s)'],
        ...compression.rows.map((r) => [
          `         ${r.name}`,
          n(r.kb),
          `${((100 * r.kb) / compression.rawKb).toFixed(0)}%`,
          r.compressMs.toFixed(1),
          r.decompressMs.toFixed(1),
          n(r.breakEvenMbps),
        ]),
      ]),
      '         "pays below": the link speed under which the bytes saved take longer to send than compress + decompress take',
      '         ((raw − encoded) × 8 bits ÷ (compress + decompress ms)); on loopback (Gbit/s and more) none pays.',
      `load     1-min load average after each run: ${loads.join(', ')}; now ${load()} (1/5/15 min) on ${cpus().length} cores`,
    ].join('\n'),
  );
} finally {
  await db.close();
}
