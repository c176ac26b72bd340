// The page's queue model against the plain definition: whatever deltas arrive (one row or several, read at once or
// several deltas before the page looks), whatever filters the agent picks and however the clock moves (deadlines
// passing inside the current 15-minute slot included), its view is exactly queueView() over the same rows — the same
// order and the same facet counts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EFFORT_FILTERS } from '../effort/filter';
import type { CaseStatus, Channel, Tier, ValueBand } from '../schema/entities';
import type { QueueCase } from '../schema/queue';
import { type FacetCounts, NO_FILTERS, type QueueFilters } from './filters';
import { createQueueModel } from './model';
import { minutesFromNow, QUEUE_TEST_NOW, queueRow } from './test-rows';
import { queueView } from './view';

const CHANNELS: Channel[] = ['email', 'twitter', 'facebook'];
const TIERS: (Tier | null)[] = ['standard', 'gold', 'platinum', null];
const TEAMS = ['team-care', 'team-billing'];
const STATUSES: CaseStatus[] = ['new', 'open', 'pending'];
const BANDS: (ValueBand | null)[] = ['low', 'top', null];

const arbRow = (id: string) =>
  fc
    .record({
      // Deadlines within ±40 minutes of now, a few minutes apart, so rows share slots and cross "late" as the clock moves.
      due: fc.option(fc.integer({ min: -8, max: 8 }), { nil: null }),
      tier: fc.constantFrom(...TIERS),
      value: fc.integer({ min: 0, max: 3 }),
      channel: fc.constantFrom(...CHANNELS),
      assigneeId: fc.constantFrom(null, 'me', 'bea'),
      // A tag may come twice: it counts once.
      tags: fc.array(fc.constantFrom('vip', 'billing'), { maxLength: 3 }),
      created: fc.integer({ min: -5, max: 0 }),
      teamId: fc.constantFrom(...TEAMS),
      status: fc.constantFrom(...STATUSES),
      band: fc.constantFrom(...BANDS),
      // Repeat contacts, three or more, switched channels: each effort kind on or off, or no effort known.
      effort: fc.option(fc.record({ repeats: fc.nat(1), contacts: fc.integer({ min: 1, max: 3 }), switches: fc.nat(1) }), { nil: null }),
    })
    .map(
      (r): QueueCase =>
        queueRow(id, {
          slaDueAt: r.due === null ? null : minutesFromNow(r.due * 5),
          customerTier: r.tier,
          customerValueCents: r.value * 1000,
          channel: r.channel,
          assigneeId: r.assigneeId,
          tags: r.tags,
          createdAt: minutesFromNow(r.created * 60),
          teamId: r.teamId,
          status: r.status,
          customerValueBand: r.band,
          effort: r.effort && { ...r.effort, channels: [], firstAt: null },
        }),
    );

const arbFilters: fc.Arbitrary<QueueFilters> = fc.record({
  channel: fc.constantFrom(null, ...CHANNELS),
  teamId: fc.constantFrom(null, ...TEAMS),
  status: fc.constantFrom(null, ...STATUSES),
  assignee: fc.constantFrom('anyone', 'me', 'unassigned', 'others'),
  // 'esim' is on no row: a picked value nobody has.
  tag: fc.constantFrom(null, 'vip', 'billing', 'esim'),
  value: fc.constantFrom(null, ...BANDS.filter((band) => band !== null)),
  effort: fc.constantFrom(null, ...EFFORT_FILTERS),
});

const ids = (rows: readonly QueueCase[]) => rows.map((r) => r.id);
const plain = (counts: FacetCounts) => Object.fromEntries(Object.entries(counts).map(([facet, m]) => [facet, Object.fromEntries([...m].sort())]));

/**
 * A step the page can see: a delta (rows changed, added or removed — one, or several at once as after a burst or a
 * reconnect, an id sometimes in both lists), new filters, or the clock moving on. `look`: the page reads the view
 * after the step (a page applies several deltas in one animation frame and reads the view once).
 */
const arbStep = fc.record({
  change: fc.oneof(
    fc.record({ kind: fc.constant('upsert' as const), id: fc.integer({ min: 0, max: 30 }) }),
    fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 30 }) }),
    fc.record({
      kind: fc.constant('several' as const),
      upsert: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }),
      remove: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }),
    }),
    fc.record({ kind: fc.constant('filters' as const), filters: arbFilters }),
    fc.record({ kind: fc.constant('clock' as const), minutes: fc.integer({ min: 1, max: 20 }) }),
  ),
  look: fc.boolean(),
});

describe('the queue model (page)', () => {
  it('always shows what a full sort, filter and count of the same rows shows', () => {
    fc.assert(
      fc.property(
        fc.array(arbRow('r'), { maxLength: 25 }),
        fc.array(fc.tuple(arbStep, fc.array(arbRow('x'), { minLength: 4, maxLength: 4 })), { maxLength: 30 }),
        // An agent who holds some rows, or no agent signed in (then no row is theirs).
        fc.constantFrom('me', null),
        (start, steps, meId) => {
          const model = createQueueModel();
          let rows = new Map(start.map((row, i) => [`r${i}`, { ...row, id: `r${i}` }]));
          let version = 1;
          model.receive({ kind: 'snapshot', feed: 'f', version, snapshot: { me: null, cases: [...rows.values()], presence: [], teammates: [], live: true } });
          let filters = NO_FILTERS;
          let now = QUEUE_TEST_NOW;
          // What the page holds: a view already handed out must not change under it when deltas arrive.
          let shown = model.view(filters, meId, now);
          const shownBefore = () => ({ rows: ids(shown.rows), counts: plain(shown.counts) });
          let held = shownBefore();
          for (const [{ change, look }, fresh] of steps) {
            if (change.kind === 'filters') filters = change.filters;
            else if (change.kind === 'clock') now = new Date(now.getTime() + change.minutes * 60_000);
            else {
              const upserted = change.kind === 'upsert' ? [change.id] : change.kind === 'several' ? change.upsert : [];
              const removed = change.kind === 'remove' ? [change.id] : change.kind === 'several' ? change.remove : [];
              const upsert = upserted.map((n, i) => ({ ...(fresh[i] as QueueCase), id: `r${n}`, version: version + 1 }));
              // The feed sends an id in one list only; a page given both keeps the row (the upsert is applied last).
              const remove = removed.map((n) => `r${n}`).filter((id) => rows.has(id));
              rows = new Map(rows);
              for (const id of remove) rows.delete(id);
              for (const r of upsert) rows.set(r.id, r);
              expect(
                model.receive({
                  kind: 'delta',
                  feed: 'f',
                  from: version,
                  version: version + 1,
                  upsert,
                  remove,
                }),
              ).toBe(true);
              version += 1;
            }
            expect(shownBefore()).toEqual(held);
            if (!look) continue;
            const seen = model.view(filters, meId, now);
            shown = seen;
            held = shownBefore();
            const expected = queueView([...rows.values()], filters, meId, now);
            expect(ids(seen.rows)).toEqual(ids(expected.rows));
            expect(plain(seen.counts)).toEqual(plain(expected.counts));
          }
          const last = model.view(filters, meId, now);
          const expected = queueView([...rows.values()], filters, meId, now);
          expect(ids(last.rows)).toEqual(ids(expected.rows));
          expect(plain(last.counts)).toEqual(plain(expected.counts));
        },
      ),
      { numRuns: 300 },
    );
  });
});
