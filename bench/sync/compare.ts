// npm run bench:sync:compare -- <build A> <build B> — bench:sync's first sync for two built extensions (e.g. a copy of
// .output/chrome-mv3 from before a change, and after it), runs alternated A, B, A, B… so the shared machine's load
// drifts over both alike; prints each run and min / median / max per build with the load average.
// Env: COMPARE_RUNS (3 per build), COMPARE_LOGS (a folder: each run's whole report is kept there as <round>-<A|B>.txt,
// and its profile's per-record writes are printed); the bench's own (BENCH_SCALE, default 0.1) pass through. The stream and the replay
// are skipped (BENCH_STREAM_SECONDS=0, BENCH_REPLAY_PAGES=0) unless set: only the first sync is compared.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const builds = process.argv.slice(2).map((dir) => resolve(dir));
if (builds.length !== 2 || builds.some((dir) => !existsSync(join(dir, 'manifest.json')))) {
  console.error('usage: npm run bench:sync:compare -- <built extension A> <built extension B> (each a folder with manifest.json)');
  process.exit(1);
}
const RUNS = Number(process.env.COMPARE_RUNS ?? 3);
const LOGS = process.env.COMPARE_LOGS ?? '';
if (LOGS) mkdirSync(LOGS, { recursive: true });
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

interface Run {
  build: number;
  seconds: number;
  rate: number;
  rawRate: number;
  /** Chromium's CPU seconds for the first sync (bench/sync/run.ts), NaN from a run that did not print it. */
  cpuS: number;
  /** Of which its renderers (the extension's worker and pages) and the browser process (IndexedDB's backend). */
  rendererS: number;
  browserS: number;
  load: string;
}
const runs: Run[] = [];
for (let round = 1; round <= RUNS; round++) {
  for (const [build, dir] of builds.entries()) {
    const out = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'run.ts')], {
      env: { BENCH_SCALE: '0.1', BENCH_STREAM_SECONDS: '0', BENCH_REPLAY_PAGES: '0', ...process.env, BENCH_EXTENSION_DIR: dir },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const first = /FIRST SYNC ([\d.]+) s\s+→\s+([\d,]+) records\/s/.exec(out.stdout);
    const raw = /→ ([\d,]+) records\/s; extension ÷ raw pull/.exec(out.stdout);
    if (out.status !== 0 || !first) {
      console.error(`run ${round} of build ${'AB'[build]} failed:\n${out.stdout.slice(-2000)}\n${out.stderr.slice(-2000)}`);
      process.exit(1);
    }
    const run = {
      build,
      seconds: Number(first[1]),
      rate: Number(first[2]?.replace(/,/g, '')),
      rawRate: Number(raw?.[1]?.replace(/,/g, '') ?? Number.NaN),
      cpuS: Number(/CHROMIUM CPU ([\d.]+) s/.exec(out.stdout)?.[1] ?? Number.NaN),
      rendererS: Number(/by process:.*?\brenderer ([\d.]+) s/.exec(out.stdout)?.[1] ?? Number.NaN),
      browserS: Number(/by process:.*?\bbrowser ([\d.]+) s/.exec(out.stdout)?.[1] ?? Number.NaN),
      load: load(),
    };
    runs.push(run);
    if (LOGS) writeFileSync(join(LOGS, `${round}-${'AB'[build]}.txt`), out.stdout);
    const perRecord = /Dexie write per record: (.*) \(wall time/.exec(out.stdout)?.[1];
    const rest = /transaction rest \(outbox read, cursor, commit\)\s+([\d,]+)\s+\d+%\s+([\d.]+)/.exec(out.stdout);
    const shared = /(\d+) pages in (\d+) transactions/.exec(out.stdout);
    if (LOGS && perRecord)
      console.log(`  ${perRecord}; transaction rest ${rest?.[1] ?? '?'} ms (${rest?.[2] ?? '?'} ms a transaction; ${shared?.[0] ?? 'a page a transaction'})`);
    console.log(
      `round ${round}, build ${'AB'[build]}: ${run.seconds.toFixed(2)} s, ${run.rate.toLocaleString('en')} records/s, Chromium CPU ${run.cpuS} s (renderer ${run.rendererS}, browser ${run.browserS}) (raw pull ${run.rawRate.toLocaleString('en')}/s), load ${run.load}`,
    );
  }
}
const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { min: sorted[0] ?? Number.NaN, median: sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN };
};
const lines = [
  '',
  `=== bench:sync:compare — first sync, ${RUNS} runs per build alternated (BENCH_SCALE=${process.env.BENCH_SCALE ?? '0.1'}) ===`,
  'method: bench/sync/run.ts per run (fresh profile and server each time; clock from the click on "Sign in" to the cache',
  'holding the last seq); records/s min / median / max (the median of an even count is the lower middle one).',
];
for (const [build, dir] of builds.entries()) {
  const mine = runs.filter((r) => r.build === build);
  const rate = stats(mine.map((r) => r.rate));
  const raw = stats(mine.map((r) => r.rawRate));
  const cpu = stats(mine.map((r) => r.cpuS));
  const renderer = stats(mine.map((r) => r.rendererS));
  const browser = stats(mine.map((r) => r.browserS));
  lines.push(
    `build ${'AB'[build]}  ${dir}`,
    `         first sync ${rate.min.toLocaleString('en')} / ${rate.median.toLocaleString('en')} / ${rate.max.toLocaleString('en')} records/s;` +
      ` raw server pull in the same runs ${raw.min.toLocaleString('en')} / ${raw.median.toLocaleString('en')} / ${raw.max.toLocaleString('en')} records/s;` +
      ` Chromium's CPU for it ${cpu.min} / ${cpu.median} / ${cpu.max} s (all its processes, from /proc), of which renderers` +
      ` ${renderer.min} / ${renderer.median} / ${renderer.max} s and the browser process ${browser.min} / ${browser.median} / ${browser.max} s`,
  );
}
const pairs = runs.filter((r) => r.build === 1).map((b, i) => b.rate / (runs.filter((r) => r.build === 0)[i]?.rate ?? Number.NaN));
lines.push(
  `B ÷ A, run by run (same round): ${pairs.map((x) => `${(100 * x).toFixed(0)}%`).join(', ')}`,
  'anchors: issue 18 targets ≥ 25,000 records/s; PowerSync publishes 27,600 rows/s for its initial sync on desktop.',
  `machine: ${cpus().length} CPUs, load average ${load()} at the end (1/5/15 min), shared with other work.`,
);
console.log(lines.join('\n'));
