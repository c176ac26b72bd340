import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { customer, kase, useTestDatabase } from '../db/test-fixtures';
import type { Change, PullResponse } from '../schema';
import { createSyncEngine, type SyncTransport } from './engine';
import { pullProfiles } from './pull-profile';

const db = useTestDatabase();

/** A server whose feed is `changes`, answered in pages of the size asked. */
function feed(changes: Change[]): SyncTransport {
  return {
    push: async () => ({ results: [] }),
    async pull(cursor, limit = 500): Promise<PullResponse> {
      const page = changes.filter((c) => c.seq > cursor).slice(0, limit);
      const last = page.at(-1)?.seq ?? cursor;
      return { changes: page, cursor: last, hasMore: changes.some((c) => c.seq > last) };
    },
  };
}

describe('the pull profile', () => {
  it('counts each stored page and its records, with a write time for each table the pages wrote', async () => {
    const changes: Change[] = [
      ...Array.from({ length: 5 }, (_, i) => ({ entity: 'customers' as const, seq: i + 1, record: customer(`c-${i}`) })),
      { entity: 'cases', seq: 6, record: kase('k-1', 'c-0') },
    ];
    // A transaction a page (pages answered at once would otherwise share one).
    const engine = createSyncEngine({ db: db(), transport: feed(changes), pageSize: 2, pagesPerTransaction: 1 });
    await engine.pullAll();
    const first = pullProfiles().at(-1);
    expect(first).toMatchObject({ fromCursor: 0, pages: 3, transactions: 3, records: 6 });
    expect(Object.keys(first?.writeMs ?? {}).sort()).toEqual(['cases', 'customers']);
    expect(first?.tablePages).toEqual({ customers: 3, cases: 1 });

    // The next pass is profiled on its own, from where the first one stopped.
    await engine.pullAll();
    expect(pullProfiles().at(-1)).toMatchObject({ fromCursor: 6, pages: 1, records: 0, writeMs: {} });
  });
});
