import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ApiClient, ApiClientError } from '../api/client';
import { applyChanges, setSyncBackoff, syncBackoff } from '../db';
import { customer, useTestDatabase } from '../db/test-fixtures';
import type { MutationEnvelope, SyncStatus } from '../schema';
import { createSession } from '../session/session';
import { fakeApi, signInAnswer } from '../session/test-fixtures';
import { createSyncService } from './background';

const db = useTestDatabase();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A server that accepts every push and has nothing new to pull. */
function acceptingServer(): Partial<ApiClient> & { pushed: MutationEnvelope[] } {
  const pushed: MutationEnvelope[] = [];
  return {
    pushed,
    pull: vi.fn(async (cursor: number) => ({ changes: [], cursor, hasMore: false })),
    push: vi.fn(async (mutations: MutationEnvelope[]) => {
      pushed.push(...mutations);
      return {
        results: mutations.map((m) => ({
          mutationId: m.id,
          status: 'applied' as const,
          replayed: false,
          change: { entity: 'customers' as const, seq: 1, record: { ...customer(m.recordId), ...(m.op === 'create' ? m.data : {}), version: 1 } },
        })),
      };
    }),
    live: vi.fn(async () => new Response(new ReadableStream(), { status: 200 })),
  };
}

async function setup(server: Partial<ApiClient>) {
  const session = createSession({
    db: db(),
    getBackendUrl: async () => 'https://tandem.example',
    createApi: () => fakeApi(server),
    now: () => new Date('2026-11-20T09:00:00.000Z'),
  });
  await session.save(signInAnswer('u-ana'));
  const announced: SyncStatus[] = [];
  const sync = createSyncService({
    db: db(),
    session,
    getBackendUrl: async () => 'https://tandem.example',
    afterSync: [],
    onPresence: vi.fn(),
    onLiveConnected: vi.fn(),
    onSynced: (status) => announced.push(status),
    now: () => new Date('2026-11-20T09:00:00.000Z'),
    random: () => 0,
  });
  return { sync, session, announced };
}

describe('the sync service', () => {
  it('shows a local write at once and pushes it', async () => {
    const server = acceptingServer();
    const { sync, announced } = await setup(server);
    await sync.write([{ entity: 'customers', op: 'create', record: customer('c-new', { version: 0 }) }]);
    expect(await db().customers.get('c-new')).toBeDefined();
    await vi.waitFor(() => expect(server.pushed.map((m) => m.recordId)).toEqual(['c-new']));
    await vi.waitFor(() => expect(announced.at(-1)).toMatchObject({ pending: 0, syncing: false }));
    expect(announced.some((s) => s.pending === 1)).toBe(true);
  });

  it('starts a new session without the last one’s backoff or error, syncs it, then opens the live stream', async () => {
    let refuse = true;
    const server = acceptingServer();
    const pull = server.pull!;
    server.pull = vi.fn(async (cursor: number) => {
      if (refuse) throw new ApiClientError('offline', 'Cannot reach the Tandem server.', null);
      return pull(cursor);
    });
    const { sync } = await setup(server);
    await sync.sync();
    expect((await sync.status()).error).toBe('Cannot reach the Tandem server.');

    refuse = false;
    await setSyncBackoff(db(), { failures: 4, retryAt: '2026-11-20T10:00:00.000Z' });
    await sync.signedIn();
    expect(await syncBackoff(db())).toEqual({ failures: 0, retryAt: null });
    await vi.waitFor(() => expect(server.live).toHaveBeenCalledOnce());
    expect((await sync.status()).error).toBeNull();
    sync.live.stop();
  });

  it('forgets what went wrong once signed out, and tells the pages', async () => {
    await applyChanges(db(), [{ entity: 'customers', seq: 1, record: customer('c-jane') }]);
    const server = acceptingServer();
    server.pull = vi.fn(async () => {
      throw new ApiClientError('unavailable', 'Service unavailable', 503);
    });
    const { sync, announced } = await setup(server);
    await sync.sync();
    sync.signedOut();
    await vi.waitFor(() => expect(announced.at(-1)?.error).toBeNull());
  });
});
