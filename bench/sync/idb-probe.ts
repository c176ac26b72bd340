// npm run bench:sync:idb — what one IndexedDB row costs in Chromium, by table layout, index and transaction shape:
// generated records (bench/sync/data.ts) written in pages, each page one Dexie transaction as a first sync writes
// them. Env: PROBE_RECORDS (20,000 per case), PROBE_PAGE (2,000), PROBE_ROUNDS (3; every case once a round).

import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { withBundlePage } from '../bundle-page';
import type { ProbeCase } from './idb-probe-entry';

const RECORDS = Number(process.env.PROBE_RECORDS ?? 20_000);
const PAGE = Number(process.env.PROBE_PAGE ?? 2000);
const ROUNDS = Number(process.env.PROBE_ROUNDS ?? 3);
/** Only the cases whose name contains this text (all by default). */
const ONLY = process.env.PROBE_ONLY ?? '';
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

await withBundlePage(join(import.meta.dirname, 'idb-probe-entry.ts'), async (newPage, version) => {
  const loadBefore = load();
  const page = await newPage();
  const rounds = await page.evaluate(
    ([c, p, r, o]) => (globalThis as unknown as { __idbProbe(c: number, p: number, r: number, o: string): Promise<ProbeCase[][]> }).__idbProbe(c, p, r, o),
    [RECORDS, PAGE, ROUNDS, ONLY] as const,
  );
  const names = rounds[0]?.map((c) => c.name) ?? [];
  const lines = [
    '',
    `=== bench:sync:idb — IndexedDB write cost in Chromium ${version} (headless) ===`,
    `method: ${RECORDS.toLocaleString('en')} generated records per case (bench/sync/data.ts), pages of ${PAGE}, one Dexie transaction a page`,
    `(unless stated), fresh database per case, wall time to the last commit; ${ROUNDS} rounds, every case once a round, alternating.`,
    `µs per record: min / median / max over the rounds.`,
    '',
  ];
  for (const name of names) {
    const cases = rounds.map((r) => r.find((c) => c.name === name)).filter((c): c is ProbeCase => Boolean(c));
    const us = cases.map((c) => (c.ms * 1000) / c.records).sort((a, b) => a - b);
    const c0 = cases[0];
    lines.push(
      `${name.padEnd(66)} ${us.map((x) => x.toFixed(1).padStart(6)).join(' /')} µs/record   (${c0?.rows.toLocaleString('en')} rows, ${c0?.jsonBytesPerRecord.toFixed(0)} B JSON/record)`,
    );
    for (const c of cases) if (c.reads) lines.push(`${''.padEnd(8)}then ${c.reads}`);
  }
  lines.push('', `machine: ${cpus().length} CPUs, load average ${loadBefore} before, ${load()} after (1/5/15 min); shared with other work.`);
  console.log(lines.join('\n'));
});
