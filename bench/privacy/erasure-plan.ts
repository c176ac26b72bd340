// npm run bench:erasure — how erasure and export find a customer's rows at a realistic volume on PostgreSQL, before
// and after migration 24's indexes. A throwaway database gets the demo seed plus BENCH_ERASURE_CUSTOMERS customers
// (default 100,000) with 10 interactions and 2 cases each and one stored push answer per interaction; then, without
// and with migration 24 (ANALYZEd both times), it prints the plan of each lookup erasure and export make, and times
// a whole erasure (server/privacy/erasure.ts) of one customer. Env: TANDEM_BENCH_DATABASE_URL (a server on which the
// database is created and dropped).
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { type Db, openPostgres } from '../../server/db/database';
import { MIGRATIONS, migrate } from '../../server/db/migrations';
import { eraseCustomer } from '../../server/privacy/erasure';
import { seedDemo } from '../../server/seed/demo';

const CUSTOMERS = Number(process.env.BENCH_ERASURE_CUSTOMERS ?? 100_000);
const PG_URL = process.env.TANDEM_BENCH_DATABASE_URL || 'postgres://tandem:tandem@127.0.0.1:5432/tandem_test';
const INDEX_VERSION = 24;
const load = () => loadavg()[0]?.toFixed(1);

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Synthetic customers `bench-<n>` of team-care, their interactions, cases and push answers, in set-based inserts. */
async function fill(db: Db): Promise<void> {
  const at = "'2026-11-20T09:00:00.000Z'";
  await db.exec(`
    insert into customers (id, team_id, updated_at, data)
      select 'bench-' || n, 'team-care', ${at}, jsonb_build_object('id', 'bench-' || n, 'teamId', 'team-care', 'version', 1,
        'updatedAt', ${at}, 'deleted', false, 'createdAt', ${at}, 'name', 'Bench Person ' || n, 'tier', 'standard', 'currency', 'USD',
        'language', 'en', 'tags', '[]'::jsonb, 'identities', jsonb_build_array(jsonb_build_object('kind', 'email', 'value', 'bench' || n || '@example.com')))
      from generate_series(1, ${CUSTOMERS}) n;
    insert into interactions (id, team_id, updated_at, data)
      select 'bench-int-' || n || '-' || k, 'team-care', ${at}, jsonb_build_object('id', 'bench-int-' || n || '-' || k, 'teamId', 'team-care',
        'version', 1, 'updatedAt', ${at}, 'deleted', false, 'customerId', 'bench-' || n, 'caseId', null, 'channel', 'email',
        'visibility', 'private', 'direction', 'inbound', 'text', repeat('My bill looks wrong this month, please check. ', 4),
        'sourceUrl', null, 'authorName', 'Bench Person ' || n, 'occurredAt', ${at})
      from generate_series(1, ${CUSTOMERS}) n, generate_series(1, 10) k;
    insert into cases (id, team_id, updated_at, data)
      select 'bench-case-' || n || '-' || k, 'team-care', ${at}, jsonb_build_object('id', 'bench-case-' || n || '-' || k, 'teamId', 'team-care',
        'version', 1, 'updatedAt', ${at}, 'deleted', false, 'customerId', 'bench-' || n, 'subject', 'Bill looks wrong', 'status', 'solved',
        'priority', 'normal', 'channel', 'email', 'tags', '[]'::jsonb, 'assigneeId', null, 'createdAt', ${at}, 'slaDueAt', ${at},
        'source', jsonb_build_object('url', null, 'site', null, 'externalId', null, 'pageTitle', null))
      from generate_series(1, ${CUSTOMERS}) n, generate_series(1, 2) k;
    insert into push_results (user_id, mutation_id, entity, record_id, result, created_at)
      select 'user-alex', 'bench-m-' || i.id, 'interactions', i.id, jsonb_build_object('status', 'applied', 'change', jsonb_build_object('record', i.data)), ${at}
      from interactions i where i.id like 'bench-int-%';
    analyze;
  `);
}

/** The lookups erasure and export make for one customer, as EXPLAIN ANALYZE sees them. */
const LOOKUPS: { what: string; sql: string }[] = [
  { what: "interactions by data->>'customerId'", sql: `select id from interactions where data->>'customerId' = $1` },
  { what: "cases by data->>'customerId'", sql: `select id from cases where data->>'customerId' = $1` },
  {
    what: 'push answers of those interactions',
    sql: `select p.mutation_id from push_results p where p.entity = 'interactions'
            and p.record_id = any(array(select id from interactions where data->>'customerId' = $1))`,
  },
  { what: 'access log by customer', sql: `select id from access_log where customer_id = $1` },
];

async function plans(db: Db, customerId: string): Promise<void> {
  for (const { what, sql } of LOOKUPS) {
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, costs off, timing on) ${sql}`, [customerId]);
    const lines = rows.map((r) => r['QUERY PLAN']);
    const scans = lines.filter((l) => /Scan/.test(l)).map((l) => l.trim().replace(/\s+\(actual.*$/, ''));
    const time = lines.find((l) => l.startsWith('Execution Time'))?.replace('Execution Time: ', '');
    console.log(`  ${what.padEnd(38)} ${time?.padStart(12)}   ${scans.join(' · ')}`);
  }
}

async function timedErasure(db: Db, customerId: string): Promise<number> {
  const started = performance.now();
  const erased = await eraseCustomer(db, customerId, ['team-care'], { userId: 'user-ada', reason: 'bench' }, new Date('2026-11-26T09:00:00Z'));
  if (erased?.removed.interactions !== 10) throw new Error(`erasure of ${customerId} removed ${JSON.stringify(erased?.removed)}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const name = `tandem_bench_erasure_${randomBytes(4).toString('hex')}`;
  await onServer(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), { max: 2, applicationName: 'bench-erasure' });
  try {
    await migrate(
      db,
      MIGRATIONS.filter((m) => m.version < INDEX_VERSION),
    );
    await seedDemo(db);
    const filling = performance.now();
    await fill(db);
    console.log(
      `PostgreSQL, ${CUSTOMERS.toLocaleString('en')} extra customers, ${(CUSTOMERS * 10).toLocaleString('en')} interactions and push answers, ${(CUSTOMERS * 2).toLocaleString('en')} cases (filled in ${((performance.now() - filling) / 1000).toFixed(0)} s, load ${load()})`,
    );
    const rounds: [string, number][] = [];
    for (const [label, customerId] of [
      ['before migration 24', `bench-${Math.ceil(CUSTOMERS / 3)}`],
      ['after migration 24', `bench-${Math.ceil((2 * CUSTOMERS) / 3)}`],
    ] as const) {
      if (label.startsWith('after')) {
        await migrate(db);
        await db.exec('analyze');
      }
      console.log(`${label} (load ${load()}):`);
      await plans(db, customerId);
      const ms = await timedErasure(db, customerId);
      rounds.push([label, ms]);
      console.log(`  whole erasure of ${customerId} (10 interactions, 2 cases): ${ms.toFixed(1)} ms`);
    }
    const [before, after] = rounds.map(([, ms]) => ms);
    if (before && after) console.log(`erasure: ${before.toFixed(0)} ms → ${after.toFixed(0)} ms (${(before / after).toFixed(0)}× faster), load ${load()}`);
  } finally {
    await db.close();
    await onServer(`drop database if exists ${name} with (force)`);
  }
}

await main();
