// npm run bench:sla-sweep — the escalation sweep's query plan at 50,000 open cases on PostgreSQL (issue 20).
// Needs TANDEM_BENCH_DATABASE_URL (a database of its own: the script migrates it and adds, then removes, its rows).
// Data: BENCH_OPEN running cases with an SLA clock among BENCH_CLOSED solved ones (a live system keeps far more
// closed cases than open), inserted with generate_series, then ANALYZE. Method: EXPLAIN (ANALYZE) of the sweep's own
// query (RUNNING_CASES in server/sla/escalation.ts), printed with its plan, time and the load average.
import { loadavg } from 'node:os';
import { openPostgres } from '../../server/db/database';
import { migrate } from '../../server/db/migrations';
import { RUNNING_CASES } from '../../server/sla/escalation';

const url = process.env.TANDEM_BENCH_DATABASE_URL;
if (!url) throw new Error('Set TANDEM_BENCH_DATABASE_URL to a PostgreSQL database of its own.');
const OPEN = Number(process.env.BENCH_OPEN ?? 50_000);
const CLOSED = Number(process.env.BENCH_CLOSED ?? 450_000);
const db = await openPostgres(url, { applicationName: 'bench-sla-sweep' });
try {
  await migrate(db);
  await db.query(`delete from cases where id like 'bench-sweep-%'`);
  const clock = `'{"response":{"kind":"first","dueAt":"2026-11-20T12:00:00.000Z"}}'::jsonb`;
  await db.query(
    `insert into cases (id, team_id, updated_at, data)
     select 'bench-sweep-' || n, 'team-' || (n % 4), now(),
       jsonb_build_object('id', 'bench-sweep-' || n, 'status', case when n <= $1::int then 'open' else 'solved' end,
                          'slaClock', case when n <= $1::int then ${clock} else 'null'::jsonb end)
     from generate_series(1, $1::int + $2::int) as n`,
    [OPEN, CLOSED],
  );
  await db.query('analyze cases');
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, costs off) ${RUNNING_CASES}`);
  const [load1, load5] = loadavg();
  console.log(`bench:sla-sweep — the escalation sweep's query over ${OPEN.toLocaleString('en')} running and ${CLOSED.toLocaleString('en')} solved cases`);
  console.log(`load average: ${load1?.toFixed(2)} (1 min), ${load5?.toFixed(2)} (5 min)`);
  for (const r of rows) console.log(`  ${r['QUERY PLAN']}`);
  if (!rows.some((r) => r['QUERY PLAN'].includes('cases_running_sla_idx'))) {
    console.error('the sweep does not read through cases_running_sla_idx');
    process.exitCode = 1;
  }
} finally {
  await db.query(`delete from cases where id like 'bench-sweep-%'`).catch(() => undefined);
  await db.close();
}
