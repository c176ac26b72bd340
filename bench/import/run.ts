// npm run bench:import — 100,000 customers from a CSV export into the server, the way the console does it: the file
// read and mapped (lib/customer-import, papaparse), then sent in batches of 500 over HTTP to POST /import/customers,
// which upserts by canonical identity. Then the same file again (every row found and unchanged), and a variant where
// every row changes (every row found and updated). Target: the first import under 60 s on this machine.
// The server is the real one (server/start.ts, demo seed) on the embedded default (PGlite with fsync, in a temp
// directory) and, when reachable, on PostgreSQL. Env: BENCH_IMPORT_ROWS (100000), BENCH_POSTGRES=0 skips PostgreSQL,
// TANDEM_BENCH_DATABASE_URL (a server on which a throwaway database is created and dropped).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { detectFormat, mappingFor } from '../../lib/customer-import/formats';
import { mapRecords } from '../../lib/customer-import/map';
import { runCustomerImport } from '../../lib/customer-import/run';
import { readTable } from '../../lib/customer-import/table';
import type { CustomerImportResult, ImportedCustomer } from '../../lib/schema/customer-import';
import { createRng } from '../../server/seed/prng';
import { startServer } from '../../server/start';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const TARGET_S = 60;
const PG_URL = process.env.TANDEM_BENCH_DATABASE_URL || 'postgres://tandem:tandem@127.0.0.1:5432/tandem_test';
const TRY_PG = process.env.BENCH_POSTGRES !== '0';
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;

/** A HubSpot-like contacts CSV of `rows` people: names, mixed-case emails, national-format phones, some handles. */
function exportCsv(rows: number, valueShift = 0): string {
  const rng = createRng(42);
  const lines = ['First Name,Last Name,Email,Phone Number,Twitter Username,Tier,Lifetime Value'];
  for (let i = 0; i < rows; i++) {
    const first = `Name${i}`;
    const last = `Family${i % 997}`;
    // Unique per row (exchange 200–999 × line 0000–9999), so every row is its own person.
    const phone = `(415) ${200 + Math.floor(i / 10_000)}-${String(i % 10_000).padStart(4, '0')}`;
    const handle = rng.chance(0.3) ? `@${first}_${i}` : '';
    lines.push(`${first},${last},${first}.${last}@Example.com,${phone},${handle},${['standard', 'silver', 'gold'][i % 3]},${(i % 5000) + valueShift}.50`);
  }
  return lines.join('\n');
}

async function importOnce(
  base: string,
  token: string,
  csv: string,
): Promise<{ readMs: number; sendMs: number; totals: Omit<CustomerImportResult, 'written' | 'refused'> }> {
  const t0 = performance.now();
  const table = readTable('contacts.csv', csv);
  const format = detectFormat(table.headers);
  const { customers, problems } = mapRecords(table, format, mappingFor(format, table.headers));
  if (problems.length > 0) throw new Error(`generated rows have problems: ${JSON.stringify(problems.slice(0, 3))}`);
  const t1 = performance.now();
  const send = async (rows: ImportedCustomer[]): Promise<CustomerImportResult> => {
    const res = await fetch(`${base}/import/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ teamId: 'team-care', rows }),
    });
    if (!res.ok) throw new Error(`import answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return (await res.json()) as CustomerImportResult;
  };
  const report = await runCustomerImport(customers, send);
  if (report.refused.length > 0 || report.stoppedAt) throw new Error(`import refused rows: ${JSON.stringify(report).slice(0, 400)}`);
  return { readMs: t1 - t0, sendMs: performance.now() - t1, totals: { created: report.created, updated: report.updated, unchanged: report.unchanged } };
}

async function benchEngine(label: string, opts: { dataDir?: string; databaseUrl?: string }): Promise<void> {
  const server = await startServer({ port: 0, ...opts });
  try {
    const signIn = await fetch(`${server.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'manager@tandem.demo', password: 'tandem-demo' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const csv = exportCsv(ROWS);
    console.log(`\n${label}: ${ROWS.toLocaleString('en')} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MB of CSV`);
    for (const [name, file] of [
      ['first import (all created)', csv],
      ['same file again (all unchanged)', csv],
      ['changed values (all updated)', exportCsv(ROWS, 1)],
    ] as const) {
      const { readMs, sendMs, totals } = await importOnce(server.url, token, file);
      const total = readMs + sendMs;
      const verdict = name.startsWith('first') ? (total / 1000 <= TARGET_S ? `meets ≤ ${TARGET_S} s` : `MISSES ≤ ${TARGET_S} s`) : '';
      console.log(
        `  ${name.padEnd(34)} ${s(total).padStart(8)}  (read+map ${s(readMs)}, server ${s(sendMs)})  ${rate(ROWS, total).padStart(14)}  ` +
          `created ${totals.created}, updated ${totals.updated}, unchanged ${totals.unchanged}  ${verdict}`,
      );
    }
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  console.log(
    `bench:import — ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log('Method: generated HubSpot-style CSV → readTable/mapRecords (as the console) → batches of 500 over HTTP → upsert by canonical identity.');
  const dir = mkdtempSync(join(tmpdir(), 'tandem-import-bench-'));
  try {
    await benchEngine('PGlite (embedded default, durable)', { dataDir: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (TRY_PG) {
    const dbName = `tandem_bench_import_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    try {
      await admin.connect();
      await admin.query(`create database ${dbName}`);
    } catch (error) {
      console.log(`\nPostgreSQL skipped: ${(error as Error).message}`);
      await admin.end().catch(() => undefined);
      return;
    }
    try {
      const url = new URL(PG_URL);
      url.pathname = `/${dbName}`;
      await benchEngine('PostgreSQL', { databaseUrl: url.toString() });
    } finally {
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }
  console.log(
    `\nload average at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

await main();
process.exit(0);
