import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Change, Customer, Identity } from '../schema';
import {
  applyChanges,
  applyPulledPage,
  applyPushResults,
  CUSTOMER_BLOCK_MIN,
  CUSTOMER_BLOCK_SIZE,
  countRecords,
  customerIdentityKeys,
  customersById,
  findCustomersByIdentities,
  getCustomers,
  pulledOnlyTables,
  restartChangeFeed,
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
    const everyId = [...(await db.customers.toCollection().primaryKeys()), ...(await db.customerBlocks.orderBy('ids').keys())];
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
