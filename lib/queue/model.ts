// The queue page's copy of the queue, kept up to date by the background's deltas (lib/queue/feed.ts): a changed row
// is taken out of the sorted view and the facet counts and put back at its new place, so a live change costs one row
// (two binary searches and one copy of the view's row array), not a re-sort, re-count and re-parse of 5,000. All rows
// are also kept in their clock-free order (lib/queue/sort.ts), with their facet values coded as integers
// (lib/queue/row-codes.ts), so when the filters, the agent or the minute change the view is rebuilt in one pass —
// filter, count, and put late rows first — without sorting again and without a string compare per row (≤ 20 ms at
// 50,000 open cases: npm run bench:queue). Deltas reach that ordered list only at the next rebuild, merged in one
// pass: a live change does not move 5,000 entries of it (npm run bench:queue, "100 live changes").
import type { QueueCase, QueueChanges, QueuePosition } from '../schema/queue';
import { countRow, type FacetCounts, type QueueFilters } from './filters';
import { countCodes, createRowCoder, failedFilter, NONE, type RowCodes, SEVERAL } from './row-codes';
import { compareAt, compareOrder, DUE_SLOT_MS, isLate, type OrderKey, orderKey } from './sort';
import type { QueueView } from './view';

interface Built {
  filters: QueueFilters;
  meId: string | null;
  minute: number;
  nowMs: number;
  /** The rows that pass the filters, in queue order at `nowMs` (their keys: the model's `keys`). Handed to the view as they are. */
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

/** Rows with their keys, sorted by `compareOrder`. */
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

/**
 * The clock-free list with the rows that left it (found by their keys) dropped and the rows that joined it (sorted by
 * `compareOrder`) merged in: the places found by binary search, then one copy, each kept row's codes carried over and
 * each joining row coded once.
 */
function merged(
  list: Ordered,
  codes: readonly RowCodes[],
  left: readonly OrderKey[],
  joined: readonly { row: QueueCase; key: OrderKey }[],
  code: (row: QueueCase) => RowCodes,
): { list: Ordered; codes: RowCodes[] } {
  const n = list.rows.length;
  const keyAt = (i: number) => list.keys[i] as OrderKey;
  const drops: number[] = [];
  for (const key of left) {
    const at = place(n, keyAt, key, compareOrder);
    if (at < n && keyAt(at).id === key.id) drops.push(at);
  }
  drops.sort((a, b) => a - b);
  // Where each joining row goes among the rows there before: before the row at that index.
  const places = joined.map(({ key }) => place(n, keyAt, key, compareOrder));
  // Sized once (growing a 50,000-entry array push by push copies it), like the rebuild's.
  const size = n - drops.length + joined.length;
  const keys = new Array<OrderKey>(size);
  const rows = new Array<QueueCase>(size);
  const nextCodes = new Array<RowCodes>(size);
  let out = 0;
  let i = 0;
  let j = 0;
  let d = 0;
  for (;;) {
    const nextJoin = j < joined.length ? (places[j] as number) : n + 1;
    const nextDrop = d < drops.length ? (drops[d] as number) : n;
    for (const stop = Math.min(nextJoin, nextDrop); i < stop; i++, out++) {
      keys[out] = list.keys[i] as OrderKey;
      rows[out] = list.rows[i] as QueueCase;
      nextCodes[out] = codes[i] as RowCodes;
    }
    if (nextJoin <= nextDrop && j < joined.length) {
      const { row, key } = joined[j] as { row: QueueCase; key: OrderKey };
      keys[out] = key;
      rows[out] = row;
      nextCodes[out] = code(row);
      out += 1;
      j += 1;
    } else if (d < drops.length) {
      i += 1;
      d += 1;
    } else break;
  }
  return { list: { keys, rows }, codes: nextCodes };
}

/** Writes the held rows into the preallocated array from `at`; answers where the next goes. */
function append(rows: QueueCase[], at: number, held: readonly QueueCase[]): number {
  for (let j = 0; j < held.length; j++) rows[at + j] = held[j] as QueueCase;
  return at + held.length;
}

export function createQueueModel() {
  let rows = new Map<string, QueueCase>();
  /**
   * Every row in clock-free order, with its facet values coded (lib/queue/row-codes.ts) at the same index — as of the
   * last rebuild: the rows deltas took out (`left`, by their keys) and put in (`joined`) are merged in at the next one.
   */
  let all: Ordered = { keys: [], rows: [] };
  let allCodes: RowCodes[] = [];
  let left: OrderKey[] = [];
  let joined = new Map<string, QueueCase>();
  /** Each row's key by id, for placing a changed row in the built view without a key array beside it. */
  let keys = new Map<string, OrderKey>();
  const coder = createRowCoder();
  let position: QueuePosition | null = null;
  let built: Built | null = null;

  /** Brings the clock-free list up to date with the deltas since the last rebuild. */
  function mergeDeltas(): void {
    if (left.length === 0 && joined.size === 0) return;
    const joining = [...joined.values()].map((row) => ({ row, key: keys.get(row.id) as OrderKey }));
    joining.sort((a, b) => compareOrder(a.key, b.key));
    ({ list: all, codes: allCodes } = merged(all, allCodes, left, joining, coder.code));
    left = [];
    joined = new Map();
  }

  /**
   * One pass over the ordered rows: facet counts, the filter, and late rows ahead of the rest (each already in order).
   * The counts do not depend on the clock: when only the minute moved, the kept ones (`counted`) serve.
   */
  function build(filters: QueueFilters, meId: string | null, now: Date, counted: FacetCounts | null): Built {
    mergeDeltas();
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

  /** Where the key goes among the built view's rows (queue order at its `nowMs`). */
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

  /**
   * Takes out of the view's rows the ones at `out` and puts in `put` (each with where it goes among the rows there
   * before, sorted by it and then by queue order). Splices: they move the rows natively, faster than a copy in JS.
   */
  function moveRows(view: Built, out: number[], put: readonly { row: QueueCase; at: number }[]): void {
    out.sort((a, b) => b - a);
    for (const at of out) view.rows.splice(at, 1);
    put.forEach(({ row, at }, k) => {
      let before = 0;
      for (const gone of out) if (gone < at) before += 1;
      view.rows.splice(at - before + k, 0, row);
    });
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
      left = [];
      joined = new Map();
      built = null;
      position = { feed: changes.feed, version: changes.version };
      return true;
    }
    if (!position || changes.feed !== position.feed || changes.from !== position.version) return false;
    const view = built;
    if (view) unshare(view);
    // Each row once, the last copy sent winning (the feed sends each id once; a page does not rely on it).
    const fresh = new Map(changes.upsert.map((row) => [row.id, { row, key: orderKey(row) }]));
    // Everything is placed while the keys still say where the rows are now: the rows leaving the view by where they
    // are, the rows coming in by where they go among the rows there now (those leaving are skipped by index after).
    const gone = new Set<string>();
    const out: number[] = [];
    for (const id of [...changes.remove, ...fresh.keys()]) {
      const old = rows.get(id);
      if (!old || gone.has(id)) continue;
      const key = keys.get(id) as OrderKey;
      gone.add(id);
      // A row that joined since the last rebuild is not in the clock-free list: it just does not join.
      if (joined.get(id) === old) joined.delete(id);
      else left.push(key);
      if (view && countRow(view.counts, old, view.filters, view.meId, -1)) {
        const at = placeIn(view, key);
        if (view.rows[at]?.id === id) out.push(at);
      }
    }
    const put: { row: QueueCase; key: OrderKey; at: number }[] = [];
    if (view)
      for (const { row, key } of fresh.values()) if (countRow(view.counts, row, view.filters, view.meId, 1)) put.push({ row, key, at: placeIn(view, key) });
    for (const id of gone) {
      rows.delete(id);
      keys.delete(id);
    }
    for (const { row, key } of fresh.values()) {
      rows.set(row.id, row);
      keys.set(row.id, key);
      joined.set(row.id, row);
    }
    if (view && (out.length > 0 || put.length > 0)) {
      put.sort((a, b) => a.at - b.at || compareAt(a.key, b.key, view.nowMs));
      moveRows(view, out, put);
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
