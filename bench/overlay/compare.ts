// node --import tsx bench/overlay/compare.ts — context on page → overlay shown, two builds side by side on a busy machine: two
// browsers (one per build, one server), page loads alternated A, B, A, B…, so both see the same load over time.
// BENCH_BASE_DIR: the other build (e.g. a copy of .output/chrome-mv3 from before a change); default build: .output/chrome-mv3.
// Also prints where the time goes in the default build (median ms after the site's navigation start, from the frame's
// own marks and navigation timing). Env: BENCH_LOADS (default 40).
import { loadavg } from 'node:os';
import type { CDPSession, Page } from 'playwright-core';
import { FIXTURE_URLS } from '../../e2e/fixture-server';
import { EXTENSION_DIR, startE2eServer, startHarness } from '../../e2e/harness';
import { overlayFrameNow } from '../../e2e/overlay-view';
import { latencies } from '../stats';
import { hostAttribute } from './host-marks';

const LOADS = Number(process.env.BENCH_LOADS ?? 40);
const BASE = process.env.BENCH_BASE_DIR;
if (!BASE) throw new Error('BENCH_BASE_DIR: the build to compare with');
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

/** One page load: ms from the fixture's "rendered" mark to the frame's shown mark, and the frame's milestones. */
async function pageLoad(page: Page, cdp: CDPSession): Promise<{ shown: number; steps: Record<string, number> }> {
  await page.goto(FIXTURE_URLS.zendeskTicket);
  const until = Date.now() + 10_000;
  for (;;) {
    const key = await overlayFrameNow(page)
      ?.evaluate(() => document.documentElement.dataset.shownKey ?? '')
      .catch(() => '');
    if (key?.endsWith('#4521')) break;
    if (Date.now() > until) throw new Error('The overlay frame showed no answer in 10 s');
    await page.waitForTimeout(5);
  }
  const site = await page.evaluate(() => ({
    origin: performance.timeOrigin,
    rendered: performance.timeOrigin + (performance.getEntriesByName('fixture-rendered')[0]?.startTime ?? Number.NaN),
  }));
  const frame = await overlayFrameNow(page)!.evaluate(() => {
    const o = performance.timeOrigin;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, o + m.startTime]));
    return {
      'frame starts loading': o,
      'frame parsed (domInteractive)': o + nav.domInteractive,
      'line to the background open (frame-line)': marks['frame-line'] ?? Number.NaN,
      'card rendered, empty (frame-rendered)': marks['frame-rendered'] ?? Number.NaN,
      'first state for this page received (frame-state)': marks['frame-state'] ?? Number.NaN,
      'content script read the page (contextAt)': Number(document.documentElement.dataset.contextAt),
      'shown (shownAt)': Number(document.documentElement.dataset.shownAt),
    };
  });
  const steps: Record<string, number> = {
    'fixture rendered the ticket': site.rendered - site.origin,
    'content script has the settings (data-settings-at)': Number((await hostAttribute(cdp, 'data-settings-at')) ?? Number.NaN) - site.origin,
  };
  for (const [name, at] of Object.entries(frame)) steps[name] = at - site.origin;
  return { shown: frame['shown (shownAt)'] - site.rendered, steps };
}

const server = await startE2eServer();
const builds = [
  { name: 'base', dir: BASE },
  { name: 'this build', dir: EXTENSION_DIR },
];
const harnesses = await Promise.all(builds.map((b) => startHarness({ server, extensionDir: b.dir })));
try {
  const pages: Array<{ page: Page; cdp: CDPSession }> = [];
  for (const h of harnesses) {
    await h.signIn();
    const page = await h.context.newPage();
    const cdp = await h.context.newCDPSession(page);
    await pageLoad(page, cdp); // warm-up: worker awake, caches filled
    pages.push({ page, cdp });
  }
  const shown: number[][] = builds.map(() => []);
  const steps: Record<string, number[]> = {};
  const loadAtStart = load();
  for (let i = 0; i < LOADS; i++) {
    // Alternate which build goes first in each pair.
    for (const b of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const { page, cdp } = pages[b]!;
      const r = await pageLoad(page, cdp);
      shown[b]?.push(r.shown);
      if (b === 1) for (const [k, v] of Object.entries(r.steps)) (steps[k] ??= []).push(v);
    }
  }
  const f = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`context on page → overlay shown, ${LOADS} loads each, alternated (load average ${loadAtStart} at the start, ${load()} at the end):`);
  builds.forEach((b, n) => {
    const l = latencies(shown[n] as number[]);
    console.log(`  ${b.name.padEnd(11)} p50 ${f(l.p50)}, p95 ${f(l.p95)}   (${b.dir})`);
  });
  console.log('where the time goes in this build (median over the loads, ms after the site page’s navigation start):');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  for (const [name, xs] of Object.entries(steps)
    .filter(([, xs]) => xs.some(Number.isFinite))
    .sort((a, b) => median(a[1]) - median(b[1])))
    console.log(`  ${f(median(xs)).padStart(9)}  ${name}`);
  console.log('method: Zendesk ticket fixture, two headless Chromium instances (one per build) on one server; the same marks as bench:overlay.');
} finally {
  await Promise.all(harnesses.map((h) => h.close()));
  await server.close();
}
