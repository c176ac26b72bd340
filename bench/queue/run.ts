// npm run bench:queue — what the full-page queue costs at 5,000 open cases: sort + filter + facet counts, the first
// render, a re-sort when the clock moves, and 100 live changes (claims, closes, new cases, deadline edits) applied one
// by one the way the page applies them: a new snapshot → queueView() → Preact re-render of <QueueList>.
// Method: Node + happy-dom (a DOM without layout or paint, so render figures are Preact + DOM work, not Chromium's
// style/layout), timed with performance.now(); data is deterministic (seeded PRNG). Env: BENCH_CASES (5000), BENCH_CHANGES (100).

import { cpus } from 'node:os';
import { Window } from 'happy-dom';
import { h, render } from 'preact';
import { type QueueActions, QueueList } from '../../components/QueueList';
import { NO_FILTERS } from '../../lib/queue/filters';
import { sortQueue } from '../../lib/queue/sort';
import { presenceByCase, queueView } from '../../lib/queue/view';
import type { Channel, Priority, Tier } from '../../lib/schema/entities';
import { type QueueCase, QueueSnapshot } from '../../lib/schema/queue';
import { latencies, ms, rng, time } from '../stats';

const CASES = Number(process.env.BENCH_CASES ?? 5000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 100);
const NOW = new Date('2026-11-20T12:00:00.000Z');
const random = rng(20261120);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

const CHANNELS: Channel[] = ['email', 'twitter', 'facebook', 'phone', 'chat', 'zendesk', 'salesforce', 'hubspot', 'freshdesk', 'dynamics', 'web'];
const TIERS: Tier[] = ['standard', 'standard', 'standard', 'silver', 'silver', 'gold', 'platinum'];
const PRIORITIES: Priority[] = ['low', 'normal', 'normal', 'high', 'urgent'];
const TAGS = ['vip', 'roaming', 'esim', 'billing', 'refunds', 'outage', 'business', 'prepaid'];
const ASSIGNEES = [null, null, null, 'user-alex', 'user-bea', 'user-morgan'];
const minutes = (m: number) => new Date(NOW.getTime() + m * 60_000).toISOString();

function makeCase(i: number): QueueCase {
  const created = -Math.floor(random() * 72 * 60);
  return {
    id: `case-${String(i).padStart(6, '0')}`,
    version: 1,
    updatedAt: minutes(created),
    deleted: false,
    teamId: random() < 0.8 ? 'team-care' : 'team-billing',
    customerId: `cust-${i % 1500}`,
    subject: `Case ${i}: ${pick(TAGS)} question`,
    status: pick(['new', 'open', 'open', 'pending'] as const),
    priority: pick(PRIORITIES),
    channel: pick(CHANNELS),
    slaDueAt: random() < 0.05 ? null : minutes(Math.floor(-180 + random() * 48 * 60)),
    assigneeId: pick(ASSIGNEES),
    tags: [...new Set([pick(TAGS), pick(TAGS)])].slice(0, 1 + Math.floor(random() * 2)),
    source: { url: `https://x.com/someone/status/${1_000_000 + i}`, site: 'twitter', externalId: String(1_000_000 + i), pageTitle: null },
    createdAt: minutes(created),
    customerName: `Customer ${i % 1500}`,
    customerTier: pick(TIERS),
    customerValueCents: Math.floor(random() * 1_000_000),
    customerValueBand: null,
    customerLanguage: 'en',
    pending: false,
    claimConflict: null,
  };
}

const window = new Window({ url: 'chrome-extension://bench/queue.html' });
Object.assign(globalThis, {
  window,
  document: window.document,
  Node: window.Node,
  Element: window.Element,
  HTMLElement: window.HTMLElement,
  Event: window.Event,
});
const container = window.document.createElement('div');
window.document.body.appendChild(container);

const cases = Array.from({ length: CASES }, (_, i) => makeCase(i));
const names = new Map([
  ['user-alex', 'Alex Agent'],
  ['user-bea', 'Bea Berg'],
  ['user-morgan', 'Morgan Manager'],
]);
const teammates = [...names].map(([id, name]) => ({ id, name, email: `${id}@x`, role: 'agent' as const, teamIds: ['team-care', 'team-billing'] }));
const noop = () => {};
const actions: QueueActions = { onSelect: noop, onOpen: noop, onClaim: noop, onRelease: noop, onAssign: noop, onReply: noop, onDismissConflict: noop };
const presence = presenceByCase([], 'user-alex', NOW);
const draw = (rows: readonly QueueCase[], pageSize = 200, selectedId: string | null = null) =>
  render(h(QueueList, { rows, selectedId, meId: 'user-alex', names, presence, teammates, actions, pageSize }), container);

console.log(`bench:queue — ${CASES} open cases, ${CHANGES} live changes; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
console.log('method: Node + happy-dom (DOM without layout/paint), Preact render of components/QueueList, performance.now(); 20 runs each unless said\n');

// 1. Sort + filter + facet counts (what the page recomputes on every snapshot).
const views = Array.from({ length: 20 }, () => time(() => queueView(cases, NO_FILTERS, 'user-alex', NOW)).ms);
const naive = Array.from(
  { length: 20 },
  () => time(() => [...cases].sort((a, b) => (a.slaDueAt && b.slaDueAt ? Date.parse(a.slaDueAt) - Date.parse(b.slaDueAt) : a.slaDueAt ? -1 : 1))).ms,
);
const keyedSort = Array.from({ length: 20 }, () => time(() => sortQueue(cases, NOW)).ms);
const lv = latencies(views);
console.log(`sort+filter+counts  p50 ${ms(lv.p50)}  p95 ${ms(lv.p95)}   (queueView: keyed sort, filters, 5 facet counts)`);
console.log(
  `  keyed sort alone  p50 ${ms(latencies(keyedSort).p50)}   vs a comparator parsing dates on every compare (due time only): p50 ${ms(latencies(naive).p50)} — ${(latencies(naive).p50 / latencies(keyedSort).p50).toFixed(1)}× `,
);

// 2. First render (windowed: the first 200 rows, "Show more" for the rest) and, for comparison, all rows.
const first = time(() => draw(queueView(cases, NO_FILTERS, 'user-alex', NOW).rows)).ms;
const renders = Array.from({ length: 10 }, () => {
  render(null, container);
  return time(() => draw(queueView(cases, NO_FILTERS, 'user-alex', NOW).rows)).ms;
});
const mounted = container.querySelectorAll('li').length;
render(null, container);
const full = Array.from({ length: 3 }, () => {
  render(null, container);
  return time(() => draw(queueView(cases, NO_FILTERS, 'user-alex', NOW).rows, CASES)).ms;
});
console.log(`first render        ${ms(first)} cold, p50 ${ms(latencies(renders).p50)} warm (view + mount; ${mounted} rows in DOM)`);
console.log(`  all ${CASES} rows    p50 ${ms(latencies(full).p50)} (3 runs) — windowing saves ${(latencies(full).p50 / latencies(renders).p50).toFixed(1)}×`);
render(null, container);
draw(queueView(cases, NO_FILTERS, 'user-alex', NOW).rows);

// 3. Re-sort when deadlines pass (the clock moved 45 minutes: cases become breached and jump to the top).
const resorts = Array.from(
  { length: 20 },
  (_, i) => time(() => draw(queueView(cases, NO_FILTERS, 'user-alex', new Date(NOW.getTime() + (i + 1) * 45 * 60_000)).rows)).ms,
);
console.log(`re-sort + re-render p50 ${ms(latencies(resorts).p50)}  p95 ${ms(latencies(resorts).p95)}   (clock +45 min per run, diffed into the mounted list)`);

// 4. 100 live changes, one at a time, each a new snapshot: claim, close, deadline moved, new case.
let current = cases;
const perChange: number[] = [];
const parseCost: number[] = [];
const startAll = performance.now();
for (let i = 0; i < CHANGES; i++) {
  const kind = i % 4;
  const target = current[Math.floor(random() * current.length)]!;
  let next: QueueCase[];
  if (kind === 0) next = current.map((c) => (c === target ? { ...c, assigneeId: 'user-bea', version: c.version + 1 } : c));
  else if (kind === 1)
    next = current.filter((c) => c !== target); // solved: leaves the open queue
  else if (kind === 2) next = current.map((c) => (c === target ? { ...c, slaDueAt: minutes(-30), version: c.version + 1 } : c));
  else next = [...current, makeCase(CASES + i)];
  current = next;
  perChange.push(time(() => draw(queueView(current, NO_FILTERS, 'user-alex', NOW).rows)).ms);
}
const total = performance.now() - startAll;
// What each change also costs on the wire between background and page: the snapshot is validated on both sides.
const snapshot = { me: { id: 'user-alex', name: 'Alex Agent', teamIds: ['team-care', 'team-billing'] }, cases: current, presence: [], teammates, live: true };
for (let i = 0; i < 5; i++) parseCost.push(time(() => QueueSnapshot.parse(snapshot)).ms);
const lc = latencies(perChange);
console.log(`100 live changes    total ${ms(total)}; per change p50 ${ms(lc.p50)}  p95 ${ms(lc.p95)}   (new snapshot → queueView → re-render)`);
console.log(
  `  + message parse   p50 ${ms(latencies(parseCost).p50)} per zod parse of a ${current.length}-case snapshot (done once in the background, once in the page)`,
);
console.log(
  `\nrows in DOM at the end: ${container.querySelectorAll('li').length}; first row ${container.querySelector('li')?.getAttribute('data-case-id')} (${container.querySelector('li')?.getAttribute('data-sla')})`,
);
