// npm run bench:sync:profile — where the extension's service worker spends its CPU during a first sync: bench:sync's
// first sync (bench/sync/run.ts) with V8's sampling profiler on the worker (over the DevTools protocol), read back to our
// sources through a source map and summed by group and by function.
// Env: BENCH_SCALE (0.1; 1 = the full 311k-record team), PROFILE_EXTENSION_DIR (a build with source maps to load; by
// default one is built into a temporary folder: the same minified code as `npm run build`, plus .map files),
// PROFILE_OUT (where the .cpuprofile is kept, for DevTools; a temporary file by default), PROFILE_TOP (25 functions),
// PROFILE_READ (an existing .cpuprofile: only summarise it, with PROFILE_EXTENSION_DIR's maps).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { table } from '../stats';
import { summariseProfile } from './worker-profile-read';
import type { CpuProfile } from './worker-profile-session';

const TOP = Number(process.env.PROFILE_TOP ?? 25);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

async function mappedBuild(): Promise<string> {
  const given = process.env.PROFILE_EXTENSION_DIR;
  if (given) return given;
  const outDir = mkdtempSync(join(tmpdir(), 'tandem-profile-build-'));
  console.log(`building the extension with source maps into ${outDir} …`);
  // WXT merges this with wxt.config.ts: the same minified bundle, with .map files beside it.
  const { build } = await import('wxt');
  await build({ outDir, vite: () => ({ build: { sourcemap: true } }) });
  return join(outDir, 'chrome-mv3');
}

const extensionDir = await mappedBuild();
const maps = Object.fromEntries(
  readdirSync(extensionDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js.map'))
    .map((file) => [file.slice(file.lastIndexOf('/') + 1, -'.map'.length), JSON.parse(readFileSync(join(extensionDir, file), 'utf8'))]),
);
if (!maps['background.js']) console.warn(`no background.js.map in ${extensionDir}: functions are shown by their minified names`);

let profileFile = process.env.PROFILE_READ ?? '';
let runReport = '';
if (!profileFile) {
  profileFile = process.env.PROFILE_OUT ?? join(mkdtempSync(join(tmpdir(), 'tandem-worker-profile-')), 'first-sync.cpuprofile');
  const loadBefore = load();
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  const run = spawnSync(process.execPath, [...(nodeMajor < 22 ? ['--experimental-websocket'] : []), '--import', 'tsx', join(import.meta.dirname, 'run.ts')], {
    env: {
      BENCH_SCALE: '0.1',
      BENCH_STREAM_SECONDS: '0',
      BENCH_REPLAY_PAGES: '0',
      BENCH_LIVE: '100',
      ...process.env,
      BENCH_EXTENSION_DIR: extensionDir,
      BENCH_WORKER_PROFILE: profileFile,
    },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0 || !existsSync(profileFile)) {
    console.error(`bench/sync/run.ts failed (${run.status}):\n${run.stdout.slice(-3000)}`);
    process.exit(1);
  }
  const lines = run.stdout.split('\n');
  const first = lines.findIndex((line) => line.startsWith('FIRST SYNC'));
  const cpu = lines.findIndex((line) => line.includes('by process:'));
  runReport = [`load average before the run ${loadBefore}`, ...(first >= 0 ? lines.slice(first, Math.max(first + 1, cpu + 1)) : [])].join('\n');
}

const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
const summary = summariseProfile(profile, maps);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pct = (ms: number) => `${((100 * ms) / summary.busyMs).toFixed(1)}%`;
const frames = summary.frames.filter((f) => f.group !== 'idle');
/** The heading and table of the TOP functions by one of their times. */
const topFunctions = (by: 'self' | 'total', key: 'selfMs' | 'totalMs') => [
  `top ${TOP} functions by ${by} time:`,
  table([
    ['           function (original name, source:line)', 'group', 'self', 'total'],
    ...[...frames]
      .sort((a, b) => b[key] - a[key])
      .slice(0, TOP)
      .map((f) => [`           ${f.label}`, f.group, s(f.selfMs), s(f.totalMs)]),
  ]),
];
console.log(
  [
    '',
    "=== bench:sync:profile — the extension's service worker during a first sync, V8's sampling profiler (1 ms) ===",
    runReport,
    `profile    ${profileFile} (open it in DevTools' Performance panel); ${s(summary.spanMs)} profiled, the worker's thread busy ${s(summary.busyMs)}`,
    '           (samples not idle: JavaScript, GC, V8 and Blink work on that thread; fetch/IndexedDB backends run in other processes).',
    '           self = samples whose top frame is in the group; total = samples with the group anywhere on the stack.',
    table([
      ['           group', 'self', 'of busy', 'total', 'of busy'],
      ...summary.groups
        .filter((g) => g.group !== 'idle')
        .sort((a, b) => b.selfMs - a.selfMs)
        .map((g) => [`           ${g.group}`, s(g.selfMs), pct(g.selfMs), s(g.totalMs), pct(g.totalMs)]),
    ]),
    ...topFunctions('self', 'selfMs'),
    ...topFunctions('total', 'totalMs'),
    `machine    load average ${load()} at the end (1/5/15 min), shared with other work.`,
  ].join('\n'),
);
