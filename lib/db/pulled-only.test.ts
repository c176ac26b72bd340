import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyChanges } from './changes';
import { pulledOnlyTables } from './index';
import { nextBatch, recordPushAttempts, writeLocal } from './outbox';
import { storedPulledOnly } from './pulled-only';
import { applyPushResults } from './push-results';
import { applyPulledPage, restartChangeFeed } from './sync-state';
import { customer, useTestDatabase } from './test-fixtures';

const db = useTestDatabase();
const page = (seq: number) => [{ entity: 'customers' as const, seq, record: customer(`c-${seq}`) }];

describe('tables holding only pulled rows', () => {
  it('are stored with each pulled page, and forgotten by every other write to a synced table', async () => {
    const pulled = new Set(['customers', 'cases'] as const);
    await applyPulledPage(db(), page(1), 1, pulled);
    expect([...(await storedPulledOnly(db()))].sort()).toEqual(['cases', 'customers']);
    // Both hold rows now, but the next pass may still write them without reading them.
    expect(await pulledOnlyTables(db())).toEqual(new Set(['customers', 'cases', 'interactions', 'articles', 'snippets', 'broadcasts']));

    // A push's answer: the server's version lands outside the feed's order.
    await writeLocal(db(), [{ entity: 'customers', op: 'create', record: customer('c-local', { version: 0 }) }]);
    await applyPulledPage(db(), page(2), 2, pulled); // a page of the pass that was running meanwhile stores it again
    const sent = await recordPushAttempts(db(), await nextBatch(db(), 10));
    await applyPushResults(
      db(),
      sent,
      [{ mutationId: sent[0]!.mutationId, status: 'applied', change: { entity: 'customers', seq: 9, record: customer('c-local') }, replayed: false }],
      () => new Date(),
    );
    expect(await storedPulledOnly(db())).toEqual(new Set());
    expect((await pulledOnlyTables(db())).has('customers')).toBe(false);

    await applyPulledPage(db(), page(3), 3, pulled);
    await writeLocal(db(), [{ entity: 'customers', op: 'update', recordId: 'c-1', patch: { name: 'Edited' } }]);
    expect(await storedPulledOnly(db())).toEqual(new Set());

    await applyPulledPage(db(), page(4), 4, pulled);
    await applyChanges(db(), page(5));
    expect(await storedPulledOnly(db())).toEqual(new Set());

    await applyPulledPage(db(), page(6), 6, pulled);
    await restartChangeFeed(db());
    expect(await storedPulledOnly(db())).toEqual(new Set());
  });
});
