/**
 * Patches as the sync protocol sends them: plain fields replace, set-valued fields (tags,
 * identities) carry `{ add, remove }` so two agents' additions both survive a merge.
 */
export interface SetPatch {
  add: unknown[];
  remove: unknown[];
}

export type Patch = Record<string, unknown>;

export function isSetPatch(value: unknown): value is SetPatch {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k === 'add' || k === 'remove');
}

const keyOf = (item: unknown) => JSON.stringify(item);

function applySet(current: unknown, patch: SetPatch): unknown[] {
  const items = Array.isArray(current) ? [...current] : [];
  const removed = new Set((patch.remove ?? []).map(keyOf));
  const kept = items.filter((item) => !removed.has(keyOf(item)));
  const present = new Set(kept.map(keyOf));
  for (const item of patch.add ?? []) {
    if (!present.has(keyOf(item))) {
      kept.push(item);
      present.add(keyOf(item));
    }
  }
  return kept;
}

/** The record after the patch, as the server will compute it when no one else changed it. */
export function applyPatch<T extends Record<string, unknown>>(record: T, patch: Patch): T {
  const next: Record<string, unknown> = { ...record };
  for (const [field, value] of Object.entries(patch)) {
    next[field] = isSetPatch(value) ? applySet(record[field], value) : value;
  }
  return next as T;
}

/** Two consecutive patches of one record as one: later plain values win, set changes combine. */
export function mergePatches(first: Patch, second: Patch): Patch {
  const merged: Patch = { ...first };
  for (const [field, value] of Object.entries(second)) {
    const earlier = merged[field];
    if (isSetPatch(value) && isSetPatch(earlier)) {
      const removedLater = new Set((value.remove ?? []).map(keyOf));
      const addedLater = new Set((value.add ?? []).map(keyOf));
      merged[field] = {
        add: [...(earlier.add ?? []).filter((i) => !removedLater.has(keyOf(i))), ...(value.add ?? [])],
        remove: [...(earlier.remove ?? []).filter((i) => !addedLater.has(keyOf(i))), ...(value.remove ?? [])],
      };
    } else {
      merged[field] = value;
    }
  }
  return merged;
}
