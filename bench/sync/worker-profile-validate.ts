// node --import tsx bench/sync/worker-profile-validate.ts — a pull page's validation alone, in Node: zod's
// PullResponse.safeParse against the walk the extension uses (PullPage, lib/schema/compiled.ts), on pages of 2,000 of
// bench:sync's generated customers and interactions (bench/sync/data.ts). Each round parses the page's JSON afresh and
// times the validation only; the two are alternated. zod runs without its `new Function` fast path, as in the extension
// (MV3's CSP forbids eval; VALIDATE_ZOD_JIT=1 lets Node's zod compile). Env: VALIDATE_ROUNDS (21).
import { cpus, loadavg } from 'node:os';
import { z } from 'zod';
import { PullPage, PullResponse } from '../../lib/schema/api';
import { PULL_PAGE_SIZE } from '../../lib/sync/engine';
import { table } from '../stats';
import { customer, interaction } from './data';

const ROUNDS = Number(process.env.VALIDATE_ROUNDS ?? 21);
const ZOD_JIT = process.env.VALIDATE_ZOD_JIT === '1';
z.config({ jitless: !ZOD_JIT });
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
const loadBefore = load();
const pages = {
  customers: (i: number) => ({ entity: 'customers', seq: i + 1, record: customer(i) }),
  interactions: (i: number) => ({ entity: 'interactions', seq: i + 1, record: interaction(i, PULL_PAGE_SIZE / 2) }),
};
const parsers = { zod: (v: unknown) => PullResponse.safeParse(v), compiled: (v: unknown) => PullPage.safeParse(v) };
const rows: string[][] = [['page of 2,000', 'zod min / median / max (ms)', 'compiled', 'compiled ÷ zod (medians)']];
for (const [name, change] of Object.entries(pages)) {
  const text = JSON.stringify({ changes: Array.from({ length: PULL_PAGE_SIZE }, (_, i) => change(i)), cursor: PULL_PAGE_SIZE, hasMore: true });
  const times: Record<string, number[]> = { zod: [], compiled: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, parse] of Object.entries(parsers)) {
      const body = JSON.parse(text);
      const start = performance.now();
      const result = parse(body);
      times[label]!.push(performance.now() - start);
      if (!result.success) throw new Error(`${label} refused the generated ${name} page`);
    }
  }
  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return [sorted[0]!, sorted[Math.floor((sorted.length - 1) / 2)]!, sorted.at(-1)!];
  };
  const [zod, compiled] = [stats(times.zod!), stats(times.compiled!)];
  const f = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' / ');
  rows.push([name, f(zod), f(compiled), `${((100 * compiled[1]!) / zod[1]!).toFixed(0)}%`]);
}
console.log(
  [
    '=== a pull page validated: zod (PullResponse) vs the compiled walk (PullPage, lib/schema/compiled.ts) ===',
    `method: ${ROUNDS} rounds alternated, each on a fresh JSON.parse of the page, validation timed alone (performance.now);`,
    `        zod ${ZOD_JIT ? 'WITH its new Function fast path (not what the extension gets)' : 'jitless, as in the extension (its CSP forbids eval)'}`,
    table(rows),
    `machine: ${cpus().length} CPUs, Node ${process.version}; load average ${loadBefore} before, ${load()} after (1/5/15 min), shared with other work.`,
  ].join('\n'),
);
