import { ApiClientError, createApiClient, type ApiClient } from '../api/client';
import { clearAccountData, countRecords, getMeta, setMeta, type TandemDatabase } from '../db';
import { MessageError, type Handlers } from '../messaging';
import { SignInResponse, type PageContext, type Resolution, type SyncStatus } from '../schema';
import { pullAll } from '../sync/pull';
import { resolveContext } from './resolve';

const SESSION_KEY = 'session';
const LAST_SYNC_KEY = 'sync.lastSyncAt';

export interface TabContext {
  context: PageContext;
  resolution: Resolution;
}

export interface BackgroundDeps {
  db: TandemDatabase;
  getBackendUrl(): Promise<string>;
  setBackendUrl(url: string): Promise<void>;
  /** Where each tab's latest context is kept so the side panel (and a restarted worker) can read it. */
  tabContexts: { get(tabId: number): Promise<TabContext | null>; set(tabId: number, value: TabContext): Promise<void> };
  createApi?: (baseUrl: string, token: string | null) => ApiClient;
  now?: () => Date;
  /** Told after every sync attempt, so open pages can refresh what they show. */
  onSynced?: () => void;
}

/**
 * The background's behaviour, independent of the browser APIs that wire it up: owns the session
 * (token kept in IndexedDB, never sent to a page), the sync loop and context resolution.
 */
export function createBackgroundService(deps: BackgroundDeps) {
  const { db } = deps;
  const createApi = deps.createApi ?? ((baseUrl, token) => createApiClient({ baseUrl, token }));
  const now = deps.now ?? (() => new Date());
  let syncing: Promise<void> | null = null;
  let lastError: string | null = null;
  let online = true;

  async function storedSession() {
    const stored = SignInResponse.safeParse(await getMeta(db, SESSION_KEY));
    return stored.success ? stored.data : null;
  }

  async function session() {
    const stored = await storedSession();
    return stored && Date.parse(stored.expiresAt) > now().getTime() ? stored : null;
  }

  async function status(): Promise<SyncStatus> {
    const current = await session();
    return {
      signedIn: current !== null,
      user: current ? { id: current.user.id, name: current.user.name, email: current.user.email, role: current.user.role } : null,
      backendUrl: await deps.getBackendUrl(),
      online,
      lastSyncAt: (await getMeta<string>(db, LAST_SYNC_KEY)) ?? null,
      syncing: syncing !== null,
      counts: await countRecords(db),
      error: lastError,
    };
  }

  /** One sync at a time; callers during a sync wait for the running one. */
  function sync(): Promise<void> {
    syncing ??= (async () => {
      const current = await session();
      if (!current) return;
      const api = createApi(await deps.getBackendUrl(), current.token);
      try {
        await pullAll(db, api);
        await setMeta(db, LAST_SYNC_KEY, now().toISOString());
        lastError = null;
        online = true;
      } catch (error) {
        online = !(error instanceof ApiClientError && error.code === 'offline');
        lastError = error instanceof Error ? error.message : String(error);
        if (error instanceof ApiClientError && error.code === 'unauthorized') {
          lastError = 'Your session ended. Sign in again.';
          await setMeta(db, SESSION_KEY, null);
        }
      }
    })().finally(() => {
      syncing = null;
      deps.onSynced?.();
    });
    return syncing;
  }

  const handlers: Handlers = {
    'context.report': async ({ context }, sender) => {
      const resolution = await resolveContext(db, context);
      const tabId = sender.tab?.id;
      if (tabId !== undefined) await deps.tabContexts.set(tabId, { context, resolution });
      return resolution;
    },
    'context.forTab': async ({ tabId }) => {
      const stored = await deps.tabContexts.get(tabId);
      if (!stored) return { context: null, resolution: null };
      // Re-resolve so the side panel sees what a sync has brought since the page reported.
      return { context: stored.context, resolution: await resolveContext(db, stored.context) };
    },
    'status.get': () => status(),
    'auth.signIn': async ({ backendUrl, email, password }) => {
      const api = createApi(backendUrl, null);
      let signedIn;
      try {
        signedIn = await api.signIn(email, password);
      } catch (error) {
        if (error instanceof ApiClientError) throw new MessageError(error.code, error.message);
        throw error;
      }
      const previous = await storedSession();
      const previousUrl = await deps.getBackendUrl();
      // Another account's (or another server's) cache must not leak into this one.
      if (previousUrl !== backendUrl || (previous && previous.user.id !== signedIn.user.id)) await clearAccountData(db);
      await deps.setBackendUrl(backendUrl);
      await setMeta(db, SESSION_KEY, signedIn);
      lastError = null;
      await sync();
      return status();
    },
    'auth.signOut': async () => {
      const current = await session();
      if (current) {
        // Revoke on the server when reachable; the local wipe happens regardless.
        await createApi(await deps.getBackendUrl(), current.token)
          .signOut()
          .catch(() => undefined);
      }
      await clearAccountData(db);
      lastError = null;
      return status();
    },
    'sync.now': async () => {
      if (!(await session())) throw new MessageError('signed_out', 'Sign in to sync with the Tandem server.');
      await sync();
      return status();
    },
  };

  return { handlers, sync, status };
}

export type BackgroundService = ReturnType<typeof createBackgroundService>;
