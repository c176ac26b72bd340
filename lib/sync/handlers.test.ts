import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { applyChanges, type ConflictRow, failedWrites, nextBatch, writeLocal } from '../db';
import { customer, kase, useTestDatabase } from '../db/test-fixtures';
import type { SyncStatus } from '../schema';
import { createSyncHandlers } from './handlers';

const db = useTestDatabase();
const sender = {};
const STATUS = { signedIn: true } as SyncStatus;

function setup(signedIn = true) {
  const deps = {
    signedIn: async () => signedIn,
    sync: vi.fn(async () => undefined),
    status: async () => STATUS,
    write: vi.fn((writes: Parameters<typeof writeLocal>[1]) => writeLocal(db(), writes)),
    announce: vi.fn(),
  };
  return { handlers: createSyncHandlers({ db: db(), ...deps }), ...deps };
}

function conflict(mutationId: string, at: string, fields: Partial<ConflictRow> = {}): ConflictRow {
  return { mutationId, entity: 'cases', recordId: 'k-1', local: { status: 'pending' }, server: { status: 'solved' }, at, ...fields };
}

describe('sync.now', () => {
  it('syncs at once, ignoring any backoff, and answers the status', async () => {
    const { handlers, sync } = setup();
    expect(await handlers['sync.now']({ retryFailed: false }, sender)).toBe(STATUS);
    expect(sync).toHaveBeenCalledWith({ force: true });
  });

  it('asks a signed-out agent to sign in', async () => {
    const { handlers, sync } = setup(false);
    await expect(handlers['sync.now']({ retryFailed: false }, sender)).rejects.toMatchObject({ code: 'signed_out' });
    expect(sync).not.toHaveBeenCalled();
  });

  it('queues the refused writes again when the agent asks, then syncs', async () => {
    const [refused, kept] = await writeLocal(db(), [
      { entity: 'customers', op: 'create', record: customer('c-1') },
      { entity: 'customers', op: 'create', record: customer('c-2') },
    ]);
    await db()
      .outbox.where('mutationId')
      .anyOf([refused ?? '', kept ?? ''])
      .modify({ state: 'failed', lastError: 'Refused', attempts: 5 });
    const { handlers, sync } = setup();
    await handlers['sync.now']({ retryFailed: true }, sender);
    expect(await failedWrites(db())).toEqual([]);
    expect((await nextBatch(db(), 10)).map((r) => [r.recordId, r.attempts, r.lastError])).toEqual([
      ['c-1', 1, null],
      ['c-2', 1, null],
    ]);
    expect(sync).toHaveBeenCalledWith({ force: true });
  });
});

describe('conflicts', () => {
  it('lists the conflicts oldest first', async () => {
    await db().conflicts.bulkPut([conflict('m-2', '2026-11-20T10:00:00.000Z'), conflict('m-1', '2026-11-20T09:00:00.000Z')]);
    const { handlers } = setup();
    expect((await handlers['conflicts.list']({}, sender)).conflicts.map((c) => c.mutationId)).toEqual(['m-1', 'm-2']);
  });

  it('keeping mine queues the agent’s fields again on top of the server’s current version', async () => {
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: customer('c-jane') },
      { entity: 'cases', seq: 2, record: kase('k-1', 'c-jane', { version: 3, status: 'solved' }) },
    ]);
    await db().conflicts.put(conflict('m-1', '2026-11-20T09:00:00.000Z'));
    const { handlers, announce } = setup();
    expect(await handlers['conflicts.resolve']({ mutationId: 'm-1', keep: 'mine' }, sender)).toBe(STATUS);
    expect(await db().conflicts.count()).toBe(0);
    expect((await db().cases.get('k-1'))?.status).toBe('pending');
    expect(await db().outbox.toArray()).toEqual([
      expect.objectContaining({ entity: 'cases', recordId: 'k-1', op: 'update', baseVersion: 3, data: { status: 'pending' } }),
    ]);
    expect(announce).toHaveBeenCalledOnce();
  });

  it('keeping the server’s version only settles the conflict', async () => {
    await db().conflicts.put(conflict('m-1', '2026-11-20T09:00:00.000Z'));
    const { handlers, write } = setup();
    await handlers['conflicts.resolve']({ mutationId: 'm-1', keep: 'server' }, sender);
    expect(await db().conflicts.count()).toBe(0);
    expect(write).not.toHaveBeenCalled();
  });

  it('says so when the conflict was already settled', async () => {
    const { handlers } = setup();
    await expect(handlers['conflicts.resolve']({ mutationId: 'gone', keep: 'mine' }, sender)).rejects.toMatchObject({ code: 'not_found' });
  });
});
