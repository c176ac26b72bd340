// The queue page's copy of the queue, kept up to date by the background's deltas (lib/queue/feed.ts): a changed row
// is taken out of the sorted view and the facet counts and put back at its new place, so a live change costs one row,
// not a re-sort, re-count and re-parse of 5,000. The view is rebuilt whole only when the filters, the agent or the
// minute change (a deadline passing moves rows between slots).
import type { QueueCase, QueueChanges, QueuePosition } from '../schema/queue';
import { countRow, emptyCounts, type FacetCounts, matches, type QueueFilters } from './filters';
import { compareKeys, type SortKey, sortKey } from './sort';
import type { QueueView } from './view';

interface Built {
  filters: QueueFilters;
  meId: string | null;
  minute: number;
  nowMs: number;
  /** The rows that pass the filters, in queue order, with their keys at `nowMs`. */
  keys: SortKey[];
  rows: QueueCase[];
  counts: FacetCounts;
  view: QueueView | null;
}

/** Where `key` goes in `keys` (sorted): the index of the first key not below it. */
function place(keys: readonly SortKey[], key: SortKey): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(keys[mid] as SortKey, key) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function createQueueModel() {
  let rows = new Map<string, QueueCase>();
  let position: QueuePosition | null = null;
  let built: Built | null = null;

  function build(filters: QueueFilters, meId: string | null, now: Date): Built {
    const nowMs = now.getTime();
    const counts = emptyCounts();
    const keyed: { key: SortKey; row: QueueCase }[] = [];
    for (const row of rows.values()) {
      countRow(counts, row, filters, meId, 1);
      if (matches(row, filters, meId)) keyed.push({ key: sortKey(row, nowMs), row });
    }
    keyed.sort((a, b) => compareKeys(a.key, b.key));
    return {
      filters,
      meId,
      minute: Math.floor(nowMs / 60_000),
      nowMs,
      keys: keyed.map((k) => k.key),
      rows: keyed.map((k) => k.row),
      counts,
      view: null,
    };
  }

  function takeOut(view: Built, row: QueueCase): void {
    countRow(view.counts, row, view.filters, view.meId, -1);
    if (!matches(row, view.filters, view.meId)) return;
    const at = place(view.keys, sortKey(row, view.nowMs));
    if (view.rows[at]?.id !== row.id) return;
    view.keys.splice(at, 1);
    view.rows.splice(at, 1);
  }

  function putIn(view: Built, row: QueueCase): void {
    countRow(view.counts, row, view.filters, view.meId, 1);
    if (!matches(row, view.filters, view.meId)) return;
    const key = sortKey(row, view.nowMs);
    const at = place(view.keys, key);
    view.keys.splice(at, 0, key);
    view.rows.splice(at, 0, row);
  }

  /**
   * Applies what the background sent. A snapshot replaces everything; a delta applies only on top of the version it
   * was cut from — false means a delta was missed (or came twice) and the caller must ask for a snapshot.
   */
  function receive(changes: QueueChanges): boolean {
    if (changes.kind === 'snapshot') {
      rows = new Map(changes.snapshot.cases.map((row) => [row.id, row]));
      built = null;
      position = { feed: changes.feed, version: changes.version };
      return true;
    }
    if (!position || changes.feed !== position.feed || changes.from !== position.version) return false;
    for (const id of [...changes.remove, ...changes.upsert.map((row) => row.id)]) {
      const old = rows.get(id);
      if (!old) continue;
      rows.delete(id);
      if (built) takeOut(built, old);
    }
    for (const row of changes.upsert) {
      rows.set(row.id, row);
      if (built) putIn(built, row);
    }
    if (built) built.view = null;
    position = { feed: changes.feed, version: changes.version };
    return true;
  }

  /** Rows in queue order under the filters, with the facet counts; the same object until something changes. */
  function view(filters: QueueFilters, meId: string | null, now: Date): QueueView {
    if (!built || built.filters !== filters || built.meId !== meId || built.minute !== Math.floor(now.getTime() / 60_000)) {
      built = build(filters, meId, now);
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
