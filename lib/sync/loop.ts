import { type ApiClient, ApiClientError } from '../api/client';
import { clearSyncBackoff, restartChangeFeed, setLastSyncAt, setSyncBackoff, syncBackoff, type TandemDatabase, trimOldestInteractions } from '../db';
import type { Change } from '../schema';
import { createSyncEngine, SyncStopped } from './engine';
import { isQuotaError } from './quota';
import { isRetryable, isSessionEnded, retryDelay } from './retry';

/**
 * Answers after which the local copy starts over from cursor 0, keeping the outbox: the agent's teams
 * changed (`scope_changed`), the server was restored from an older backup (`cursor_ahead`), or it has
 * another database (`server_changed`, from the engine). docs/sync-protocol.md#restored-or-replaced-server.
 */
const RESTART_CODES: ReadonlySet<string> = new Set(['scope_changed', 'cursor_ahead', 'server_changed']);

export interface SyncLoopDeps {
  db: TandemDatabase;
  /** The client that syncs as the agent, its requests cancelled with `signal`; null when signed out or expired (nothing to sync then). */
  signedInApi(signal?: AbortSignal): Promise<ApiClient | null>;
  /** Forgets the session after the server refused its token; the outbox stays for the next sign-in. */
  endSession(): Promise<void>;
  /** Run with the same client after each good push and pull, in order; a step that throws fails the sync. */
  afterSync: ReadonlyArray<(api: ApiClient) => Promise<void>>;
  /** Told about each applied page of the change feed. */
  onPulled?: (changes: readonly Change[], cursor: number) => void;
  /** Told when the local copy has started over from cursor 0 (what was built from the old copy must be rebuilt). */
  onRestarted?: () => Promise<void>;
  /** Told when a sync (with any passes run again) has ended. */
  onSettled(): void;
  now: () => Date;
  random: () => number;
}

/**
 * The sync loop: one sync at a time (a request meanwhile runs one more pass after it), failures
 * backed off with jitter and retried on a timer, the session ended on a 401 and the cache trimmed
 * when storage is full. What went wrong is kept for the status the pages show.
 */
export function createSyncLoop(deps: SyncLoopDeps) {
  const { db, now } = deps;
  let running: Promise<void> | null = null;
  let again = false;
  let online = true;
  let error: string | null = null;
  let notice: string | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Set while something must run with no pass in flight (`whileNotSyncing`): passes end early and none start. */
  let holding = 0;
  /** Cancels the running pass's requests: a sign-out must not wait for a server that accepted a request and never answers. */
  let passAbort: AbortController | null = null;

  function scheduleRetry(at: Date): void {
    if (retryTimer) clearTimeout(retryTimer);
    // While the worker lives a timer retries; if it dies, the alarm and the wake-up sync take over.
    retryTimer = setTimeout(() => void sync({ force: true }), Math.max(0, at.getTime() - now().getTime()));
  }

  async function runOnce(force: boolean): Promise<void> {
    const pass = new AbortController();
    passAbort = pass;
    try {
      await runPass(force, pass.signal);
    } finally {
      passAbort = null;
    }
  }

  async function runPass(force: boolean, cancelled: AbortSignal): Promise<void> {
    const api = await deps.signedInApi(cancelled);
    if (!api) return;
    const backoff = await syncBackoff(db);
    // Our own backoff yields to a forced sync; a wait the server asked for (Retry-After) does not.
    if ((!force || backoff.serverAsked) && backoff.retryAt && Date.parse(backoff.retryAt) > now().getTime()) return;
    const stopRequested = () => holding > 0 || cancelled.aborted;
    const engine = createSyncEngine({ db, transport: api, now, onPulled: deps.onPulled, stopRequested });
    try {
      await engine.syncOnce();
      for (const step of deps.afterSync) {
        if (stopRequested()) throw new SyncStopped();
        await step(api);
      }
      await setLastSyncAt(db, now());
      await clearSyncBackoff(db);
      error = null;
      online = true;
    } catch (failure) {
      // Stopped, or its request cancelled: nothing failed, and the unsent writes stay queued for the next pass.
      if (failure instanceof SyncStopped || cancelled.aborted) return;
      if (isQuotaError(failure)) {
        // Storage is full: drop the least recently needed cache, never the outbox, and go on.
        const trimmed = await trimOldestInteractions(db);
        notice = `This device ran out of space for Tandem: ${trimmed} older records were removed from the local cache. Nothing you wrote was lost.`;
        again = true;
        return;
      }
      if (isSessionEnded(failure)) {
        error = 'Your session ended. Sign in again; your unsynced changes are kept.';
        await deps.endSession();
        return;
      }
      if (failure instanceof ApiClientError && RESTART_CODES.has(failure.code)) {
        // Start the copy over from the beginning of the change feed; the outbox is kept and pushed again.
        await restartChangeFeed(db);
        await deps.onRestarted?.();
        again = true;
        return;
      }
      online = !(failure instanceof ApiClientError && failure.code === 'offline');
      error = failure instanceof Error ? failure.message : String(failure);
      if (isRetryable(failure)) {
        const failures = backoff.failures + 1;
        const retryAt = new Date(now().getTime() + retryDelay(failures, failure, deps.random));
        const serverAsked = failure instanceof ApiClientError && failure.retryAfterMs !== null;
        await setSyncBackoff(db, { failures, retryAt: retryAt.toISOString(), ...(serverAsked ? { serverAsked } : {}) });
        scheduleRetry(retryAt);
      }
    }
  }

  /** Syncs now; `force` ignores the backoff (the agent asked, or the server said there is news). */
  function sync({ force = false }: { force?: boolean } = {}): Promise<void> {
    if (holding > 0) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce(force);
      } while (again && holding === 0);
    })().finally(() => {
      running = null;
      deps.onSettled();
    });
    return running;
  }

  /**
   * Runs `fn` with no sync pass in flight: the running pass's requests are cancelled at once (a server that
   * never answers holds nothing up), the pass ends there, and none starts until `fn` is done. A sign-out wipes the cache this way: a page pulled (or a push answered)
   * for the old session can no longer land in the wiped copy after it, where it would move the cursor
   * past records the next first sync then never fetches.
   */
  async function whileNotSyncing<T>(fn: () => Promise<T>): Promise<T> {
    holding += 1;
    passAbort?.abort();
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    try {
      await running?.catch(() => undefined);
      return await fn();
    } finally {
      holding -= 1;
    }
  }

  return {
    sync,
    whileNotSyncing,
    /** What the status shows about the loop right now. */
    state: () => ({ syncing: running !== null, online, error, notice }),
    /** A new session starts without the last one's error. */
    clearError(): void {
      error = null;
    },
    /** Signed out: nothing of the last session is shown any more. */
    clearMessages(): void {
      error = null;
      notice = null;
    },
  };
}

export type SyncLoop = ReturnType<typeof createSyncLoop>;
