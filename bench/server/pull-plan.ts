// The pull query's plan on PostgreSQL with ~300k synced rows (issue 18): EXPLAIN (ANALYZE, BUFFERS) of server/sync/pull.ts's
// PULL_PAGE_SQL (the route's: the page's text written by the database) and PULL_SQL (the reference's rows) for agent@'s team at the start of a first sync and in the middle of the interactions, after ANALYZE (what
// autovacuum does after a bulk load). Needs TANDEM_TEST_DATABASE_URL (a database of its own is created and dropped).
//   TANDEM_TEST_DATABASE_URL=postgres://tandem:tandem@127.0.0.1:5432/tandem_test_<you> npm run bench:pull-plan
// BENCH_ENGINE=pglite plans it on PGlite in memory instead; BENCH_ANALYZE=0 skips ANALYZE (PGlite has no autovacuum).
import { loadavg } from 'node:os';
import { PULL_PAGE_SIZE } from '../../lib/sync/engine';
import { settledSeq, writeRecords } from '../../server/db/records';
import { PULL_PAGE_SQL, PULL_SQL } from '../../server/sync/pull';
import { openTestDb, TEST_DATABASE_URL } from '../../server/testing';
import { article, customer, interaction, TEAM } from '../sync/data';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const COUNTS = { customers: Math.round(100_000 * SCALE), interactions: Math.round(190_000 * SCALE), articles: Math.round(10_000 * SCALE) };
const BATCH = 5000;
const ENGINE = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const ANALYZE = process.env.BENCH_ANALYZE !== '0';

if (ENGINE === 'postgres' && !TEST_DATABASE_URL) {
  console.error('Set TANDEM_TEST_DATABASE_URL to a PostgreSQL database this bench may create databases beside.');
  process.exit(2);
}
const log = (line: string) => console.error(`[pull-plan] ${line}`);
const db = await openTestDb(ENGINE, 'demo');
try {
  const makers = { customers: customer, interactions: (j: number) => interaction(j, COUNTS.customers), articles: article };
  for (const [entity, count] of Object.entries(COUNTS) as Array<[keyof typeof COUNTS, number]>) {
    log(`inserting ${count} ${entity} …`);
    for (let i = 0; i < count; i += BATCH) {
      await writeRecords(
        db,
        entity,
        Array.from({ length: Math.min(BATCH, count - i) }, (_, k) => makers[entity](i + k)),
      );
    }
  }
  if (ANALYZE) await db.query('analyze');
  const settled = await settledSeq(db);
  const { rows: bounds } = await db.query<{ lo: string; hi: string; total: string }>(
    'select min(seq) as lo, max(seq) as hi, count(*) as total from interactions',
  );
  const middle = Math.floor((Number(bounds[0]?.lo) + Number(bounds[0]?.hi)) / 2);
  const { rows: sizes } = await db.query<{ n: string }>(
    `select (select count(*) from customers) + (select count(*) from interactions) + (select count(*) from articles)
      + (select count(*) from cases) + (select count(*) from snippets) + (select count(*) from broadcasts) as n`,
  );
  const report = [
    `=== bench:pull-plan — the pull query on ${ENGINE === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL'} ===`,
    `data     ${Number(sizes[0]?.n).toLocaleString('en')} synced rows (bench/sync/data.ts for ${TEAM} + the demo seed), ${ANALYZE ? 'ANALYZE run after the load' : 'NO planner statistics (no ANALYZE)'}`,
    `query    server/sync/pull.ts PULL_SQL: per table seq > cursor, seq <= settled, the caller's teams, order by seq limit ${PULL_PAGE_SIZE + 1}; union all; order by seq limit;`,
    '         PULL_PAGE_SQL: the same rows numbered, grouped into runs of changes that go as stored, each run written as text (string_agg)',
  ];
  const queries = [
    ['PULL_PAGE_SQL', PULL_PAGE_SQL, (cursor: number) => [cursor, [TEAM], PULL_PAGE_SIZE + 1, settled, [TEAM], false]],
    ['PULL_SQL', PULL_SQL, (cursor: number) => [cursor, [TEAM], PULL_PAGE_SIZE + 1, settled]],
  ] as const;
  for (const [label, cursor, [name, sql, params]] of [
    ['first page (cursor 0)', 0, queries[0]],
    ['middle of the interactions', middle, queries[0]],
    ['first page (cursor 0)', 0, queries[1]],
    ['middle of the interactions', middle, queries[1]],
  ] as const) {
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, params(cursor));
    const plan = rows.map((r) => r['QUERY PLAN']);
    // Per table: how it is read and how many rows it produced (a sequential scan of a large table is what this looks for).
    const reads = plan.flatMap((l) => {
      const m = /(Seq Scan|Index Scan using \S+|Bitmap Heap Scan) on (\w+).*actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(l);
      return m ? [`${m[2]}: ${m[1]} → ${m[3]} rows`] : [];
    });
    const execution = plan.find((l) => l.startsWith('Execution Time')) ?? '';
    report.push('', `${name}, ${label}: cursor ${cursor}`, ...plan.map((l) => `  ${l}`), `  summary: ${reads.join('; ')}; ${execution}`);
  }
  report.push(
    '',
    `load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} (1/5/15 min); the machine is shared: times move with its load, plans do not.`,
  );
  console.log(report.join('\n'));
} finally {
  await db.close();
}
