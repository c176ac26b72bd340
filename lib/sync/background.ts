import type { ApiClient } from '../api/client';
import { clearSyncBackoff, type LocalWrite, type TandemDatabase, writeLocal } from '../db';
import type { Change, SyncStatus } from '../schema';
import type { PresenceEvent } from '../schema/queue';
import type { Session } from '../session/session';
import { createSyncHandlers } from './handlers';
import { createLiveConnection } from './live-connection';
import { createSyncLoop } from './loop';
import { syncStatus } from './status';

export interface SyncServiceDeps {
  db: TandemDatabase;
  session: Pick<Session, 'current' | 'signedInApi' | 'end'>;
  getBackendUrl(): Promise<string>;
  /** Run with the same client after each good push and pull (usage, service levels, site rules). */
  afterSync: ReadonlyArray<(api: ApiClient) => Promise<void>>;
  onPulled?: (changes: readonly Change[], cursor: number) => void;
  /** The local copy started over from cursor 0 (a restored or replaced server, new teams). */
  onRestarted?: () => Promise<void>;
  onPresence(event: PresenceEvent): void;
  onLiveConnected(): void;
  /** Told after every sync attempt or local write, so badges and open pages can refresh. */
  onSynced?: (status: SyncStatus) => void;
  now: () => Date;
  random: () => number;
}

/**
 * The background's side of sync: the loop, the live stream, the status built from both, and the
 * agent's local writes (cached and queued at once, pushed when the network allows).
 */
export function createSyncService(deps: SyncServiceDeps) {
  const { db, session, now } = deps;
  const loop = createSyncLoop({
    db,
    now,
    random: deps.random,
    signedInApi: session.signedInApi,
    endSession: session.end,
    afterSync: deps.afterSync,
    onPulled: deps.onPulled,
    onRestarted: deps.onRestarted,
    onSettled: () => void announce(),
  });
  const live = createLiveConnection({
    db,
    random: deps.random,
    signedInApi: session.signedInApi,
    sync: () => void loop.sync({ force: true }),
    onPresence: deps.onPresence,
    onConnected: deps.onLiveConnected,
    onDisconnected: () => void announce(),
  });

  const status = () => syncStatus({ db, currentSession: session.current, getBackendUrl: deps.getBackendUrl, loop, liveConnected: live.connected });

  async function announce(): Promise<void> {
    if (deps.onSynced) deps.onSynced(await status());
  }

  /** Something was saved on this device: the pages refresh and the sync pushes it. */
  function savedLocally(): void {
    void announce();
    void loop.sync({ force: true });
  }

  async function write(writes: LocalWrite[]): Promise<string[]> {
    const ids = await writeLocal(db, writes, now());
    savedLocally();
    return ids;
  }

  return {
    sync: loop.sync,
    whileNotSyncing: loop.whileNotSyncing,
    status,
    announce,
    write,
    savedLocally,
    live,
    /**
     * A new session: no backoff or error of the last one. The first sync of a large team takes
     * minutes, so it runs on after the caller's answer; the live stream opens when it is done.
     */
    async signedIn(): Promise<void> {
      await clearSyncBackoff(db);
      loop.clearError();
      void loop.sync({ force: true }).then(() => live.start());
    },
    /** The session and its data are gone: nothing of it is shown any more. */
    signedOut(): void {
      loop.clearMessages();
      void announce();
    },
    handlers: createSyncHandlers({
      db,
      signedIn: async () => (await session.current()) !== null,
      sync: loop.sync,
      status,
      write,
      announce: () => void announce(),
    }),
  };
}
