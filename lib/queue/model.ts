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
  /** The rows that pass the filters, in queue order at `nowMs`, with their keys. */
  keys: OrderKey[];
  rows: QueueCase[];
  counts: FacetCounts;
  view: QueueView | null;
}

/** Where `key` goes in `keys` (sorted by `compare`): the index of the first key not below it. */
function place(keys: readonly OrderKey[], key: OrderKey, compare: (a: OrderKey, b: OrderKey) => number): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(keys[mid] as OrderKey, key) < 0) low = mid + 1;
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

/** Takes the row (found by its key) out of a sorted list: where it was, or -1 when it is not there. */
function remove(list: Ordered, row: QueueCase, key: OrderKey, compare: (a: OrderKey, b: OrderKey) => number): number {
  const at = place(list.keys, key, compare);
  if (list.rows[at]?.id !== row.id) return -1;
  list.keys.splice(at, 1);
  list.rows.splice(at, 1);
  return at;
}

/** Puts the row in its place in a sorted list; answers where. */
function insert(list: Ordered, row: QueueCase, key: OrderKey, compare: (a: OrderKey, b: OrderKey) => number): number {
  const at = place(list.keys, key, compare);
  list.keys.splice(at, 0, key);
  list.rows.splice(at, 0, row);
  return at;
}

/** Writes the held rows into the preallocated arrays from `at`; answers where the next goes. */
function append(keys: OrderKey[], rows: QueueCase[], at: number, heldKeys: readonly OrderKey[], heldRows: readonly QueueCase[]): number {
  for (let j = 0; j < heldKeys.length; j++) {
    keys[at + j] = heldKeys[j] as OrderKey;
    rows[at + j] = heldRows[j] as QueueCase;
  }
  return at + heldKeys.length;
}

export function createQueueModel() {
  let rows = new Map<string, QueueCase>();
  /** Every row in clock-free order, with its facet values coded (lib/queue/row-codes.ts) at the same index. */
  let all: Ordered = { keys: [], rows: [] };
  let allCodes: RowCodes[] = [];
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
    // Sized once for every row, then cut to what passed: growing two 50,000-row arrays push by push copies them.
    const keys = new Array<OrderKey>(n);
    const shown = new Array<QueueCase>(n);
    let passed = 0;
    // Late rows all sit in the slots up to now's, a prefix of the clock-free order: there the rows of the current
    // slot not yet late are held back until the prefix ends; after it, rows are appended as they come.
    const nowSlot = Math.floor(nowMs / DUE_SLOT_MS);
    const heldKeys: OrderKey[] = [];
    const heldRows: QueueCase[] = [];
    for (let i = 0; i < n; i++) {
      const codes = allCodes[i] as RowCodes;
      const fails = failedFilter(codes, pass.filters);
      if (fails === SEVERAL) continue;
      if (!counted) countCodes(pass, codes, fails);
      if (fails !== NONE) continue;
      const key = all.keys[i] as OrderKey;
      if (key.slot <= nowSlot && !isLate(key, nowMs)) {
        heldKeys.push(key);
        heldRows.push(all.rows[i] as QueueCase);
        continue;
      }
      if (heldKeys.length > 0 && key.slot > nowSlot) passed = append(keys, shown, passed, heldKeys.splice(0), heldRows.splice(0));
      keys[passed] = key;
      shown[passed] = all.rows[i] as QueueCase;
      passed += 1;
    }
    passed = append(keys, shown, passed, heldKeys, heldRows);
    keys.length = passed;
    shown.length = passed;
    return { filters, meId, minute: Math.floor(nowMs / 60_000), nowMs, keys, rows: shown, counts: counted ?? coder.counts(pass), view: null };
  }

  const orderAt = (view: Built) => (a: OrderKey, b: OrderKey) => compareAt(a, b, view.nowMs);

  function takeOut(view: Built, row: QueueCase, key: OrderKey): void {
    countRow(view.counts, row, view.filters, view.meId, -1);
    if (matches(row, view.filters, view.meId)) remove(view, row, key, orderAt(view));
  }

  function putIn(view: Built, row: QueueCase, key: OrderKey): void {
    if (countRow(view.counts, row, view.filters, view.meId, 1)) insert(view, row, key, orderAt(view));
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
      built = null;
      position = { feed: changes.feed, version: changes.version };
      return true;
    }
    if (!position || changes.feed !== position.feed || changes.from !== position.version) return false;
    for (const id of [...changes.remove, ...changes.upsert.map((row) => row.id)]) {
      const old = rows.get(id);
      if (!old) continue;
      rows.delete(id);
      const key = orderKey(old);
      const at = remove(all, old, key, compareOrder);
      if (at >= 0) allCodes.splice(at, 1);
      if (built) takeOut(built, old, key);
    }
    for (const row of changes.upsert) {
      rows.set(row.id, row);
      const key = orderKey(row);
      allCodes.splice(insert(all, row, key, compareOrder), 0, coder.code(row));
      if (built) putIn(built, row, key);
    }
    if (built) built.view = null;
    position = { feed: changes.feed, version: changes.version };
    return true;
  }

  /** Rows in queue order under the filters, with the facet counts; the same object until something changes. */
  function view(filters: QueueFilters, meId: string | null, now: Date): QueueView {
    const sameFilters = built !== null && built.filters === filters && built.meId === meId;
    if (!built || !sameFilters || built.minute !== Math.floor(now.getTime() / 60_000)) {
      built = build(filters, meId, now, sameFilters && built ? built.counts : null);
    }
    built.view ??= { rows: built.rows.slice(), counts: { ...built.counts } };
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
