import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ApiClient, ApiClientError } from '../api/client';
import { applyChanges, lastSyncAt, setMeta, syncBackoff, syncCursor, writeLocal } from '../db';
import { customer, kase, useTestDatabase } from '../db/test-fixtures';
import type { PullResponse } from '../schema';
import { createSession } from '../session/session';
import { fakeApi, signInAnswer } from '../session/test-fixtures';
import { createSyncLoop } from './loop';

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
async function setup(api: Partial<ApiClient>, afterSync: Array<(api: ApiClient) => Promise<void>> = []) {
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
