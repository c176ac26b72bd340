import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyChanges, failedWrites, interactionById, writeLocal } from '../db';
import { customer, interaction, kase, useTestDatabase } from '../db/test-fixtures';
import type { Change, MutationResult, PullResponse } from '../schema';
import { createSyncEngine, type SyncTransport } from './engine';

const db = useTestDatabase();

/** What a member of the old team pulls after the case moved (server/sync/revocations.ts): content-free tombstones. */
function revocationPage(revoked: boolean): PullResponse {
  const gone = { version: 2, deleted: true, subject: 'Removed' };
  const changes: Change[] = [
    { entity: 'cases', seq: 50, record: kase('case-moved', 'cust-1', gone), ...(revoked ? { revoked: true as const } : {}) },
    {
      entity: 'interactions',
      seq: 51,
      record: interaction('int-moved', 'cust-1', { caseId: 'case-moved', version: 2, deleted: true, text: '' }),
      ...(revoked ? { revoked: true as const } : {}),
    },
  ];
  return { changes, cursor: 51, hasMore: false };
}

/** A server for an agent whose case moved away: any write on it is refused as outside their teams, then the pull. */
function movedAwayServer(page: PullResponse): SyncTransport {
  return {
    pull: async () => page,
    async push(mutations) {
      const results = mutations.map(
        (m): MutationResult => ({ mutationId: m.id, status: 'rejected', code: 'not_found', message: `There is no case ${m.recordId} that you can change.` }),
      );
      return { results };
    },
  };
}

async function cacheMovedCaseWithQueuedEdit(): Promise<void> {
  await applyChanges(db(), [
    { entity: 'customers', seq: 1, record: customer('cust-1') },
    { entity: 'cases', seq: 2, record: kase('case-moved', 'cust-1') },
    { entity: 'interactions', seq: 3, record: interaction('int-moved', 'cust-1', { caseId: 'case-moved' }) },
  ]);
  // Written offline, before the move reached this device.
  await writeLocal(db(), [{ entity: 'cases', op: 'update', recordId: 'case-moved', patch: { status: 'pending' } }]);
}

describe("a record that left the agent's teams", () => {
  it('is dropped from the cache with its messages, the refused edit set aside with the reason shown', async () => {
    await cacheMovedCaseWithQueuedEdit();
    await createSyncEngine({ db: db(), transport: movedAwayServer(revocationPage(true)) }).syncOnce();
    expect(await db().cases.get('case-moved')).toBeUndefined();
    expect(await interactionById(db(), 'int-moved')).toBeUndefined();
    // The customer is still the team's until she moves too.
    expect(await db().customers.get('cust-1')).toBeDefined();
    expect((await failedWrites(db())).map((w) => [w.recordId, w.lastError])).toEqual([
      ['case-moved', 'There is no case case-moved that you can change. (not_found)'],
    ]);
  });

  it('stays gone offline: a second pass with nothing new keeps it out', async () => {
    await cacheMovedCaseWithQueuedEdit();
    const engine = createSyncEngine({ db: db(), transport: movedAwayServer(revocationPage(true)) });
    await engine.syncOnce();
    await createSyncEngine({ db: db(), transport: movedAwayServer({ changes: [], cursor: 51, hasMore: false }) }).syncOnce();
    expect(await db().cases.count()).toBe(0);
  });

  it('unlike an ordinary tombstone, which leaves a record with a refused edit in place for the agent to see', async () => {
    await cacheMovedCaseWithQueuedEdit();
    await createSyncEngine({ db: db(), transport: movedAwayServer(revocationPage(false)) }).syncOnce();
    expect(await db().cases.get('case-moved')).toMatchObject({ status: 'pending' });
    expect(await interactionById(db(), 'int-moved')).toBeUndefined();
  });
});
