import { toMessageError } from '../api/client';
import { clearAccountData, countUnsyncedWork, type TandemDatabase } from '../db';
import { type Handlers, MessageError } from '../messaging/dispatch';
import type { SyncStatus } from '../schema';
import type { CreateApi, Session } from './session';

export interface AuthHandlerDeps {
  db: TandemDatabase;
  session: Pick<Session, 'stored' | 'save' | 'signedInApi'>;
  getBackendUrl(): Promise<string>;
  setBackendUrl(url: string): Promise<void>;
  createApi: CreateApi;
  status(): Promise<SyncStatus>;
  /** Runs `fn` with no sync pass in flight (lib/sync/loop.ts): the account's data is wiped only then. */
  whileNotSyncing<T>(fn: () => Promise<T>): Promise<T>;
  /** The new session is stored: start syncing it. */
  onSignedIn(): Promise<void>;
  /** About to revoke the token: close what streams with it. */
  onSigningOut(): void;
  /** The session and the account's data are gone. */
  onSignedOut(): void;
}

/** Signing in and out: the cache belongs to one account on one server, and unsynced work is never dropped silently. */
export function createAuthHandlers(deps: AuthHandlerDeps): Pick<Handlers, 'auth.signIn' | 'auth.signOut'> {
  const { db, session } = deps;
  return {
    'auth.signIn': async ({ backendUrl, email, password }) => {
      const signedIn = await deps
        .createApi(backendUrl, null)
        .signIn(email, password)
        .catch((error: unknown) => {
          throw toMessageError(error);
        });
      const previous = await session.stored();
      // Another account's (or another server's) cache must not leak into this one.
      if ((await deps.getBackendUrl()) !== backendUrl || (previous && previous.user.id !== signedIn.user.id))
        await deps.whileNotSyncing(() => clearAccountData(db));
      await deps.setBackendUrl(backendUrl);
      await session.save(signedIn);
      await deps.onSignedIn();
      return deps.status();
    },
    'auth.signOut': async ({ discardUnsynced }) => {
      // Screenshots not yet uploaded count as unsynced too: they exist nowhere else.
      const pending = await countUnsyncedWork(db);
      if (pending > 0 && !discardUnsynced) {
        throw new MessageError(
          'unsynced_changes',
          `${pending} change${pending === 1 ? ' has' : 's have'} not reached the server yet. Reconnect and sync first, or sign out anyway to discard them.`,
        );
      }
      const api = await session.signedInApi();
      deps.onSigningOut();
      await deps.whileNotSyncing(async () => {
        // Revoke on the server when reachable (bounded: SIGN_OUT_TIMEOUT_MS); the local wipe happens alongside, regardless.
        await Promise.all([api?.signOut().catch(() => undefined), clearAccountData(db)]);
      });
      deps.onSignedOut();
      return deps.status();
    },
  };
}
