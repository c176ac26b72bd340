// Which synced tables hold only rows the change feed wrote, in feed order: a pull may write those without reading the
// versions they hold (every change it brings is at least as new). Kept in meta with each page, so a first sync resumed
// after a killed worker keeps the fast path; any other write to a synced table forgets it.
import { SYNCED_ENTITIES, type SyncedEntityName } from '../schema';
import type { TandemDatabase } from './database';
import { deleteMeta, getMeta, setMeta } from './meta';

const PULLED_ONLY_KEY = 'sync.pulledOnly';

/** The tables stored as pulled only (none when something else wrote a synced table since). */
export async function storedPulledOnly(db: TandemDatabase): Promise<Set<SyncedEntityName>> {
  const names = (await getMeta<unknown>(db, PULLED_ONLY_KEY)) ?? [];
  const known = new Set<string>(Object.keys(SYNCED_ENTITIES));
  return new Set(Array.isArray(names) ? names.filter((n): n is SyncedEntityName => typeof n === 'string' && known.has(n)) : []);
}

/** Stored with a pulled page (the caller's transaction holds meta). */
export async function keepPulledOnly(db: TandemDatabase, tables: ReadonlySet<SyncedEntityName>): Promise<void> {
  if (tables.size > 0) await setMeta(db, PULLED_ONLY_KEY, [...tables]);
  else await deleteMeta(db, PULLED_ONLY_KEY);
}

/** A write other than a pulled page (a local edit, a push's answer, a restart keeping queued records): every table is read again. */
export async function forgetPulledOnly(db: TandemDatabase): Promise<void> {
  await deleteMeta(db, PULLED_ONLY_KEY);
}
