import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ApiClient, ApiClientError, createApiClient } from '../api/client';
import { applyChanges, clearAccountData, countRecords, feedOrigin, lastSyncAt, setMeta, syncBackoff, syncCursor, writeLocal } from '../db';
import { customer, kase, useTestDatabase } from '../db/test-fixtures';
import type { MutationResult, PullResponse, PushRequest } from '../schema';
import { createSession } from '../session/session';
import { fakeApi, signInAnswer } from '../session/test-fixtures';
import { createSyncLoop, type SyncLoopDeps } from './loop';

const db = useTestDatabase();
const T0 = new Date('2026-11-20T09:00:00.000Z').getTime();

// Retry timers only fire when a test moves the clock.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const emptyPage = (cursor: number): PullResponse => ({ changes: [], cursor, hasMore: false });

/** A signed-in loop whose server answers with `api`; the clock stands still unless a test moves it. */
async function setup(api: Partial<ApiClient>, afterSync: Array<(api: ApiClient) => Promise<void>> = [], extra: Partial<SyncLoopDeps> = {}) {
  const clock = { now: T0 };
  const session = createSession({
    db: db(),
    getBackendUrl: async () => 'https://tandem.example',
    createApi: () => fakeApi(api),
    now: () => new Date(clock.now),
  });
  await session.save(signInAnswer('u-ana'));
  const onSettled = vi.fn();
  const loop = createSyncLoop({
    db: db(),
    signedInApi: session.signedInApi,
    endSession: session.end,
    afterSync,
    onSettled,
    now: () => new Date(clock.now),
    random: () => 0,
    ...extra,
  });
  return { loop, session, clock, onSettled };
}

describe('the sync loop', () => {
  it('pulls, records when, and runs the after-sync steps with the same client', async () => {
    const pull = vi.fn(async () => emptyPage(7));
    const step = vi.fn(async () => undefined);
    const { loop, onSettled } = await setup({ pull, push: vi.fn() }, [step]);
    await loop.sync();
    expect(await syncCursor(db())).toBe(7);
    expect(await lastSyncAt(db())).toBe('2026-11-20T09:00:00.000Z');
    expect(step).toHaveBeenCalledWith(expect.objectContaining({ pull }));
    expect(loop.state()).toEqual({ syncing: false, online: true, error: null, notice: null });
    expect(onSettled).toHaveBeenCalledOnce();
  });

  it('backs off after a retryable failure, skips unforced syncs until then, and retries on its own', async () => {
    let reachable = false;
    const pull = vi.fn(async () => {
      if (!reachable) throw new ApiClientError('offline', 'Cannot reach the Tandem server.', null);
      return emptyPage(3);
    });
    const { loop } = await setup({ pull, push: vi.fn() });
    await loop.sync();
    // First failure: 2 s ceiling, half of it with random() = 0.
    expect(await syncBackoff(db())).toEqual({ failures: 1, retryAt: '2026-11-20T09:00:01.000Z' });
    expect(loop.state()).toMatchObject({ online: false, error: 'Cannot reach the Tandem server.' });

    await loop.sync();
    expect(pull).toHaveBeenCalledTimes(1);

    reachable = true;
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(async () => expect(await syncCursor(db())).toBe(3));
    expect(pull).toHaveBeenCalledTimes(2);
    await vi.waitFor(async () => expect(await syncBackoff(db())).toEqual({ failures: 0, retryAt: null }));
    expect(loop.state()).toMatchObject({ online: true, error: null });
  });

  it('backs off longer after each failure in a row', async () => {
    const pull = vi.fn(async (): Promise<PullResponse> => {
      throw new ApiClientError('unavailable', 'Service unavailable', 503);
    });
    const { loop } = await setup({ pull, push: vi.fn() });
    await loop.sync({ force: true });
    await loop.sync({ force: true });
    await loop.sync({ force: true });
    // 3rd failure: 8 s ceiling, half of it.
    expect(await syncBackoff(db())).toEqual({ failures: 3, retryAt: '2026-11-20T09:00:04.000Z' });
  });

  it('waits as long as the server’s Retry-After asked, even when a write or the agent forces a sync', async () => {
    let available = false;
    const pull = vi.fn(async () => {
      if (!available) throw new ApiClientError('unavailable', 'The database is unavailable.', 503, undefined, 60_000);
      return emptyPage(4);
    });
    const { loop, clock } = await setup({ pull, push: vi.fn() });
    await loop.sync({ force: true });
    expect(await syncBackoff(db())).toEqual({ failures: 1, retryAt: '2026-11-20T09:01:00.000Z', serverAsked: true });

    available = true;
    clock.now += 30_000;
    await loop.sync({ force: true });
    expect(pull).toHaveBeenCalledTimes(1);

    clock.now += 30_000;
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.waitFor(async () => expect(await syncCursor(db())).toBe(4));
    expect(pull).toHaveBeenCalledTimes(2);
  });

  it('ends the session on a 401 but keeps the outbox for the next sign-in', async () => {
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: customer('c-jane') },
      { entity: 'cases', seq: 2, record: kase('k-1', 'c-jane') },
    ]);
    await writeLocal(db(), [{ entity: 'cases', op: 'update', recordId: 'k-1', patch: { status: 'pending' } }]);
    const push = vi.fn(async () => {
      throw new ApiClientError('unauthorized', 'Your session expired. Sign in again.', 401);
    });
    const { loop, session } = await setup({ pull: vi.fn(), push });
    await loop.sync();
    expect(await session.agent()).toBeNull();
    expect(await db().outbox.count()).toBe(1);
    expect((await db().cases.get('k-1'))?.status).toBe('pending');
    expect(loop.state().error).toBe('Your session ended. Sign in again; your unsynced changes are kept.');
    expect(await syncBackoff(db())).toEqual({ failures: 0, retryAt: null });
  });

  it('does nothing while signed out', async () => {
    const pull = vi.fn(async () => emptyPage(1));
    const { loop, session } = await setup({ pull, push: vi.fn() });
    await session.end();
    await loop.sync({ force: true });
    expect(pull).not.toHaveBeenCalled();
  });

  it('runs one more pass for requests made during a sync, however many', async () => {
    let release!: () => void;
    const firstPull = new Promise<void>((resolve) => (release = resolve));
    const pull = vi.fn(async (cursor: number) => {
      if (pull.mock.calls.length === 1) await firstPull;
      return emptyPage(cursor + 1);
    });
    const { loop } = await setup({ pull, push: vi.fn() });
    const first = loop.sync();
    expect(loop.state().syncing).toBe(true);
    void loop.sync();
    void loop.sync();
    release();
    await first;
    expect(pull).toHaveBeenCalledTimes(2);
    expect(loop.state().syncing).toBe(false);
  });

  it('starts over from the beginning of the change feed when the agent’s teams changed', async () => {
    await setMeta(db(), 'sync.cursor', 40);
    const pull = vi.fn(async (cursor: number) => {
      if (cursor === 40) throw new ApiClientError('scope_changed', 'Your teams changed.', 409);
      return emptyPage(12);
    });
    const { loop } = await setup({ pull, push: vi.fn() });
    await loop.sync();
    expect(pull.mock.calls.map(([cursor]) => cursor)).toEqual([40, 0]);
    expect(await syncCursor(db())).toBe(12);
  });

  describe('when the server is not the one the copy came from', () => {
    /** A cached customer with one acknowledged case, a case the agent captured offline, cursor 40 from server s-1. */
    async function copyWithAnUnsyncedCapture() {
      await applyChanges(db(), [
        { entity: 'customers', seq: 1, record: customer('c-jane') },
        { entity: 'cases', seq: 40, record: kase('k-acknowledged-after-backup', 'c-jane') },
      ]);
      await setMeta(db(), 'sync.cursor', 40);
      await setMeta(db(), 'sync.feed', { id: 's-1', epoch: 'e-1' });
      await writeLocal(db(), [{ entity: 'cases', op: 'create', record: kase('k-offline', 'c-jane', { version: 0 }) }]);
    }

    /** A server that applies every push; its feed (feedFromZero) holds c-jane and what was pushed. */
    function restoredServer(pull: (cursor: number) => Promise<PullResponse>) {
      const pushed: string[] = [];
      const push = vi.fn(async (mutations: { id: string; recordId: string }[]) => {
        pushed.push(...mutations.map((m) => m.recordId));
        const results = mutations.map(
          (m): MutationResult => ({
            mutationId: m.id,
            status: 'applied',
            change: { entity: 'cases', seq: 2, record: kase(m.recordId, 'c-jane') },
            replayed: false,
          }),
        );
        return { results };
      });
      return { pull: vi.fn(pull), push, pushed };
    }

    const feedFromZero = (server: PullResponse['server'], pushed: readonly string[]): PullResponse => ({
      changes: [
        { entity: 'customers', seq: 1, record: customer('c-jane') },
        ...pushed.map((id) => ({ entity: 'cases' as const, seq: 2, record: kase(id, 'c-jane') })),
      ],
      cursor: 2,
      hasMore: false,
      server,
    });

    it('restored from an older backup (cursor_ahead): starts over from 0, keeps and pushes the unsynced capture', async () => {
      await copyWithAnUnsyncedCapture();
      const server = restoredServer(async (cursor) => {
        if (cursor > 2) throw new ApiClientError('cursor_ahead', 'This server is older than your copy.', 409, { head: 2 });
        return feedFromZero({ id: 's-1', epoch: 'e-2', since: 2 }, server.pushed);
      });
      const { loop } = await setup(server);
      await loop.sync();
      expect(server.pull.mock.calls.map(([cursor]) => cursor)).toEqual([40, 0]);
      expect(server.pushed).toEqual(['k-offline']);
      expect(await db().outbox.count()).toBe(0);
      expect(await db().cases.get('k-offline')).toBeDefined();
      // Known only to the newer state the backup lost: gone from the copy.
      expect(await db().cases.get('k-acknowledged-after-backup')).toBeUndefined();
      expect(await db().customers.get('c-jane')).toBeDefined();
      expect(await syncCursor(db())).toBe(2);
      expect(loop.state().error).toBeNull();
    });

    it('tells what was built from the old copy (the knowledge index) to start over, before the new copy’s first page', async () => {
      await copyWithAnUnsyncedCapture();
      const server = restoredServer(async (cursor) => {
        if (cursor > 2) throw new ApiClientError('cursor_ahead', 'This server is older than your copy.', 409, { head: 2 });
        return feedFromZero({ id: 's-1', epoch: 'e-2', since: 2 }, server.pushed);
      });
      const told: string[] = [];
      const { loop } = await setup(server, [], {
        onRestarted: async () => void told.push(`restarted at cursor ${await syncCursor(db())}`),
        onPulled: (_changes, cursor) => void told.push(`pulled to ${cursor}`),
      });
      await loop.sync();
      expect(told).toEqual(['restarted at cursor 0', 'pulled to 2']);
    });

    it('with another database (a new serverId): starts over from 0 before applying its changes, keeping the outbox', async () => {
      await copyWithAnUnsyncedCapture();
      let offered = 0;
      const server = restoredServer(async (cursor) => {
        offered += 1;
        const other = { id: 's-2', epoch: 'e-9', since: 100 };
        if (cursor === 40) return { changes: [{ entity: 'cases', seq: 41, record: kase('k-other-db', 'c-jane') }], cursor: 41, hasMore: false, server: other };
        return feedFromZero(other, server.pushed);
      });
      const { loop } = await setup(server);
      await loop.sync();
      expect(offered).toBe(2);
      expect(server.pull.mock.calls.map(([cursor]) => cursor)).toEqual([40, 0]);
      expect(server.pushed).toEqual(['k-offline']);
      expect(await db().cases.get('k-other-db')).toBeUndefined();
      expect(await db().cases.get('k-acknowledged-after-backup')).toBeUndefined();
      expect(await db().cases.get('k-offline')).toBeDefined();
      expect(await feedOrigin(db())).toEqual({ id: 's-2', epoch: 'e-9' });
    });

    it('restarted from a backup and written to since (a new epoch that began before the cursor): starts over too', async () => {
      await copyWithAnUnsyncedCapture();
      // The restored server's head has passed the cursor again, so only the epoch tells.
      const restored = { id: 's-1', epoch: 'e-2', since: 30 };
      const server = restoredServer(async (cursor) => {
        if (cursor === 40)
          return { changes: [{ entity: 'cases', seq: 41, record: kase('k-written-after-restore', 'c-jane') }], cursor: 41, hasMore: false, server: restored };
        return feedFromZero(restored, server.pushed);
      });
      const { loop } = await setup(server);
      await loop.sync();
      expect(server.pull.mock.calls.map(([cursor]) => cursor)).toEqual([40, 0]);
      expect(await db().cases.get('k-acknowledged-after-backup')).toBeUndefined();
      expect(await db().cases.get('k-offline')).toBeDefined();
      expect(await feedOrigin(db())).toEqual({ id: 's-1', epoch: 'e-2' });
    });

    it('adopts a new epoch that began at or after the cursor (a plain restart) without starting over', async () => {
      await copyWithAnUnsyncedCapture();
      const server = restoredServer(async (cursor) => ({ changes: [], cursor, hasMore: false, server: { id: 's-1', epoch: 'e-3', since: 40 } }));
      const { loop } = await setup(server);
      await loop.sync();
      expect(server.pull.mock.calls.map(([cursor]) => cursor)).toEqual([40]);
      expect(await db().cases.get('k-acknowledged-after-backup')).toBeDefined();
      expect(await feedOrigin(db())).toEqual({ id: 's-1', epoch: 'e-3' });
    });

    it('keeps a record whose write is still in the outbox (the server failed on it) while the rest starts over', async () => {
      await copyWithAnUnsyncedCapture();
      const server = restoredServer(async (cursor) => {
        if (cursor > 2) throw new ApiClientError('cursor_ahead', 'This server is older than your copy.', 409, { head: 2 });
        return feedFromZero({ id: 's-1', epoch: 'e-2', since: 2 }, []);
      });
      server.push.mockImplementation(async (mutations) => ({
        results: mutations.map((m): MutationResult => ({ mutationId: m.id, status: 'rejected', code: 'internal', message: 'The server failed on it.' })),
      }));
      const { loop } = await setup(server);
      await loop.sync();
      expect(server.pull.mock.calls.map(([cursor]) => cursor)).toEqual([40, 0]);
      expect(await db().cases.get('k-offline')).toBeDefined();
      expect(await db().outbox.count()).toBe(1);
      expect(await db().cases.get('k-acknowledged-after-backup')).toBeUndefined();
    });
  });

  it('wipes (a sign-out) only once the pass in flight has ended, before its next page: nothing pulled for the old session lands in the wiped copy', async () => {
    let answerFirstPage: (page: PullResponse) => void = () => undefined;
    const pull = vi.fn(
      (cursor: number) =>
        new Promise<PullResponse>((resolve) => {
          if (cursor === 0) answerFirstPage = resolve;
          else resolve(emptyPage(cursor));
        }),
    );
    const { loop } = await setup({ pull, push: vi.fn() });
    const syncing = loop.sync();
    await vi.waitFor(() => expect(pull).toHaveBeenCalledOnce());
    const wiped = loop.whileNotSyncing(() => clearAccountData(db()));
    // The first page arrives after the sign-out began; the next page is never asked for.
    answerFirstPage({ changes: [{ entity: 'customers', seq: 1, record: customer('c-jane') }], cursor: 1, hasMore: true });
    await Promise.all([syncing, wiped]);
    expect(pull).toHaveBeenCalledOnce();
    expect(await syncCursor(db())).toBe(0);
    expect((await countRecords(db())).customers).toBe(0);
    // Nothing starts while it is held, and syncing works again after.
    await loop.whileNotSyncing(async () => {
      await loop.sync();
      expect(pull).toHaveBeenCalledOnce();
    });
  });

  describe('against a server that accepts a request and never answers (a stalled server, a one-way network)', () => {
    /**
     * The real HTTP client over a fetch that either hangs until it is cancelled or, once `answering`, applies every
     * pushed customer; `pushed` lists the mutation ids that reached the server, `cancelled` the requests given up.
     */
    function stallingServer() {
      const server = { answering: false, pushed: [] as string[], cancelled: 0, requests: 0 };
      const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
        server.requests += 1;
        if (!server.answering)
          return new Promise<Response>((_resolve, reject) => {
            const signal = init?.signal;
            const give = () => ((server.cancelled += 1), reject(signal?.reason));
            if (signal?.aborted) give();
            signal?.addEventListener('abort', give, { once: true });
          });
        if (String(input).includes('/sync/pull')) return Response.json(emptyPage(0));
        const { mutations } = JSON.parse(String(init?.body)) as PushRequest;
        server.pushed.push(...mutations.map((m) => m.id));
        const results = mutations.map(
          (m): MutationResult => ({
            mutationId: m.id,
            status: 'applied',
            change: { entity: 'customers', seq: 1, record: customer(m.recordId, { version: 1 }) },
            replayed: false,
          }),
        );
        return Response.json({ results });
      };
      return { server, fetch: fetch as typeof globalThis.fetch };
    }

    async function setupStalled() {
      const { server, fetch } = stallingServer();
      const session = createSession({
        db: db(),
        getBackendUrl: async () => 'https://tandem.example',
        createApi: (baseUrl, token, signal) => createApiClient({ baseUrl, token, signal, fetch }),
        now: () => new Date(T0),
      });
      await session.save(signInAnswer('u-ana'));
      const loop = createSyncLoop({
        db: db(),
        signedInApi: session.signedInApi,
        endSession: session.end,
        afterSync: [],
        onSettled: vi.fn(),
        now: () => new Date(T0),
        random: () => 0,
      });
      return { loop, server };
    }

    it('a sign-out ends the hung push at once, keeps the write queued, and the next pass sends it once', async () => {
      const { loop, server } = await setupStalled();
      await writeLocal(db(), [{ entity: 'customers', op: 'create', record: customer('c-new', { version: 0 }) }]);
      const syncing = loop.sync();
      await vi.waitFor(() => expect(server.requests).toBe(1));
      // No timer moves: only the cancellation can end the push.
      const held = await loop.whileNotSyncing(async () => db().outbox.count());
      await syncing;
      expect(server.cancelled).toBe(1);
      expect(held).toBe(1);
      // Cancelled is not failed: no error shown, no backoff to wait out.
      expect(loop.state()).toMatchObject({ syncing: false, error: null });
      expect(await syncBackoff(db())).toEqual({ failures: 0, retryAt: null });

      server.answering = true;
      await loop.sync();
      expect(await db().outbox.count()).toBe(0);
      expect(server.pushed).toHaveLength(1);
    });

    it('a sign-out ends a hung pull at once, and nothing of it lands in the wiped copy', async () => {
      const { loop, server } = await setupStalled();
      const syncing = loop.sync();
      await vi.waitFor(() => expect(server.requests).toBe(1));
      await loop.whileNotSyncing(() => clearAccountData(db()));
      await syncing;
      expect(server.cancelled).toBe(1);
      expect(await syncCursor(db())).toBe(0);
      expect(await lastSyncAt(db())).toBeNull();
    });
  });

  it('trims the oldest cached history when storage is full, says so, and syncs again', async () => {
    const pull = vi.fn(async () => {
      if (pull.mock.calls.length === 1) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
      return emptyPage(2);
    });
    const { loop } = await setup({ pull, push: vi.fn() });
    await loop.sync();
    expect(pull).toHaveBeenCalledTimes(2);
    expect(loop.state().notice).toMatch(/ran out of space for Tandem: 0 older records were removed/);
    loop.clearMessages();
    expect(loop.state().notice).toBeNull();
  });

  it('fails the sync when an after-sync step fails, so it is retried', async () => {
    const { loop } = await setup({ pull: vi.fn(async () => emptyPage(1)), push: vi.fn() }, [
      async () => {
        throw new ApiClientError('offline', 'Cannot reach the Tandem server.', null);
      },
    ]);
    await loop.sync();
    expect(await lastSyncAt(db())).toBeNull();
    expect((await syncBackoff(db())).failures).toBe(1);
  });
});
