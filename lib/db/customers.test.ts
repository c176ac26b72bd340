import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import type { Change, Customer, Identity } from '../schema';
import { BloomFilter } from './id-filter';
import {
  applyChanges,
  applyPulledPage,
  applyPushResults,
  CUSTOMER_BLOCK_MIN,
  CUSTOMER_BLOCK_SIZE,
  clearAccountData,
  countRecords,
  customerIdentityKeys,
  customersById,
  customerTables,
  findCustomersByIdentities,
  getCustomers,
  identityKeyFiltersSource,
  identityKeyNotesRead,
  pulledOnlyTables,
  putCustomer,
  restartChangeFeed,
  saveIdentityKeyFilters,
  startIdentityKeyFilters,
  TandemDatabase,
  writeLocal,
} from './index';
import { customer, useTestDatabase } from './test-fixtures';

const database = useTestDatabase();

describe('identity lookup against customers stored as CRMs hold them', () => {
  it('finds a customer an older server stored in non-canonical forms by the canonical identities a page reports', async () => {
    const db = database();
    const legacy = customer('c-legacy', {
      name: 'Test User',
      language: 'en-GB',
      identities: [
        { kind: 'twitter', value: '@TestUser123' },
        { kind: 'email', value: 'Mixed@Case.com' },
        { kind: 'phone', value: '020 7946 0958' },
      ],
    });
    await applyChanges(db, [{ entity: 'customers', seq: 1, record: legacy }]);
    // The keys the overlay's "matched by" compares page identities with.
    expect(customerIdentityKeys(legacy)).toEqual(['twitter:testuser123', 'email:mixed@case.com', 'phone:+442079460958']);

    for (const identity of [
      { kind: 'twitter', value: 'testuser123' },
      { kind: 'email', value: 'mixed@case.com' },
      { kind: 'phone', value: '+442079460958' },
    ] as const) {
      const found = await findCustomersByIdentities(db, [identity]);
      expect(
        found.map((c) => c.name),
        identity.kind,
      ).toEqual(['Test User']);
      expect(found[0]?.identities).toEqual(legacy.identities); // the record itself is shown as stored
    }
  });
});

/** A first sync's page of `count` customers from seq `from` on, each with an email and, every other one, a phone. */
function customerPage(from: number, count: number): Change[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const identities: Identity[] = [{ kind: 'email', value: `person${n}@example.com` }];
    if (n % 2 === 0) identities.push({ kind: 'phone', value: `+1415555${String(n).padStart(4, '0')}` });
    return { entity: 'customers' as const, seq: n, record: customer(`c-${n}`, { name: `Person ${n}`, identities }) };
  });
}

const FIRST_SYNC = new Set(['customers'] as const);
const PAGE = CUSTOMER_BLOCK_MIN + 100;
/** Every customer block as stored, as text: what a look at the database on disk would find. */
const blocksOnDisk = async () => JSON.stringify(await database().customerBlocks.toArray());
const byEmail = async (db: TandemDatabase, n: number) =>
  (await findCustomersByIdentities(db, [{ kind: 'email', value: `person${n}@example.com` }])).map((c) => `${c.id} ${c.name}`);

describe('customer blocks (a first sync writes many customers to a row)', () => {
  it('stores a large pulled page in blocks, and the identity lookup, reads by id and the count find them as rows', async () => {
    const db = database();
    const page = customerPage(1, PAGE);
    // A tag that reads like another customer's identity key is not that identity.
    (page[7]!.record as Customer).tags = ['email:person77@example.com'];
    await applyPulledPage(db, page, PAGE, FIRST_SYNC);
    expect(await db.customers.count()).toBe(0);
    expect(await db.customerBlocks.count()).toBe(Math.ceil(PAGE / CUSTOMER_BLOCK_SIZE));
    expect((await countRecords(db)).customers).toBe(PAGE);
    expect(await byEmail(db, 77)).toEqual(['c-77 Person 77']);
    // A phone shared by nobody else, and a key that is only part of another customer's ("person7@" is not "person77@").
    expect((await findCustomersByIdentities(db, [{ kind: 'phone', value: '+14155550042' }])).map((c) => c.id)).toEqual(['c-42']);
    expect(await byEmail(db, 7)).toEqual(['c-7 Person 7']);
    // The best match first: two identities in common beat one.
    const both = await findCustomersByIdentities(db, [
      { kind: 'email', value: 'person11@example.com' },
      { kind: 'phone', value: '+14155550012' },
      { kind: 'email', value: 'person12@example.com' },
    ]);
    expect(both.map((c) => c.id)).toEqual(['c-12', 'c-11']);
    expect(both[0]).toEqual(customerPage(12, 1)[0]!.record);
    expect((await getCustomers(db, ['c-3', 'nobody', 'c-600'])).map((c) => c?.name)).toEqual(['Person 3', undefined, 'Person 600']);
    expect((await customersById(db, ['c-9', 'c-9'])).get('c-9')?.name).toBe('Person 9');
    // A small page (a live change) goes to rows; reads merge both tables.
    await applyPulledPage(db, [{ entity: 'customers', seq: PAGE + 1, record: customer('c-new', { name: 'New Nina' }) }], PAGE + 1, FIRST_SYNC);
    expect(await db.customers.count()).toBe(1);
    expect((await countRecords(db)).customers).toBe(PAGE + 1);
  });

  it('keeps one copy of a customer: a live change, an older replay, an agent’s edit and a push’s answer all leave no block copy', async () => {
    const db = database();
    await applyPulledPage(db, customerPage(1, PAGE), PAGE, FIRST_SYNC);
    const changed = (n: number, version: number, name: string): Change => ({
      entity: 'customers',
      seq: 1000 + version,
      record: { ...(customerPage(n, 1)[0]!.record as Customer), version, name },
    });
    await applyChanges(db, [changed(5, 3, 'Renamed live')]);
    await applyChanges(db, [changed(5, 2, 'A stale replay')]);
    expect(await byEmail(db, 5)).toEqual(['c-5 Renamed live']);
    expect(await blocksOnDisk()).not.toContain('"c-5"');
    // The agent edits a customer held in a block: it becomes a row, the block forgets it.
    await writeLocal(db, [{ entity: 'customers', op: 'update', recordId: 'c-6', patch: { name: 'Edited by the agent' } }]);
    expect(await blocksOnDisk()).not.toContain('Person 6"');
    expect((await db.outbox.toArray())[0]).toMatchObject({ recordId: 'c-6', baseVersion: 1 });
    expect(await byEmail(db, 6)).toEqual(['c-6 Edited by the agent']);
    // The push's answer of another block customer's edit, sent meanwhile from another path, lands as a row too.
    const [row] = await db.outbox.toArray();
    await applyPushResults(
      db,
      [row!],
      [{ mutationId: row!.mutationId, status: 'applied', change: changed(6, 2, 'Edited by the agent'), replayed: false }],
      () => new Date(),
    );
    await applyPushResults(db, [], [], () => new Date());
    expect(await db.customers.get('c-6')).toMatchObject({ version: 2, name: 'Edited by the agent' });
    // A later bulk page of another pass brings a newer version of a block's customer: the older block loses it.
    await applyPulledPage(db, [changed(8, 2, 'Changed in bulk'), ...customerPage(2000, PAGE)], 3000, new Set());
    expect(await byEmail(db, 8)).toEqual(['c-8 Changed in bulk']);
    expect(await blocksOnDisk()).not.toContain('Person 8"');
    expect((await countRecords(db)).customers).toBe(2 * PAGE);
    const everyId = [...(await db.customers.toCollection().primaryKeys()), ...(await db.customerBlocks.toArray()).flatMap((b) => b.ids)];
    expect(everyId).toHaveLength(2 * PAGE);
  });

  it('keeps one copy of a customer a first sync brings twice (changed mid-sync), in this worker and in a restarted one', async () => {
    const db = database();
    await applyPulledPage(db, customerPage(1, PAGE), PAGE, FIRST_SYNC);
    const midSync = { ...(customerPage(6, 1)[0]!.record as Customer), version: 2, name: 'Changed mid-sync' };
    await applyPulledPage(db, [{ entity: 'customers', seq: PAGE + 1, record: midSync }, ...customerPage(PAGE + 2, PAGE)], 2 * PAGE + 1, FIRST_SYNC);
    expect(await byEmail(db, 6)).toEqual(['c-6 Changed mid-sync']);
    expect(await blocksOnDisk()).not.toContain('Person 6"');
    const resumed = new TandemDatabase(db.name);
    try {
      expect(await pulledOnlyTables(resumed)).toContain('customers');
      const again = { ...midSync, version: 3, name: 'Changed again' };
      await applyPulledPage(resumed, [{ entity: 'customers', seq: 3000, record: again }, ...customerPage(3001, PAGE)], 3000 + PAGE, FIRST_SYNC);
      expect(await byEmail(resumed, 6)).toEqual(['c-6 Changed again']);
      expect(JSON.stringify(await resumed.customerBlocks.toArray())).not.toContain('Changed mid-sync');
      expect((await countRecords(resumed)).customers).toBe(3 * PAGE);
    } finally {
      resumed.close();
    }
  });

  it('removes the text of deleted, revoked and erased customers from their blocks', async () => {
    const db = database();
    const page = customerPage(1, PAGE);
    for (const n of [3, 40, 90]) (page[n - 1]!.record as Customer).name = `Secret ${n}: card 4111`;
    await applyPulledPage(db, page, PAGE, FIRST_SYNC);
    expect(await blocksOnDisk()).toContain('Secret 40');
    const base = (n: number) => page[n - 1]!.record as Customer;
    await applyChanges(db, [
      { entity: 'customers', seq: 1001, record: { ...base(3), version: 2, deleted: true } },
      { entity: 'customers', seq: 1002, record: { ...base(40), version: 2, name: '[erased]', identities: [{ kind: 'email', value: 'erased-40@invalid' }] } },
      { entity: 'customers', seq: 1003, record: { ...base(90), version: 2 }, revoked: true },
    ]);
    expect(await blocksOnDisk()).not.toMatch(/Secret|4111|person3@|person90@/);
    expect(JSON.stringify(await db.customers.toArray())).not.toMatch(/Secret|4111/);
    expect(await byEmail(db, 3)).toEqual([]);
    expect(await byEmail(db, 90)).toEqual([]);
    expect((await getCustomers(db, ['c-40']))[0]?.name).toBe('[erased]');
    expect((await countRecords(db)).customers).toBe(PAGE - 2);
  });

  it('a restarted feed drops the blocks but keeps a customer with a queued write', async () => {
    const db = database();
    await applyPulledPage(db, customerPage(1, PAGE), PAGE, FIRST_SYNC);
    await writeLocal(db, [{ entity: 'customers', op: 'update', recordId: 'c-1', patch: { name: 'Queued edit' } }]);
    await restartChangeFeed(db);
    expect(await db.customerBlocks.count()).toBe(0);
    expect((await db.customers.toArray()).map((c) => c.name)).toEqual(['Queued edit']);
    expect((await countRecords(db)).customers).toBe(1);
  });
});

describe('identity-key filters (a look-up asks a table only for keys it may hold; a worker start reads them stored)', () => {
  const email = (value: string): Identity => ({ kind: 'email', value });
  const names = async (db: TandemDatabase, identity: Identity) => (await findCustomersByIdentities(db, [identity])).map((c) => c.name);
  /** A worker started again on the same database: a new database object whose filters are read before it looks up. */
  /** Opens the cache as a restarted worker would (its filters read from what is stored), runs `check`, closes it. */
  async function inRestartedWorker(db: TandemDatabase, check: (worker: TandemDatabase) => Promise<void>): Promise<void> {
    const worker = new TandemDatabase(db.name);
    try {
      await startIdentityKeyFilters(worker);
      await check(worker);
    } finally {
      worker.close();
    }
  }
  const storedCopy = async (db: TandemDatabase) => (await db.meta.get('customers.keyFilters'))?.value as { rows: Uint8Array } | undefined;

  it('finds what every write path stored after the filters were read, and a restarted worker finds it from the stored copy', async () => {
    const db = database();
    await applyPulledPage(db, customerPage(1, PAGE), PAGE, FIRST_SYNC);
    await applyPulledPage(
      db,
      [{ entity: 'customers', seq: PAGE + 1, record: customer('c-row', { name: 'Row Rita', identities: [email('rita@example.com')] }) }],
      PAGE + 1,
    );
    await startIdentityKeyFilters(db);
    expect(await byEmail(db, 77)).toEqual(['c-77 Person 77']);
    expect(await names(db, email('rita@example.com'))).toEqual(['Row Rita']);
    expect(await names(db, email('nobody@example.com'))).toEqual([]);

    // A live change (a row), a bulk page of a later pass (blocks), a local create, an edit adding an identity to a
    // block's customer, a push's answer, and an erasure (the erased identity replaces the real one): each key is found at once.
    await applyChanges(db, [{ entity: 'customers', seq: 2000, record: customer('c-live', { name: 'Live Lena', identities: [email('lena@example.com')] }) }]);
    await applyPulledPage(db, customerPage(5000, PAGE), 5000 + PAGE, new Set());
    await writeLocal(db, [
      { entity: 'customers', op: 'create', record: customer('c-local', { version: 0, name: 'Local Lou', identities: [email('lou@example.com')] }) },
    ]);
    await writeLocal(db, [
      { entity: 'customers', op: 'update', recordId: 'c-9', patch: { identities: [email('person9@example.com'), email('nine@example.com')] } },
    ]);
    await writeLocal(db, [{ entity: 'customers', op: 'update', recordId: 'c-10', patch: { name: 'Person 10' } }]);
    const sent = (await db.outbox.toArray()).find((row) => row.recordId === 'c-10')!;
    const answered = { ...(customerPage(10, 1)[0]!.record as Customer), version: 2, identities: [email('ten@example.com')] };
    await applyPushResults(
      db,
      [sent],
      [{ mutationId: sent.mutationId, status: 'applied', change: { entity: 'customers', seq: 6000, record: answered }, replayed: false }],
      () => new Date(),
    );
    const erased = { ...(customerPage(40, 1)[0]!.record as Customer), version: 2, name: '[erased]', identities: [email('erased-40@invalid')] };
    await applyChanges(db, [
      { entity: 'customers', seq: 6001, record: erased },
      { entity: 'customers', seq: 6002, record: { ...(customerPage(90, 1)[0]!.record as Customer), version: 2 }, revoked: true },
    ]);
    const found = ['lena@example.com', 'lou@example.com', 'nine@example.com', 'ten@example.com', 'erased-40@invalid', 'rita@example.com'];
    for (const value of found) expect(await names(db, email(value)), value).toHaveLength(1);
    expect(await byEmail(db, 5000 + PAGE - 1)).toHaveLength(1);
    expect(await byEmail(db, 40)).toEqual([]);
    expect(await byEmail(db, 90)).toEqual([]);

    await saveIdentityKeyFilters(db);
    await inRestartedWorker(db, async (worker) => {
      expect(identityKeyFiltersSource(worker)).toBe('stored');
      for (const value of [...found, 'person77@example.com', `person${5000 + PAGE - 1}@example.com`])
        expect(await names(worker, email(value)), value).toHaveLength(1);
      expect(await byEmail(worker, 40)).toEqual([]);
      expect(await byEmail(worker, 90)).toEqual([]);
    });
  });

  /** The requests a look-up makes (it reads IndexedDB itself), by store: the rows' identity index, a block by key. */
  function countRequests() {
    const getAll = vi.spyOn(IDBIndex.prototype, 'getAll');
    const get = vi.spyOn(IDBObjectStore.prototype, 'get');
    return {
      asked: () => [
        getAll.mock.contexts.filter((index) => (index as IDBIndex).objectStore.name === 'customers').length,
        get.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'customerBlocks').length,
      ],
      clear: () => {
        getAll.mockClear();
        get.mockClear();
      },
      restore: () => {
        getAll.mockRestore();
        get.mockRestore();
      },
    };
  }

  it('a worker stopped right after writes, before its save, starts from the stored copy and the notes after it: no block is read but the customer’s', async () => {
    const db = database();
    await applyPulledPage(db, customerPage(1, PAGE), PAGE, FIRST_SYNC);
    await startIdentityKeyFilters(db);
    await saveIdentityKeyFilters(db);
    expect(await db.customerKeyNotes.count()).toBe(0); // folded into the copy by the save
    // Stored after the save and not saved again (a worker stopped before its next save): a live change, a bulk page.
    await applyChanges(db, [{ entity: 'customers', seq: 2000, record: customer('c-late', { name: 'Late Lara', identities: [email('lara@example.com')] }) }]);
    await applyPulledPage(db, customerPage(3000, PAGE), 3000 + PAGE, new Set());
    const saved = await storedCopy(db);
    expect(BloomFilter.ofIdentityKeys(saved!.rows).mayHold('email:lara@example.com')).toBe(false); // the copy alone would miss her
    expect(await db.customerKeyNotes.count()).toBe(2);
    const requests = countRequests();
    try {
      await inRestartedWorker(db, async (worker) => {
        expect([identityKeyFiltersSource(worker), identityKeyNotesRead(worker)]).toEqual(['stored', 2]);
        expect(requests.asked()).toEqual([0, 0]); // the start read no customer
        expect(await names(worker, email('lara@example.com'))).toEqual(['Late Lara']);
        expect(requests.asked()).toEqual([1, 0]);
        requests.clear();
        expect(await byEmail(worker, 3000 + PAGE - 1)).toHaveLength(1);
        expect(await byEmail(worker, 1)).toHaveLength(1);
        expect(requests.asked()).toEqual([0, 2]);
        // Its save folds the notes it read: the next start reads none, and finds the same.
        await saveIdentityKeyFilters(worker);
      });
    } finally {
      requests.restore();
    }
    expect(await db.customerKeyNotes.count()).toBe(0);
    await inRestartedWorker(db, async (worker) => {
      expect([identityKeyFiltersSource(worker), identityKeyNotesRead(worker)]).toEqual(['stored', 0]);
      expect(await names(worker, email('lara@example.com'))).toEqual(['Late Lara']);
      expect(await byEmail(worker, 3000 + PAGE - 1)).toHaveLength(1);
    });
    // The first object saves after the second folded notes it never read: the copy keeps them.
    await applyChanges(db, [{ entity: 'customers', seq: 7000, record: customer('c-mo', { name: 'Mo', identities: [email('mo@example.com')] }) }]);
    await saveIdentityKeyFilters(db);
    await inRestartedWorker(db, async (worker) => {
      for (const value of ['lara@example.com', 'mo@example.com']) expect(await names(worker, email(value)), value).toHaveLength(1);
      expect(await byEmail(worker, 3000)).toHaveLength(1);
    });
    // A copy this code cannot read: every key is read again.
    await db.meta.put({ key: 'customers.keyFilters', value: { generation: 'from elsewhere' } });
    await inRestartedWorker(db, async (worker) => {
      expect(identityKeyFiltersSource(worker)).toBe('keys');
      expect(await names(worker, email('lara@example.com'))).toEqual(['Late Lara']);
      expect(await byEmail(worker, 2)).toHaveLength(1);
    });
  });

  it('a customer write that fails leaves no note: a restarted worker does not look for it, and finds what was written after', async () => {
    const db = database();
    await applyPulledPage(db, customerPage(1, PAGE), PAGE, FIRST_SYNC);
    await startIdentityKeyFilters(db);
    await saveIdentityKeyFilters(db);
    await expect(
      db.transaction('rw', [db.meta, db.outbox, ...customerTables(db)], async () => {
        await applyPulledPage(db, customerPage(3000, PAGE), 3000 + PAGE, new Set());
        await putCustomer(db, customer('c-gone', { name: 'Never stored', identities: [email('gone@example.com')] }));
        expect(await db.customerKeyNotes.count()).toBe(2); // written, and undone with the rest
        throw new Error('quota exceeded');
      }),
    ).rejects.toThrow('quota exceeded');
    expect(await db.customerKeyNotes.count()).toBe(0);
    await applyPulledPage(db, customerPage(5000, PAGE), 5000 + PAGE, new Set());
    const requests = countRequests();
    try {
      await inRestartedWorker(db, async (worker) => {
        expect([identityKeyFiltersSource(worker), identityKeyNotesRead(worker)]).toEqual(['stored', 1]);
        expect(await byEmail(worker, 3001)).toEqual([]);
        expect(await names(worker, email('gone@example.com'))).toEqual([]);
        expect(requests.asked()).toEqual([0, 0]); // neither is anywhere the worker looks
        expect(await byEmail(worker, 5001)).toEqual(['c-5001 Person 5001']);
      });
    } finally {
      requests.restore();
    }
  });

  it('a restarted feed moves kept customers from blocks to rows: they are found, in this worker and a restarted one', async () => {
    const db = database();
    await applyPulledPage(db, customerPage(1, PAGE), PAGE, FIRST_SYNC);
    await startIdentityKeyFilters(db);
    await saveIdentityKeyFilters(db);
    await writeLocal(db, [{ entity: 'customers', op: 'update', recordId: 'c-1', patch: { name: 'Queued edit' } }]);
    await saveIdentityKeyFilters(db);
    await restartChangeFeed(db);
    expect(await byEmail(db, 1)).toEqual(['c-1 Queued edit']);
    await startIdentityKeyFilters(db);
    expect(await byEmail(db, 1)).toEqual(['c-1 Queued edit']);
    expect(await byEmail(db, 2)).toEqual([]);
    await inRestartedWorker(db, async (worker) => {
      // The restart's one note (the kept rows' keys) is all: the copy and the notes before it went with the blocks.
      expect([identityKeyFiltersSource(worker), identityKeyNotesRead(worker)]).toEqual(['stored', 1]);
      expect(await byEmail(worker, 1)).toEqual(['c-1 Queued edit']);
      expect(await byEmail(worker, 2)).toEqual([]);
    });
  });

  it('after a sign-out’s wipe nothing old is found, and the next first sync is found by a restarted worker', async () => {
    const db = database();
    await applyPulledPage(db, customerPage(1, PAGE), PAGE, FIRST_SYNC);
    await startIdentityKeyFilters(db);
    await saveIdentityKeyFilters(db);
    await clearAccountData(db);
    expect(await byEmail(db, 5)).toEqual([]);
    expect(await storedCopy(db)).toBeUndefined();
    await applyPulledPage(db, customerPage(4000, PAGE), 4000 + PAGE, FIRST_SYNC);
    await saveIdentityKeyFilters(db);
    await inRestartedWorker(db, async (worker) => {
      expect(identityKeyFiltersSource(worker)).toBe('stored');
      expect(await byEmail(worker, 4000)).toHaveLength(1);
      expect(await byEmail(worker, 5)).toEqual([]);
    });
  });

  it('a look-up waits for the key map; an unknown identity then asks no table, a known one reads its block once', async () => {
    const db = database();
    await applyPulledPage(db, customerPage(1, PAGE), PAGE, FIRST_SYNC);
    await saveIdentityKeyFilters(db); // nothing is saved before the filters are read
    expect(await storedCopy(db)).toBeUndefined();
    const worker = new TandemDatabase(db.name);
    const requests = countRequests();
    try {
      // A worker's first look-up: the map is the first page's note (no copy stored yet), then person 12's block is read.
      expect(await byEmail(worker, 12)).toEqual(['c-12 Person 12']);
      expect([identityKeyFiltersSource(worker), identityKeyNotesRead(worker)]).toEqual(['stored', 1]);
      expect(requests.asked()).toEqual([0, 1]);
      requests.clear();
      expect(await names(worker, email('nobody@example.com'))).toEqual([]);
      expect(requests.asked()).toEqual([0, 0]);
      // An email and a phone of one customer: their block is read once.
      const found = await findCustomersByIdentities(worker, [email('person14@example.com'), { kind: 'phone', value: '+14155550014' }]);
      expect(found.map((c) => c.id)).toEqual(['c-14']);
      expect(requests.asked()).toEqual([0, 1]);
    } finally {
      requests.restore();
      worker.close();
    }
  });

  it('a look-up made while a write moves a block’s customer to a row finds it in the row', async () => {
    const db = database();
    await applyPulledPage(db, customerPage(1, PAGE), PAGE, FIRST_SYNC);
    await startIdentityKeyFilters(db);
    const moved = { ...(customerPage(5, 1)[0]!.record as Customer), version: 2, name: 'Moved to a row' };
    let lookup: Promise<string[]> | undefined;
    await db.transaction('rw', [db.meta, ...customerTables(db)], async () => {
      await db.meta.get('anything'); // the write's transaction has begun: the look-up's read waits for it
      // Made before the write notes the row's keys, answered after it commits.
      lookup = Dexie.ignoreTransaction(() => byEmail(db, 5));
      await putCustomer(db, moved);
    });
    expect(await lookup).toEqual(['c-5 Moved to a row']);
  });
});
