// The background's copy of the queue, versioned: each time a page asks, the fresh rows are compared with the kept ones
// and the ids that changed are logged under a new version, so a page that has version v gets only the rows changed
// since v (a live change is one row) instead of the whole snapshot validated on both sides of the message. The rest of
// the snapshot (the agent, teammates, presence) goes with a delta only when it changed since v.
import type { QueueCase, QueueChanges, QueuePosition, QueueSnapshot, QueueSurroundings } from '../schema/queue';

/** Versions kept: a page further behind than this (or from another feed) gets a snapshot. */
const HISTORY = 256;

/** Same JSON value (rows come from the cache as plain data: strings, numbers, booleans, null, arrays, objects). */
function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const xs = x as Record<string, unknown>;
  const ys = y as Record<string, unknown>;
  const keys = Object.keys(xs);
  if (keys.length !== Object.keys(ys).length) return false;
  for (const key of keys) if (!sameValue(xs[key], ys[key])) return false;
  return true;
}

/** Same content, field by field, nested fields (`source`, `tags`) too; columns added later are compared as well. */
export const sameRow = (a: QueueCase, b: QueueCase): boolean => sameValue(a, b);

export function createQueueFeed(options: { id?: string; history?: number } = {}) {
  /** A new id per background start: positions from an earlier feed cannot be trusted. */
  const id = options.id ?? crypto.randomUUID();
  const history = options.history ?? HISTORY;
  let version = 0;
  let rows = new Map<string, QueueCase>();
  let surroundings: QueueSurroundings | null = null;
  /** log[i] holds the ids changed by version (oldest logged version + i), and whether the surroundings changed too. */
  const log: { version: number; ids: string[]; surroundings: boolean }[] = [];

  /** Takes the fresh snapshot; a new version when any row was added, changed or removed, or the surroundings changed. */
  function advance({ cases, ...around }: QueueSnapshot): void {
    const next = new Map<string, QueueCase>();
    const changed: string[] = [];
    for (const row of cases) {
      const kept = rows.get(row.id);
      if (kept && sameRow(kept, row)) next.set(row.id, kept);
      else {
        next.set(row.id, row);
        changed.push(row.id);
      }
    }
    for (const old of rows.keys()) if (!next.has(old)) changed.push(old);
    rows = next;
    const aroundChanged = !sameValue(surroundings, around);
    if (aroundChanged) surroundings = around;
    if (changed.length === 0 && !aroundChanged) return;
    version += 1;
    log.push({ version, ids: changed, surroundings: aroundChanged });
    if (log.length > history) log.shift();
  }

  /** Can the rows changed after `after` be told from the log? */
  function known(after: QueuePosition | null): after is QueuePosition {
    if (!after || after.feed !== id || after.version > version) return false;
    if (after.version === version) return true;
    const oldest = log[0]?.version ?? version + 1;
    return after.version >= oldest - 1;
  }

  /** The queue now, as a delta after the page's position when it can be, else as a snapshot. */
  function changes(snapshot: QueueSnapshot, after: QueuePosition | null): QueueChanges {
    advance(snapshot);
    if (!known(after)) return { kind: 'snapshot', feed: id, version, snapshot: { ...snapshot, cases: [...rows.values()] } };
    const ids = new Set<string>();
    let aroundChanged = false;
    for (const entry of log) {
      if (entry.version <= after.version) continue;
      for (const changed of entry.ids) ids.add(changed);
      aroundChanged ||= entry.surroundings;
    }
    const upsert: QueueCase[] = [];
    const remove: string[] = [];
    for (const changed of ids) {
      const row = rows.get(changed);
      if (row) upsert.push(row);
      else remove.push(changed);
    }
    const delta: QueueChanges = { kind: 'delta', feed: id, from: after.version, version, upsert, remove };
    if (aroundChanged && surroundings) delta.surroundings = surroundings;
    return delta;
  }

  return { changes };
}

export type QueueFeed = ReturnType<typeof createQueueFeed>;
