import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyChanges, saveAttachment, setSyncBackoff, writeLocal } from '../db';
import { customer, kase, screenshot, useTestDatabase } from '../db/test-fixtures';
import { signInAnswer } from '../session/test-fixtures';
import { createSyncEngine } from './engine';
import { syncStatus } from './status';

const db = useTestDatabase();

const loopState = { syncing: true, online: false, error: 'Cannot reach the Tandem server.', notice: null };

describe('syncStatus', () => {
  it('shows who is signed in, what waits to sync, what was refused and when the next try is', async () => {
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: customer('c-jane') },
      { entity: 'cases', seq: 2, record: kase('k-1', 'c-jane') },
      { entity: 'cases', seq: 3, record: kase('k-2', 'c-jane') },
    ]);
    await writeLocal(db(), [
      { entity: 'cases', op: 'update', recordId: 'k-1', patch: { status: 'pending' } },
      { entity: 'cases', op: 'update', recordId: 'k-2', patch: { status: 'pending' } },
    ]);
    await db().outbox.where('[entity+recordId]').equals(['cases', 'k-2']).modify({ state: 'failed', lastError: 'Not allowed (forbidden)' });
    await saveAttachment(db(), screenshot('shot-1', 'k-1'));
    await db().conflicts.put({ mutationId: 'm-9', entity: 'cases', recordId: 'k-1', local: {}, server: {}, at: '2026-11-20T09:00:00.000Z' });
    await setSyncBackoff(db(), { failures: 2, retryAt: '2026-11-20T09:00:04.000Z' });

    const status = await syncStatus({
      db: db(),
      currentSession: async () => signInAnswer('u-ana'),
      getBackendUrl: async () => 'https://tandem.example',
      loop: { state: () => loopState },
      liveConnected: () => false,
    });

    expect(status).toEqual({
      signedIn: true,
      user: { id: 'u-ana', name: 'Agent u-ana', email: 'u-ana@tandem.test', role: 'agent' },
      backendUrl: 'https://tandem.example',
      online: false,
      lastSyncAt: null,
      syncing: true,
      counts: { customers: 1, interactions: 0, cases: 2, articles: 0, snippets: 0, broadcasts: 0 },
      // One queued write and one screenshot; the refused write is listed apart.
      pending: 2,
      failed: [{ entity: 'cases', recordId: 'k-2', error: 'Not allowed (forbidden)' }],
      conflicts: 1,
      retryAt: '2026-11-20T09:00:04.000Z',
      live: false,
      error: 'Cannot reach the Tandem server.',
      notice: null,
    });
  });

  it('is signed out without a valid session', async () => {
    const status = await syncStatus({
      db: db(),
      currentSession: async () => null,
      getBackendUrl: async () => 'https://tandem.example',
      loop: { state: () => loopState },
      liveConnected: () => false,
    });
    expect(status).toMatchObject({ signedIn: false, user: null, pending: 0, failed: [], conflicts: 0, retryAt: null });
  });

  it('shows the progress of a first sync without counting the tables again on every ask, and counts them once it is over', async () => {
    // IndexedDB counts of the customers table, seen below Dexie's API.
    let counted = 0;
    db().use({
      stack: 'dbcore',
      name: 'counts',
      create: (core) => ({
        ...core,
        table: (name) => {
          const table = core.table(name);
          return name === 'customers' ? { ...table, count: (req) => ((counted += 1), table.count(req)) } : table;
        },
      }),
    });
    const status = (syncing: boolean) =>
      syncStatus({
        db: db(),
        currentSession: async () => signInAnswer('u-ana'),
        getBackendUrl: async () => 'https://tandem.example',
        loop: { state: () => ({ ...loopState, syncing }) },
        liveConnected: () => false,
      });
    // Three pages of two customers; the options page asks for the status as each page is requested.
    const seen: number[] = [];
    const engine = createSyncEngine({
      db: db(),
      pageSize: 2,
      transport: {
        push: async () => ({ results: [] }),
        async pull(cursor) {
          seen.push((await status(true)).counts.customers ?? -1);
          const changes = [1, 2].map((k) => ({ entity: 'customers' as const, seq: cursor + k, record: customer(`c-${cursor + k}`) }));
          return { changes, cursor: cursor + 2, hasMore: cursor + 2 < 6 };
        },
      },
    });
    await engine.pullAll();
    expect((await status(true)).counts.customers).toBe(6);
    expect(seen.at(0)).toBe(0);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(counted).toBe(1);
    // The pass is over: the tables are counted again.
    expect((await status(false)).counts.customers).toBe(6);
    expect(counted).toBe(2);
  });
});
