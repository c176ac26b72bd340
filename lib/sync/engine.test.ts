import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ApiClientError } from '../api/client';
import { applyChanges, failedWrites, interactionById, MAX_PUSH_ATTEMPTS, nextBatch, syncCursor, TandemDatabase, writeLocal } from '../db';
import { customer, interaction, useTestDatabase } from '../db/test-fixtures';
import type { MutationEnvelope, MutationResult, PullResponse } from '../schema';
import { createSyncEngine, type SyncTransport } from './engine';
import { pullProfiles } from './pull-profile';

const db = useTestDatabase();
const emptyPage: PullResponse = { changes: [], cursor: 0, hasMore: false };

/** The server's answer to one mutation: how a fake server treats the customer it creates. */
type Behaviour = 'apply' | 'refuse' | 'fail' | 'fail-alone';

/**
 * A server that applies customer creates, except for the names given: `refuse` makes the whole request a 400,
 * `fail` a 500, `fail-alone` a per-mutation `internal` rejection. Records every batch it was sent.
 */
function fakeServer(behaviours: Record<string, Behaviour>) {
  const batches: string[][] = [];
  const behaviour = (m: MutationEnvelope): Behaviour => behaviours[m.recordId] ?? 'apply';
  const transport: SyncTransport = {
    pull: async () => emptyPage,
    async push(mutations) {
      batches.push(mutations.map((m) => m.recordId));
      if (mutations.some((m) => behaviour(m) === 'refuse')) throw new ApiClientError('invalid_request', 'The request is malformed.', 400);
      if (mutations.some((m) => behaviour(m) === 'fail')) throw new ApiClientError('internal', 'Something went wrong on the server.', 500);
      const results = mutations.map((m): MutationResult => {
        if (behaviour(m) === 'fail-alone') return { mutationId: m.id, status: 'rejected', code: 'internal', message: 'The server failed on it.' };
        const record = customer(m.recordId, { ...(m.data as object), version: 1 });
        return { mutationId: m.id, status: 'applied', change: { entity: 'customers', seq: 1, record }, replayed: false };
      });
      return { results };
    },
  };
  return { transport, batches };
}

async function queueCustomers(...ids: string[]): Promise<void> {
  await writeLocal(
    db(),
    ids.map((id) => ({ entity: 'customers' as const, op: 'create' as const, record: customer(id, { version: 0 }) })),
  );
}

const queued = async () => (await nextBatch(db(), 100)).map((r) => r.recordId);
const failed = async () => (await failedWrites(db())).map((r) => [r.recordId, r.lastError]);

describe('the push engine', () => {
  it('retries a write the server answers 500 for with the rest of its batch, then sets it aside so the others flow', async () => {
    await queueCustomers('c-before', 'c-poison', 'c-after');
    const { transport } = fakeServer({ 'c-poison': 'fail' });
    const engine = createSyncEngine({ db: db(), transport });
    for (let pass = 1; pass < MAX_PUSH_ATTEMPTS; pass++) {
      await expect(engine.syncOnce()).rejects.toMatchObject({ status: 500 });
      expect(await queued()).toEqual(['c-before', 'c-poison', 'c-after']);
    }
    await engine.syncOnce();
    expect(await queued()).toEqual([]);
    // Counted per send: the passes, then the halvings that found it.
    expect(await failed()).toEqual([['c-poison', expect.stringMatching(/^The server failed on this change \d+ times: Something went wrong on the server\.$/)]]);
    expect(await db().customers.get('c-after')).toMatchObject({ version: 1 });

    await queueCustomers('c-later');
    await engine.syncOnce();
    expect(await db().customers.get('c-later')).toMatchObject({ version: 1 });
  });

  it('applies the rest of a batch at once when one mutation fails alone, and sends it again on later passes only', async () => {
    await queueCustomers('c-ok', 'c-flaky');
    const { transport, batches } = fakeServer({ 'c-flaky': 'fail-alone' });
    const engine = createSyncEngine({ db: db(), transport });
    await expect(engine.syncOnce()).rejects.toMatchObject({ code: 'internal' });
    expect(await db().customers.get('c-ok')).toMatchObject({ version: 1 });
    expect(await queued()).toEqual(['c-flaky']);
    expect(batches).toEqual([['c-ok', 'c-flaky']]);
    for (let pass = 2; pass < MAX_PUSH_ATTEMPTS; pass++) await expect(engine.syncOnce()).rejects.toMatchObject({ code: 'internal' });
    await engine.syncOnce();
    expect(await failed()).toEqual([['c-flaky', 'The server failed on it. (internal)']]);
    expect(batches).toHaveLength(MAX_PUSH_ATTEMPTS);
  });

  it('halves a batch the server refuses as a whole until the bad write is alone, and sets only that one aside', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `c-${i}`);
    await queueCustomers(...ids);
    const { transport, batches } = fakeServer({ 'c-5': 'refuse' });
    await createSyncEngine({ db: db(), transport }).syncOnce();
    expect(await failed()).toEqual([['c-5', 'The request is malformed.']]);
    for (const id of ids.filter((id) => id !== 'c-5')) expect(await db().customers.get(id)).toMatchObject({ version: 1 });
    // 8 → 4 + 4 → 2 + 2 → 1 + 1: a bisection, not one request per write.
    expect(batches).toHaveLength(7);
  });

  it('keeps every write queued through an outage (503) and the network, however long', async () => {
    await queueCustomers('c-1');
    const transport: SyncTransport = {
      pull: async () => emptyPage,
      push: async () => {
        throw new ApiClientError('unavailable', 'Service unavailable', 503);
      },
    };
    const engine = createSyncEngine({ db: db(), transport });
    for (let pass = 0; pass < MAX_PUSH_ATTEMPTS * 2; pass++) await expect(engine.syncOnce()).rejects.toMatchObject({ status: 503 });
    expect(await queued()).toEqual(['c-1']);
    expect(await failed()).toEqual([]);
  });
});

describe('pulling pages', () => {
  /** A feed of `pages` pages of two customers each; `failAt` makes that page's fetch fail (the network went away). */
  function feed(pages: number, failAt: number | null = null) {
    const asked: { cursor: number; storedCursor: number }[] = [];
    const transport: SyncTransport = {
      push: async () => ({ results: [] }),
      async pull(cursor) {
        asked.push({ cursor, storedCursor: await syncCursor(db()) });
        const page = cursor / 2;
        if (page === failAt) throw new ApiClientError('network', 'The network went away.', 0);
        const changes = [1, 2].map((k) => ({ entity: 'customers' as const, seq: cursor + k, record: customer(`c${cursor + k}`, { version: 1 }) }));
        return { changes, cursor: cursor + 2, hasMore: page + 1 < pages };
      },
    };
    return { transport, asked };
  }

  it('asks for the next page while the current one is being stored, and stores every page with its cursor', async () => {
    const { transport, asked } = feed(3);
    expect(await createSyncEngine({ db: db(), transport }).pullAll()).toBe(6);
    expect(asked.map((a) => a.cursor)).toEqual([0, 2, 4]);
    // Page 2 was asked for before page 1 (cursor 2) was stored: the fetch overlapped the write.
    expect(asked[1]?.storedCursor).toBe(0);
    expect(await syncCursor(db())).toBe(6);
    expect(await db().customers.count()).toBe(6);
  });

  it('asks for pages ahead as soon as the page before answers, up to `prefetch` pages waiting, while the first is stored', async () => {
    /** Pages of one customer each, answered at once; each request notes how many pages were stored when it was sent. */
    const run = async (prefetch: number, into: TandemDatabase) => {
      let stored = 0;
      const asked: [number, number][] = [];
      const transport: SyncTransport = {
        push: async () => ({ results: [] }),
        pull: async (cursor) => {
          asked.push([cursor, stored]);
          return {
            changes: [{ entity: 'customers', seq: cursor + 1, record: customer(`c${cursor + 1}-${prefetch}`) }],
            cursor: cursor + 1,
            hasMore: cursor + 1 < 4,
          };
        },
      };
      // A transaction a page: here every page is answered at once, and pages that arrived would share the next one's.
      await createSyncEngine({ db: into, transport, prefetch, pagesPerTransaction: 1, onPulled: () => void stored++ }).pullAll();
      return asked;
    };
    // Two ahead: pages 2 and 3 are asked for while page 1 is still being written, never a third.
    expect(await run(2, db())).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 1],
    ]);
    // One ahead (as before): the next request waits until the loop takes the page before it.
    const another = new TandemDatabase(`prefetch-${crypto.randomUUID()}`);
    try {
      expect(await run(1, another)).toEqual([
        [0, 0],
        [1, 0],
        [2, 1],
        [3, 2],
      ]);
    } finally {
      another.close();
      await another.delete();
    }
  });

  it('stores the pages that arrived while one was written in one transaction, with the cursor after the last of them', async () => {
    // Pages 2 and on are answered only once page 1's write has begun, so they arrive while it is written.
    let writing: () => void = () => undefined;
    const begun = new Promise<void>((resolve) => (writing = resolve));
    const cursorsStored: unknown[] = [];
    db().use({
      stack: 'dbcore',
      name: 'writes',
      create: (core) => ({
        ...core,
        table: (name) => {
          const table = core.table(name);
          return {
            ...table,
            mutate: (req) => {
              writing();
              if (name === 'meta' && req.type === 'put') for (const row of req.values) if (row.key === 'sync.cursor') cursorsStored.push(row.value);
              return table.mutate(req);
            },
          };
        },
      }),
    });
    const told: number[] = [];
    const transport: SyncTransport = {
      push: async () => ({ results: [] }),
      async pull(cursor) {
        if (cursor > 0) await begun;
        const changes = [1, 2].map((k) => ({ entity: 'customers' as const, seq: cursor + k, record: customer(`c${cursor + k}`, { version: 1 }) }));
        return { changes, cursor: cursor + 2, hasMore: cursor + 2 < 8 };
      },
    };
    expect(await createSyncEngine({ db: db(), transport, onPulled: (_, cursor) => void told.push(cursor) }).pullAll()).toBe(8);
    // Page 1 alone; pages 2 and 3 (the two asked ahead) in one transaction; page 4, asked after, alone.
    expect(cursorsStored).toEqual([2, 6, 8]);
    expect(told).toEqual([2, 4, 6, 8]); // listeners still hear of each page
    expect(pullProfiles().at(-1)).toMatchObject({ pages: 4, transactions: 3, records: 8 });
    expect(await db().customers.count()).toBe(8);
  });

  it('keeps every page stored before a failed fetch, and the next pull resumes after them', async () => {
    const broken = feed(4, 2);
    await expect(createSyncEngine({ db: db(), transport: broken.transport }).pullAll()).rejects.toMatchObject({ code: 'network' });
    expect(await syncCursor(db())).toBe(4);
    const healthy = feed(4);
    expect(await createSyncEngine({ db: db(), transport: healthy.transport }).pullAll()).toBe(4);
    expect(healthy.asked[0]?.cursor).toBe(4);
    expect(await db().customers.count()).toBe(8);
  });

  it('writes a table it found empty without reading it first, and keeps a newer cached record in a table that held rows', async () => {
    // Which tables the pass reads records from (Dexie's getMany, as bulkGet does), seen below Dexie's API.
    const reads: string[] = [];
    db().use({
      stack: 'dbcore',
      name: 'reads',
      create: (core) => ({
        ...core,
        table: (name) => {
          const table = core.table(name);
          return { ...table, getMany: (req) => (reads.push(name), table.getMany(req)) };
        },
      }),
    });
    // The agent's copy already holds Jane at version 3 (a push answered); the feed still carries her version 2.
    await applyChanges(db(), [{ entity: 'customers', seq: 1, record: customer('c-jane', { version: 3, name: 'Jane Newer' }) }]);
    const transport: SyncTransport = {
      push: async () => ({ results: [] }),
      pull: async () => ({
        changes: [
          { entity: 'customers', seq: 1, record: customer('c-jane', { version: 2, name: 'Jane Older' }) },
          { entity: 'interactions', seq: 2, record: interaction('i-1', 'c-jane') },
        ],
        cursor: 2,
        hasMore: false,
      }),
    };
    reads.length = 0;
    expect(await createSyncEngine({ db: db(), transport }).pullAll()).toBe(2);
    expect(await db().customers.get('c-jane')).toMatchObject({ version: 3, name: 'Jane Newer' });
    expect(await interactionById(db(), 'i-1')).toMatchObject({ customerId: 'c-jane' });
    expect(reads).toEqual(['customers']);
  });
  /** Records which tables the pass reads records from (Dexie's getMany, as bulkGet does), seen below Dexie's API. */
  function watchReads(): string[] {
    const reads: string[] = [];
    db().use({
      stack: 'dbcore',
      name: 'reads',
      create: (core) => ({
        ...core,
        table: (name) => {
          const table = core.table(name);
          return { ...table, getMany: (req) => (reads.push(name), table.getMany(req)) };
        },
      }),
    });
    return reads;
  }

  /** A feed of pages of one customer each, answered by the server `epochs[n]` names for page n. */
  function feedFrom(epochs: { epoch: string; since: number }[]): SyncTransport {
    return {
      push: async () => ({ results: [] }),
      async pull(cursor) {
        const { epoch, since } = epochs[cursor]!;
        const changes = [{ entity: 'customers' as const, seq: cursor + 1, record: customer(`c${cursor + 1}`, { version: 1 }) }];
        return { changes, cursor: cursor + 1, hasMore: cursor + 1 < epochs.length, server: { id: 'server-1', epoch, since } };
      },
    };
  }

  it('reads the stored feed origin once a pass, and still refuses a page from a server restarted from an older state mid-pass', async () => {
    const originReads: unknown[] = [];
    db().use({
      stack: 'dbcore',
      name: 'origin-reads',
      create: (core) => ({
        ...core,
        table: (name) => {
          const table = core.table(name);
          return name === 'meta' ? { ...table, get: (req) => (req.key === 'sync.feed' && originReads.push(req.key), table.get(req)) } : table;
        },
      }),
    });
    const same = { epoch: 'e-1', since: 0 };
    expect(await createSyncEngine({ db: db(), transport: feedFrom([same, same, same]) }).pullAll()).toBe(3);
    expect(originReads).toHaveLength(1);
    // The server restarts between pages 4 and 5 from a backup older than the cursor this copy holds: that page is refused.
    const restarted = feedFrom([same, same, same, same, { epoch: 'e-2', since: 2 }]);
    await expect(createSyncEngine({ db: db(), transport: restarted }).pullAll()).rejects.toMatchObject({ code: 'cursor_ahead' });
    expect(await syncCursor(db())).toBe(4);
  });

  it('keeps writing without reading when a first sync resumes after a killed pass, until something else writes the table', async () => {
    const reads = watchReads();
    // The first pass stores two pages, then its fetch dies (a worker killed mid-sync).
    await expect(createSyncEngine({ db: db(), transport: feed(4, 2).transport }).pullAll()).rejects.toMatchObject({ code: 'network' });
    expect(await syncCursor(db())).toBe(4);
    // Resumed: customers hold only pulled rows, so pages 3 and 4 are written without reading them.
    expect(await createSyncEngine({ db: db(), transport: feed(4).transport }).pullAll()).toBe(4);
    expect(reads).toEqual([]);
    // An edit by the agent (a version the feed has not seen) makes the next pass read what it holds again.
    await writeLocal(db(), [{ entity: 'customers', op: 'update', recordId: 'c1', patch: { name: 'Edited' } }]);
    expect(await createSyncEngine({ db: db(), transport: feed(6).transport, pagesPerTransaction: 1 }).pullAll()).toBe(4);
    expect(reads).toEqual(['customers', 'customers']); // one read a page
    expect(await db().customers.get('c1')).toMatchObject({ name: 'Edited' });
  });
});
