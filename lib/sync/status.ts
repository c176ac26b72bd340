import { countConflicts, countRecords, countUnsyncedWork, failedWrites, lastSyncAt, syncBackoff, type TandemDatabase } from '../db';
import type { SignInResponse, SyncStatus } from '../schema';
import type { SyncLoop } from './loop';
import { type PullProfile, pullProfiles } from './pull-profile';

export interface SyncStatusSources {
  db: TandemDatabase;
  /** The session while its token is valid. */
  currentSession(): Promise<SignInResponse | null>;
  getBackendUrl(): Promise<string>;
  loop: Pick<SyncLoop, 'state'>;
  liveConnected(): boolean;
}

/** The counts last read from IndexedDB, and the pass that was running then with what it had stored by that time. */
interface Counted {
  counts: Record<string, number>;
  pass: PullProfile | undefined;
  stored: PullProfile['stored'];
}
const lastCounted = new WeakMap<TandemDatabase, Counted>();

/**
 * How many records each table caches. Counting reads every key of a table in Chromium (seconds at 300k records) and
 * holds up the pass's next page write meanwhile, and a page showing a first sync asks every second: so while a first
 * sync runs (a pass from cursor 0), the counts read at its start are moved by what it has stored since (its pull
 * profile: an estimate, updates count as new rows), and read again once it is over (docs/sync-protocol.md).
 */
async function recordCounts(db: TandemDatabase, syncing: boolean): Promise<Record<string, number>> {
  const pass = pullProfiles().at(-1);
  const last = lastCounted.get(db);
  if (syncing && pass?.fromCursor === 0 && last?.pass === pass) {
    const moved = (entity: string, n: number) =>
      n + (pass.stored[entity as keyof Counted['stored']] ?? 0) - (last.stored[entity as keyof Counted['stored']] ?? 0);
    return Object.fromEntries(Object.entries(last.counts).map(([entity, n]) => [entity, moved(entity, n)]));
  }
  const counts = await countRecords(db);
  lastCounted.set(db, { counts, pass, stored: { ...pass?.stored } });
  return counts;
}

/** What the pages and the toolbar badge show about sync: who is signed in, what waits, what went wrong. */
export async function syncStatus({ db, currentSession, getBackendUrl, loop, liveConnected }: SyncStatusSources): Promise<SyncStatus> {
  const session = await currentSession();
  const { syncing, online, error, notice } = loop.state();
  const [backendUrl, lastSync, backoff, counts, pending, failed, conflicts] = await Promise.all([
    getBackendUrl(),
    lastSyncAt(db),
    syncBackoff(db),
    recordCounts(db, syncing),
    // Screenshots waiting to upload are unsynced work too (sign-out counts them the same way).
    countUnsyncedWork(db),
    failedWrites(db),
    countConflicts(db),
  ]);
  return {
    signedIn: session !== null,
    user: session ? { id: session.user.id, name: session.user.name, email: session.user.email, role: session.user.role } : null,
    backendUrl,
    online,
    lastSyncAt: lastSync,
    syncing,
    counts,
    pending,
    failed: failed.map((r) => ({ entity: r.entity, recordId: r.recordId, error: r.lastError ?? 'Refused by the server' })),
    conflicts,
    retryAt: backoff.retryAt,
    live: liveConnected(),
    error,
    notice,
  };
}
