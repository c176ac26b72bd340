import { countConflicts, countRecords, countUnsyncedWork, failedWrites, lastSyncAt, syncBackoff, type TandemDatabase } from '../db';
import type { SignInResponse, SyncStatus } from '../schema';
import type { SyncLoop } from './loop';

export interface SyncStatusSources {
  db: TandemDatabase;
  /** The session while its token is valid. */
  currentSession(): Promise<SignInResponse | null>;
  getBackendUrl(): Promise<string>;
  loop: Pick<SyncLoop, 'state'>;
  liveConnected(): boolean;
}

/** What the pages and the toolbar badge show about sync: who is signed in, what waits, what went wrong. */
export async function syncStatus({ db, currentSession, getBackendUrl, loop, liveConnected }: SyncStatusSources): Promise<SyncStatus> {
  const session = await currentSession();
  const [backendUrl, lastSync, backoff, counts, pending, failed, conflicts] = await Promise.all([
    getBackendUrl(),
    lastSyncAt(db),
    syncBackoff(db),
    countRecords(db),
    // Screenshots waiting to upload are unsynced work too (sign-out counts them the same way).
    countUnsyncedWork(db),
    failedWrites(db),
    countConflicts(db),
  ]);
  const { syncing, online, error, notice } = loop.state();
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
