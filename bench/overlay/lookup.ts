// node --import tsx bench/overlay/lookup.ts — the identity lookup alone (bench:overlay's section 5, without a build or
// the extension): N generated customers stored as a first sync writes them (customer blocks) and as rows, the same
// queries alternated between the two. Env: BENCH_CUSTOMERS (100,000), BENCH_QUERIES (1,000), BENCH_ROUNDS (1).
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { withBundlePage } from '../bundle-page';
import { latencies } from '../stats';
import type { LookupBench } from './lookup-entry';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

await withBundlePage(join(import.meta.dirname, 'lookup-entry.ts'), async (newPage, version) => {
  console.log(`identity lookup, ${CUSTOMERS.toLocaleString('en')} customers, ${QUERIES} lookups (email + phone, 10% unknown), Chromium ${version}`);
  for (let round = 1; round <= ROUNDS; round++) {
    const loadBefore = load();
    const page = await newPage();
    const r = await page.evaluate(([n, q]) => (globalThis as unknown as { __lookupBench(n: number, q: number): Promise<LookupBench> }).__lookupBench(n, q), [
      CUSTOMERS,
      QUERIES,
    ] as const);
    await page.close();
    const blocks = latencies(r.lookups);
    const rows = latencies(r.equals);
    console.log(
      `round ${round}: blocks p50 ${blocks.p50.toFixed(2)} ms, p95 ${blocks.p95.toFixed(2)} ms · rows p50 ${rows.p50.toFixed(2)} ms, p95 ${rows.p95.toFixed(2)} ms · ` +
        `${r.hits} found · seeding as a first sync ${((r.seedMs * 1000) / CUSTOMERS).toFixed(1)} µs a customer, as rows (bulkPut 5,000) ${((r.seedRowsMs * 1000) / CUSTOMERS).toFixed(1)} µs · load ${loadBefore} → ${load()}`,
    );
    console.log(`  stored key filter and blocks' key map: ${(r.stored.bytes / 1e6).toFixed(2)} MB (${r.stored.pairs.toLocaleString('en')} key → block pairs)`);
    const w = r.afterWrite;
    console.log(
      `  restarted right after a write (a page of 2,000 and a live change, not saved): key filters from ${w.source === 'stored' ? `the stored copy and ${w.notes} note rows after it` : 'the customers read again'} in ${w.startMs.toFixed(1)} ms · ` +
        `its first look-up ${w.firstLookupMs.toFixed(2)} ms (${w.found ? 'found' : 'NOT FOUND'})`,
    );
    for (const start of r.starts) {
      const during = latencies(start.during);
      console.log(
        `  restarted worker, ${start.layout}: key filters from ${start.source === 'stored' ? 'the stored copy' : 'the customers read again'} in ${start.ms.toFixed(1)} ms · ` +
          `${start.during.length} look-ups during it: p50 ${during.p50.toFixed(2)} ms, p95 ${during.p95.toFixed(2)} ms`,
      );
    }
  }
  console.log(
    `method: bench/overlay/lookup-entry.ts bundled with esbuild; lib/db findCustomersByIdentities; queries alternate the layouts; look-ups timed in restarted workers (new database objects) whose key filters are read, after the starts timed with look-ups made one after another until each is done; ${cpus().length} CPUs`,
  );
});
