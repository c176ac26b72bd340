// The queue page's copy of the queue, kept up to date by the background's deltas (lib/queue/feed.ts): a changed row
// is taken out of the sorted view and the facet counts and put back at its new place, so a live change costs one row,
// not a re-sort, re-count and re-parse of 5,000. All rows are also kept in their clock-free order (lib/queue/sort.ts),
// with their facet values coded as integers (lib/queue/row-codes.ts), so when the filters, the agent or the minute
// change the view is rebuilt in one pass — filter, count, and put late rows first — without sorting again and without
// a string compare per row (≤ 20 ms at 50,000 open cases: npm run bench:queue).
import type { QueueCase, QueueChanges, QueuePosition } from '../schema/queue';
import { countRow, type FacetCounts, matches, type QueueFilters } from './filters';
import { countCodes, createRowCoder, failedFilter, NONE, type RowCodes, SEVERAL } from './row-codes';
import { compareAt, compareOrder, DUE_SLOT_MS, isLate, type OrderKey, orderKey } from './sort';
import type { QueueView } from './view';

interface Built {
  filters: QueueFilters;
  meId: string | null;
  minute: number;
  nowMs: number;
  /** The rows that pass the filters, in queue order at `nowMs` (their keys: `keyOf`). Handed to the view as they are. */
  rows: QueueCase[];
  counts: FacetCounts;
  view: QueueView | null;
}

/** Where `key` goes among n keys sorted by `compare` (the i-th: `keyAt(i)`): the index of the first key not below it. */
function place(n: number, keyAt: (i: number) => OrderKey, key: OrderKey, compare: (a: OrderKey, b: OrderKey) => number): number {
  let low = 0;
  let high = n;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(keyAt(mid), key) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Rows with their keys, kept sorted by a comparator as deltas arrive. */
interface Ordered {
  keys: OrderKey[];
  rows: QueueCase[];
}

/** Every row in clock-free order (`compareOrder`). */
function ordered(rows: Iterable<QueueCase>): Ordered {
  const keyed = [...rows].map((row) => ({ key: orderKey(row), row }));
  keyed.sort((a, b) => compareOrder(a.key, b.key));
  return { keys: keyed.map((k) => k.key), rows: keyed.map((k) => k.row) };
}

/** Takes the row (found by its key) out of the clock-free list: where it was, or -1 when it is not there. */
function remove(list: Ordered, row: QueueCase, key: OrderKey): number {
  const at = place(list.keys.length, (i) => list.keys[i] as OrderKey, key, compareOrder);
  if (list.rows[at]?.id !== row.id) return -1;
  list.keys.splice(at, 1);
  list.rows.splice(at, 1);
  return at;
}

/** Puts the row in its place in the clock-free list; answers where. */
function insert(list: Ordered, row: QueueCase, key: OrderKey): number {
  const at = place(list.keys.length, (i) => list.keys[i] as OrderKey, key, compareOrder);
  list.keys.splice(at, 0, key);
  list.rows.splice(at, 0, row);
  return at;
}

/** Writes the held rows into the preallocated array from `at`; answers where the next goes. */
function append(rows: QueueCase[], at: number, held: readonly QueueCase[]): number {
  for (let j = 0; j < held.length; j++) rows[at + j] = held[j] as QueueCase;
  return at + held.length;
}

export function createQueueModel() {
  let rows = new Map<string, QueueCase>();
  /** Every row in clock-free order, with its facet values coded (lib/queue/row-codes.ts) at the same index. */
  let all: Ordered = { keys: [], rows: [] };
  let allCodes: RowCodes[] = [];
  /** Each row's key by id, for placing a changed row in the built view without a key array beside it. */
  let keys = new Map<string, OrderKey>();
  const coder = createRowCoder();
  let position: QueuePosition | null = null;
  let built: Built | null = null;

  /**
   * One pass over the ordered rows: facet counts, the filter, and late rows ahead of the rest (each already in order).
   * The counts do not depend on the clock: when only the minute moved, the kept ones (`counted`) serve.
   */
  function build(filters: QueueFilters, meId: string | null, now: Date, counted: FacetCounts | null): Built {
    const nowMs = now.getTime();
    const pass = coder.pass(filters, meId);
    const n = all.rows.length;
    // Sized once for every row, then cut to what passed: growing a 50,000-row array push by push copies it. This is
    // the rebuild's one array of rows (the view gets it as it is): fewer large arrays, fewer GC pauses in the tail.
    const shown = new Array<QueueCase>(n);
    let passed = 0;
    // Late rows all sit in the slots up to now's, a prefix of the clock-free order: there the rows of the current
    // slot not yet late are held back until the prefix ends; after it, rows are appended as they come.
    const nowSlot = Math.floor(nowMs / DUE_SLOT_MS);
    const held: QueueCase[] = [];
    for (let i = 0; i < n; i++) {
      const codes = allCodes[i] as RowCodes;
      const fails = failedFilter(codes, pass.filters);
      if (fails === SEVERAL) continue;
      if (!counted) countCodes(pass, codes, fails);
      if (fails !== NONE) continue;
      const key = all.keys[i] as OrderKey;
      if (key.slot <= nowSlot && !isLate(key, nowMs)) {
        held.push(all.rows[i] as QueueCase);
        continue;
      }
      if (held.length > 0 && key.slot > nowSlot) passed = append(shown, passed, held.splice(0));
      shown[passed] = all.rows[i] as QueueCase;
      passed += 1;
    }
    passed = append(shown, passed, held);
    shown.length = passed;
    return { filters, meId, minute: Math.floor(nowMs / 60_000), nowMs, rows: shown, counts: counted ?? coder.counts(pass), view: null };
  }

  /** Where the key goes in the built view's rows (queue order at its `nowMs`). */
  const placeIn = (view: Built, key: OrderKey) =>
    place(
      view.rows.length,
      (i) => keys.get((view.rows[i] as QueueCase).id) as OrderKey,
      key,
      (a, b) => compareAt(a, b, view.nowMs),
    );

  /** Before the first change to a view already handed out: rows and counts copied, so the one handed out stays as it was. */
  function unshare(view: Built): void {
    if (!view.view) return;
    view.rows = view.rows.slice();
    view.counts = Object.fromEntries(Object.entries(view.counts).map(([facet, values]) => [facet, new Map(values)])) as FacetCounts;
    view.view = null;
  }

  function takeOut(view: Built, row: QueueCase, key: OrderKey): void {
    countRow(view.counts, row, view.filters, view.meId, -1);
    if (!matches(row, view.filters, view.meId)) return;
    const at = placeIn(view, key);
    if (view.rows[at]?.id === row.id) view.rows.splice(at, 1);
  }

  function putIn(view: Built, row: QueueCase, key: OrderKey): void {
    if (countRow(view.counts, row, view.filters, view.meId, 1)) view.rows.splice(placeIn(view, key), 0, row);
  }

  /**
   * Applies what the background sent. A snapshot replaces everything; a delta applies only on top of the version it
   * was cut from — false means a delta was missed (or came twice) and the caller must ask for a snapshot.
   */
  function receive(changes: QueueChanges): boolean {
    if (changes.kind === 'snapshot') {
      rows = new Map(changes.snapshot.cases.map((row) => [row.id, row]));
      all = ordered(rows.values());
      allCodes = all.rows.map(coder.code);
      keys = new Map(all.rows.map((row, i) => [row.id, all.keys[i] as OrderKey]));
      built = null;
      position = { feed: changes.feed, version: changes.version };
      return true;
    }
    if (!position || changes.feed !== position.feed || changes.from !== position.version) return false;
    if (built) unshare(built);
    for (const id of [...changes.remove, ...changes.upsert.map((row) => row.id)]) {
      const old = rows.get(id);
      if (!old) continue;
      rows.delete(id);
      const key = keys.get(id) as OrderKey;
      const at = remove(all, old, key);
      if (at >= 0) allCodes.splice(at, 1);
      if (built) takeOut(built, old, key);
      keys.delete(id);
    }
    for (const row of changes.upsert) {
      rows.set(row.id, row);
      const key = orderKey(row);
      keys.set(row.id, key);
      allCodes.splice(insert(all, row, key), 0, coder.code(row));
      if (built) putIn(built, row, key);
    }
    position = { feed: changes.feed, version: changes.version };
    return true;
  }

  /** Rows in queue order under the filters, with the facet counts; the same object until something changes. */
  function view(filters: QueueFilters, meId: string | null, now: Date): QueueView {
    const sameFilters = built !== null && built.filters === filters && built.meId === meId;
    if (!built || !sameFilters || built.minute !== Math.floor(now.getTime() / 60_000)) {
      built = build(filters, meId, now, sameFilters && built ? built.counts : null);
    }
    built.view ??= { rows: built.rows, counts: built.counts };
    return built.view;
  }

  return {
    receive,
    view,
    /** What to send as `after` next time; null before the first snapshot. */
    position: () => position,
    size: () => rows.size,
  };
}

export type QueueModel = ReturnType<typeof createQueueModel>;
