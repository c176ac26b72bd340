/**
 * `npm test`: every check CI runs, in phases; within a phase, lanes run side by side on CI's two cores (each step of a
 * lane after the one before, its output prefixed with the lane's name). A phase starts when every lane of the one
 * before has passed; the first failure ends the run once its phase is over.
 *
 * 1. `typecheck` beside `lint → build → check:bundle → build:firefox → lint:firefox` (each mostly on one core; nothing
 *    here has a timeout that load could break).
 * 2. the unit run beside `the browser fault suite on PGlite and PostgreSQL → the Firefox smoke run`: the fault suite
 *    spends its time waiting for the service worker's restarts and the writes' round trips (about half a core), so the
 *    unit run's two workers keep most of the machine; the unit run's timeouts leave room for that (vitest.config.ts).
 *    The fault suite runs on PostgreSQL when TANDEM_FAULT_DATABASE_URL and TANDEM_FAULT_PG_RESTART name a cluster of
 *    its own (.ci/run makes one); without them that file's one test says why it skipped.
 * 3. the rest of the end-to-end run in Chromium, one browser at a time.
 *
 * It prints each step's time at the end. docs/testing.md, "`npm test`'s phases".
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

type Step = { name: string; args: string[]; env?: Record<string, string> };
type Lane = { name: string; steps: Step[] };

const npmRun = (script: string, ...extra: string[]): Step => ({
  name: script,
  args: ['run', script, ...(extra.length > 0 ? ['--', ...extra] : [])],
});
const POSTGRES_FAULTS = 'e2e/faults-postgres.test.ts';
/** The browser fault suite on both engines: phase 2 runs these files, phase 3 the rest of e2e. */
const FAULT_SUITES = ['e2e/faults.test.ts', POSTGRES_FAULTS];
// The fault suites keep a module graph each (`--isolate`): e2e/vitest.config.ts shares one across the other files, where
// it saves ≈ 3 s a file; two files gain nothing from it.
const faultsOnPostgres = Boolean(process.env.TANDEM_FAULT_DATABASE_URL && process.env.TANDEM_FAULT_PG_RESTART);
/**
 * Phase 3's servers run on PostgreSQL when the unit run's server is there (e2e/harness.ts): each file's database is a
 * copy of a migrated template instead of a PGlite copy opened in WebAssembly (seconds of CPU a file, 40-odd files).
 * Only after the unit run: its files create and drop databases on the same server.
 */
const e2eOnPostgres: Record<string, string> = process.env.TANDEM_TEST_DATABASE_URL ? { TANDEM_E2E_DATABASE_URL: process.env.TANDEM_TEST_DATABASE_URL } : {};
/**
 * Phase 3's files share one module graph, so each harness launches the next file's browser while its own file runs
 * (e2e/harness.ts, SPARE_BROWSER_ENV). Not for the fault suites: with a module graph per file, a spare is never taken.
 */
const spareBrowser = { TANDEM_E2E_SPARE_BROWSER: '1' };

const phases: Lane[][] = [
  [
    { name: 'types', steps: [npmRun('typecheck')] },
    {
      name: 'build',
      steps: [npmRun('lint'), npmRun('build'), npmRun('check:bundle'), npmRun('build:firefox'), npmRun('lint:firefox')],
    },
  ],
  [
    { name: 'unit', steps: [npmRun('test:unit')] },
    { name: 'browsers', steps: [{ ...npmRun('test:e2e', '--isolate', ...FAULT_SUITES), name: 'test:e2e (faults)' }, npmRun('test:e2e:firefox')] },
  ],
  [{ name: 'e2e', steps: [{ ...npmRun('test:e2e', ...FAULT_SUITES.flatMap((file) => ['--exclude', file])), env: { ...e2eOnPostgres, ...spareBrowser } }] }],
];

const times: { lane: string; step: string; seconds: number; ok: boolean }[] = [];

/** Runs one step, its output line by line with the lane's name in front when lanes run side by side. */
function runStep(lane: string, step: Step, prefixed: boolean): Promise<boolean> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', step.args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...step.env } });
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const)
      createInterface({ input: stream }).on('line', (line) => out.write(prefixed ? `[${lane}] ${line}\n` : `${line}\n`));
    child.on('close', (code, signal) => {
      const ok = code === 0;
      times.push({ lane, step: step.name, seconds: (performance.now() - started) / 1000, ok });
      if (!ok) console.error(`[${lane}] ${step.name} failed (${signal ?? `exit code ${code}`})`);
      resolve(ok);
    });
  });
}

async function runLane(lane: Lane, prefixed: boolean): Promise<boolean> {
  for (const step of lane.steps) if (!(await runStep(lane.name, step, prefixed))) return false;
  return true;
}

const started = performance.now();
let passed = true;
for (const lanes of phases) {
  const results = await Promise.all(lanes.map((lane) => runLane(lane, lanes.length > 1)));
  if (results.includes(false)) {
    passed = false;
    break;
  }
}
console.log(`\nnpm test: ${passed ? 'passed' : 'FAILED'} in ${Math.round((performance.now() - started) / 1000)} s; by step:`);
for (const t of times) console.log(`  ${t.lane.padEnd(9)} ${t.step.padEnd(22)} ${t.seconds.toFixed(1).padStart(7)} s${t.ok ? '' : '  FAILED'}`);
if (!faultsOnPostgres) console.log(`  (${POSTGRES_FAULTS} skipped: TANDEM_FAULT_DATABASE_URL and TANDEM_FAULT_PG_RESTART are not set)`);
process.exitCode = passed ? 0 : 1;
