import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyChanges } from './changes';
import { nextBatch, recordPushAttempts, writeLocal } from './outbox';
import { customer, kase, useTestDatabase } from './test-fixtures';

const db = useTestDatabase();

describe('recordPushAttempts', () => {
  it('sends an edit folded into a queued write after the batch was read, so it is not acknowledged unsent', async () => {
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: customer('c-jane') },
      { entity: 'cases', seq: 2, record: kase('k-1', 'c-jane') },
    ]);
    await writeLocal(db(), [{ entity: 'cases', op: 'update', recordId: 'k-1', patch: { assigneeId: 'user-alex' } }]);
    const batch = await nextBatch(db(), 10);
    // The agent releases the case while the sync is between reading the batch and sending it.
    await writeLocal(db(), [{ entity: 'cases', op: 'update', recordId: 'k-1', patch: { assigneeId: null } }]);
    const sent = await recordPushAttempts(db(), batch);
    expect(sent.map((r) => [r.recordId, r.data, r.attempts])).toEqual([['k-1', { assigneeId: null }, 1]]);
    // From now on a further edit queues on its own.
    await writeLocal(db(), [{ entity: 'cases', op: 'update', recordId: 'k-1', patch: { assigneeId: 'user-bea' } }]);
    expect(await db().outbox.count()).toBe(2);
  });
});
