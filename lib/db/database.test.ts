import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockMap, type BlockMapEntries } from './block-map';
import { BloomFilter, idHash } from './id-filter';
import {
  allInteractions,
  applyChanges,
  applyPulledPage,
  CUSTOMER_BLOCK_MIN,
  countRecords,
  customerById,
  findCustomersByIdentities,
  getCustomers,
  identityKeyFiltersSource,
  identityKeyNotesRead,
  interactionById,
  interactionsForCases,
  restartChangeFeed,
  TandemDatabase,
  timelineForCustomer,
  toCachedCustomer,
  writeLocal,
} from './index';
import { customer, interaction } from './test-fixtures';

/** A customer block as versions 8–10 wrote it: keyed by the first record's seq, each customer as JSON text. */
const storedBlock = (id: number, records: ReturnType<typeof toCachedCustomer>[]) => ({
  id,
  ids: records.map((r) => r.id),
  identityKeys: records.flatMap((r) => r.identityKeys),
  versions: records.map((r) => r.version),
  texts: records.map((r) => JSON.stringify(r)),
});

/** Six interactions, Jane's and Marcus's in turn on consecutive days, under the cases `caseOf` gives. */
const heldInteractions = (caseOf: (i: number) => string | null) =>
  Array.from({ length: 6 }, (_, i) =>
    interaction(`i-${i}`, i % 2 === 0 ? 'c-jane' : 'c-marcus', { caseId: caseOf(i), occurredAt: new Date(Date.UTC(2026, 10, 10 + i)).toISOString() }),
  );

/** An interaction block as versions 7–11 wrote it: keyed by the first record's seq, with its customers and cases listed. */
const interactionBlock = (id: number, records: ReturnType<typeof interaction>[]) => ({
  id,
  ids: records.map((r) => r.id),
  customerIds: [...new Set(records.map((r) => r.customerId))],
  caseIds: [...new Set(records.flatMap((r) => (r.caseId ? [r.caseId] : [])))],
  records,
});

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('version 5: canonical identity keys', () => {
  it('recomputes the identity keys of customers cached from a server that stored identities as sent', async () => {
    const name = 'identity-keys-upgrade';
    // Version 4's schema, holding a customer as an unmigrated server sent it, keyed as sent.
    const old = new Dexie(name);
    old.version(4).stores({
      customers: 'id, *identityKeys, teamId',
      interactions: 'id, [customerId+occurredAt], caseId',
      cases: 'id, [customerId+status], status, slaDueAt',
      articles: 'id, *tags, status',
      snippets: 'id, shortcut, *tags',
      broadcasts: 'id, endsAt',
      meta: 'key',
      outbox: '++seq, &mutationId, [entity+recordId], state',
      conflicts: 'mutationId, [entity+recordId]',
      usageEvents: 'id, occurredAt',
      attachments: 'id, caseId, state',
    });
    const identities = [
      { kind: 'twitter', value: '@TestUser123' },
      { kind: 'email', value: 'Mixed@Case.com' },
      { kind: 'phone', value: '020 7946 0958' },
    ];
    await old.table('customers').put({
      id: 'cust-legacy',
      teamId: 'team-care',
      name: 'Legacy Lee',
      identities,
      tier: 'standard',
      currency: 'GBP',
      language: 'en-GB',
      tags: [],
      version: 3,
      updatedAt: '2026-11-20T09:00:00.000Z',
      createdAt: '2026-11-01T09:00:00.000Z',
      deleted: false,
      identityKeys: ['twitter:@TestUser123', 'email:Mixed@Case.com', 'phone:020 7946 0958'],
    });
    old.close();

    const db = new TandemDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(5);
    const row = await db.customers.get('cust-legacy');
    expect(row?.identityKeys).toEqual(['twitter:testuser123', 'email:mixed@case.com', 'phone:+442079460958']);
    // The record itself is kept as the server sent it; only the index changes.
    expect(row?.identities).toEqual(identities);
    for (const identity of [
      { kind: 'twitter', value: 'testuser123' },
      { kind: 'email', value: 'mixed@case.com' },
      { kind: 'phone', value: '+442079460958' },
    ] as const) {
      expect((await findCustomersByIdentities(db, [identity])).map((c) => c.name)).toEqual(['Legacy Lee']);
    }
  });
});

describe('version 6: indexes no query uses are dropped', () => {
  it('keeps every cached row and the indexes the lookups use, and drops the unused ones', async () => {
    const name = 'unused-indexes';
    const old = new Dexie(name);
    old.version(5).stores({
      customers: 'id, *identityKeys, teamId',
      interactions: 'id, [customerId+occurredAt], caseId',
      cases: 'id, [customerId+status], status, slaDueAt',
      articles: 'id, *tags, status',
      snippets: 'id, shortcut, *tags',
      broadcasts: 'id, endsAt',
      meta: 'key',
    });
    await old.table('customers').put({ id: 'cust-kept', teamId: 'team-care', name: 'Kept Kim', identityKeys: ['email:kim@example.com'], version: 1 });
    await old.table('articles').put({ id: 'art-kept', title: 'Roaming charges', tags: ['roaming'], status: 'published', version: 1 });
    await old.table('meta').put({ key: 'sync.cursor', value: 42 });
    old.close();

    const db = new TandemDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(6);
    const indexes = (table: Dexie.Table) => table.schema.indexes.map((i) => i.name).sort();
    expect(indexes(db.customers)).toEqual(['identityKeys']);
    expect(indexes(db.articles)).toEqual([]);
    expect(indexes(db.cases)).toEqual(['[customerId+status]', 'status']);
    // The copy is not started over: rows and the sync cursor stay, and the identity lookup finds the customer.
    expect((await db.articles.get('art-kept'))?.title).toBe('Roaming charges');
    expect((await db.meta.get('sync.cursor'))?.value).toBe(42);
    expect((await findCustomersByIdentities(db, [{ kind: 'email', value: 'kim@example.com' }])).map((c) => c.id)).toEqual(['cust-kept']);
  });
});

/** The tables and indexes of version 6, as an older extension opened them. */
const VERSION_6 = {
  customers: 'id, *identityKeys',
  interactions: 'id, [customerId+occurredAt], caseId',
  cases: 'id, [customerId+status], status',
  articles: 'id',
  snippets: 'id, shortcut',
  broadcasts: 'id',
  meta: 'key',
  outbox: '++seq, &mutationId, [entity+recordId], state',
  conflicts: 'mutationId, [entity+recordId]',
  usageEvents: 'id, occurredAt',
  attachments: 'id, caseId, state',
};

describe('version 7: interaction blocks', () => {
  it('opens a version 6 copy holding interactions with nothing lost, every read finding them as before', async () => {
    const name = 'interaction-blocks';
    const old = new Dexie(name);
    old.version(6).stores(VERSION_6);
    const held = [
      interaction('i-1', 'c-jane', { caseId: 'k-1', occurredAt: '2026-11-18T10:00:00.000Z' }),
      interaction('i-2', 'c-jane', { occurredAt: '2026-11-19T10:00:00.000Z' }),
      interaction('i-3', 'c-marcus', { caseId: 'k-1' }),
    ];
    await old.table('interactions').bulkPut(held);
    await old.table('meta').put({ key: 'sync.cursor', value: 42 });
    old.close();

    const db = new TandemDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(7);
    expect(await db.interactionBlocks.count()).toBe(0);
    expect((await allInteractions(db)).sort((a, b) => a.id.localeCompare(b.id))).toEqual(held);
    expect((await timelineForCustomer(db, 'c-jane')).map((i) => i.id)).toEqual(['i-2', 'i-1']);
    expect((await interactionsForCases(db, ['k-1'])).map((i) => i.id).sort()).toEqual(['i-1', 'i-3']);
    expect((await db.meta.get('sync.cursor'))?.value).toBe(42);
  });
});

describe('version 8: customer blocks', () => {
  it('opens a version 7 copy holding customers with nothing lost: lookups, reads by id and the count find them, and new pages go to blocks', async () => {
    const name = 'customer-blocks';
    const old = new Dexie(name);
    old.version(7).stores({ ...VERSION_6, interactionBlocks: 'id, *ids, *customerIds, *caseIds' });
    const held = [
      customer('c-jane', { name: 'Jane Doe', identities: [{ kind: 'email', value: 'jane@example.com' }] }),
      customer('c-marcus', { name: 'Marcus Chen', identities: [{ kind: 'phone', value: '+14155550123' }] }),
    ];
    await old.table('customers').bulkPut(held.map(toCachedCustomer));
    await old.table('meta').put({ key: 'sync.cursor', value: 42 });
    old.close();

    const db = new TandemDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(8);
    expect(await db.customerBlocks.count()).toBe(0);
    expect(await findCustomersByIdentities(db, [{ kind: 'email', value: 'jane@example.com' }])).toEqual([held[0]]);
    expect((await findCustomersByIdentities(db, [{ kind: 'phone', value: '+14155550123' }])).map((c) => c.id)).toEqual(['c-marcus']);
    expect(await getCustomers(db, ['c-marcus', 'c-jane'])).toEqual([held[1], held[0]]);
    expect((await countRecords(db)).customers).toBe(2);
    expect((await db.meta.get('sync.cursor'))?.value).toBe(42);
    // A bulk page after the upgrade goes to blocks and a newer Jane in it replaces her row: one copy.
    const page = Array.from({ length: CUSTOMER_BLOCK_MIN }, (_, i) => ({ entity: 'customers' as const, seq: 43 + i, record: customer(`c-${i}`) }));
    await applyPulledPage(db, [...page, { entity: 'customers', seq: 43 + page.length, record: { ...held[0]!, version: 2, name: 'Jane Newer' } }], 600);
    expect(await db.customers.count()).toBe(1);
    expect((await findCustomersByIdentities(db, [{ kind: 'email', value: 'jane@example.com' }])).map((c) => c.name)).toEqual(['Jane Newer']);
    expect((await countRecords(db)).customers).toBe(CUSTOMER_BLOCK_MIN + 2);
  });
});

describe("version 9: the interaction blocks' directory instead of their `*ids` index", () => {
  it('opens a version 8 copy holding interaction blocks: every read finds them, and an edit, a tombstone, a pulled copy and a restart find their block', async () => {
    const name = 'interaction-directory';
    const old = new Dexie(name);
    old.version(8).stores({ ...VERSION_6, interactionBlocks: 'id, *ids, *customerIds, *caseIds', customerBlocks: 'id, *ids, *identityKeys' });
    const held = heldInteractions((i) => (i < 2 ? 'k-1' : null));
    // Two blocks as version 8 wrote them (keyed by the first record's seq), one interaction as a row.
    await old.table('interactionBlocks').bulkPut([interactionBlock(1, held.slice(0, 3)), interactionBlock(4, held.slice(3, 5))]);
    await old.table('interactions').put(held[5]);
    await old.table('meta').bulkPut([
      { key: 'sync.cursor', value: 6 },
      { key: 'interactions.inBlocks', value: 5 },
    ]);
    old.close();

    const db = new TandemDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(9);
    expect(db.interactionBlocks.schema.idxByName.ids).toBeUndefined();
    const [directory, ...more] = await db.interactionDirectory.toArray();
    expect(more).toEqual([]);
    expect([...(directory?.idHashes ?? [])]).toEqual(['i-0', 'i-1', 'i-2', 'i-3', 'i-4'].map(idHash));
    expect([...(directory?.blockKeys ?? [])]).toEqual([1, 1, 1, 4, 4]);
    const byId = (list: { id: string }[]) => list.map((i) => i.id).sort();
    expect(byId(await allInteractions(db))).toEqual(held.map((i) => i.id));
    expect((await countRecords(db)).interactions).toBe(6);
    expect(await interactionById(db, 'i-4')).toEqual(held[4]);
    expect((await timelineForCustomer(db, 'c-jane')).map((i) => i.id)).toEqual(['i-4', 'i-2', 'i-0']);
    expect(byId(await interactionsForCases(db, ['k-1']))).toEqual(['i-0', 'i-1']);

    // An agent's edit moves its interaction out of the block; a tombstone takes one out; a pulled newer copy replaces one.
    await writeLocal(db, [{ entity: 'interactions', op: 'update', recordId: 'i-1', patch: { text: 'Edited after the upgrade' } }]);
    await applyChanges(db, [
      { entity: 'interactions', seq: 7, record: { ...held[3]!, version: 2, deleted: true } },
      { entity: 'interactions', seq: 8, record: { ...held[0]!, version: 2, text: 'Newer from the feed' } },
    ]);
    const blocksText = JSON.stringify(await db.interactionBlocks.toArray());
    for (const gone of ['"i-0"', '"i-1"', '"i-3"']) expect(blocksText).not.toContain(gone);
    expect((await interactionById(db, 'i-1'))?.text).toBe('Edited after the upgrade');
    expect((await interactionById(db, 'i-0'))?.text).toBe('Newer from the feed');
    expect(await interactionById(db, 'i-3')).toBeUndefined();
    expect(byId(await allInteractions(db))).toEqual(['i-0', 'i-1', 'i-2', 'i-4', 'i-5']);
    expect((await countRecords(db)).interactions).toBe(5);

    // A restarted feed keeps the queued edit only, and clears the directory with the blocks.
    await restartChangeFeed(db);
    expect((await allInteractions(db)).map((i) => i.text)).toEqual(['Edited after the upgrade']);
    expect(await db.interactionBlocks.count()).toBe(0);
    expect(await db.interactionDirectory.count()).toBe(0);
  });
});

describe("version 10: the customer blocks' directory instead of their `*ids` index", () => {
  it('opens a version 9 copy holding customer blocks: look-ups and reads by id find them, and an edit, a tombstone, an erasure and a restart find their block', async () => {
    const name = 'customer-directory';
    const old = new Dexie(name);
    old.version(9).stores({
      ...VERSION_6,
      interactionBlocks: 'id, *customerIds, *caseIds',
      interactionDirectory: '++id',
      customerBlocks: 'id, *ids, *identityKeys',
    });
    const held = Array.from({ length: 5 }, (_, i) =>
      toCachedCustomer(customer(`c-${i}`, { name: `Person ${i}`, identities: [{ kind: 'email', value: `person${i}@example.com` }] })),
    );
    // Two blocks as version 9 wrote them (keyed by the first record's seq, each customer as JSON text), one customer as a row.
    await old.table('customerBlocks').bulkPut([storedBlock(1, held.slice(0, 2)), storedBlock(3, held.slice(2, 4))]);
    await old.table('customers').put(held[4]);
    await old.table('meta').bulkPut([
      { key: 'sync.cursor', value: 5 },
      { key: 'customers.inBlocks', value: 4 },
    ]);
    old.close();

    const db = new TandemDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(10);
    expect(db.customerBlocks.schema.idxByName.ids).toBeUndefined();
    const [directory, ...more] = await db.customerDirectory.toArray();
    expect(more).toEqual([]);
    expect([...(directory?.idHashes ?? [])]).toEqual(['c-0', 'c-1', 'c-2', 'c-3'].map(idHash));
    expect([...(directory?.blockKeys ?? [])]).toEqual([1, 1, 3, 3]);
    const strip = ({ identityKeys: _k, ...c }: (typeof held)[number]) => c;
    // A look-up by identity right after the upgrade, then every read by id.
    expect(await findCustomersByIdentities(db, [{ kind: 'email', value: 'person3@example.com' }])).toEqual([strip(held[3]!)]);
    expect(identityKeyFiltersSource(db)).toBe('stored'); // version 11's upgrade made the key map from version 9's blocks
    expect(await getCustomers(db, ['c-4', 'c-1', 'c-9', 'c-2'])).toEqual([strip(held[4]!), strip(held[1]!), undefined, strip(held[2]!)]);
    expect(await customerById(db, 'c-0')).toEqual(strip(held[0]!));
    expect((await countRecords(db)).customers).toBe(5);

    // An agent's edit moves its customer out of the block; a tombstone takes one out; an erasure rewrites one.
    await writeLocal(db, [{ entity: 'customers', op: 'update', recordId: 'c-1', patch: { name: 'Edited after the upgrade' } }]);
    await applyChanges(db, [
      { entity: 'customers', seq: 6, record: { ...strip(held[3]!), version: 2, deleted: true } },
      { entity: 'customers', seq: 7, record: { ...strip(held[2]!), version: 2, name: '[erased]', identities: [] } },
    ]);
    const blocksText = JSON.stringify(await db.customerBlocks.toArray());
    for (const gone of ['Person 1', 'Person 2', 'Person 3']) expect(blocksText).not.toContain(gone);
    expect((await customerById(db, 'c-1'))?.name).toBe('Edited after the upgrade');
    expect((await customerById(db, 'c-2'))?.name).toBe('[erased]');
    expect(await customerById(db, 'c-3')).toBeUndefined();
    expect(await findCustomersByIdentities(db, [{ kind: 'email', value: 'person2@example.com' }])).toEqual([]);
    expect((await findCustomersByIdentities(db, [{ kind: 'email', value: 'person0@example.com' }])).map((c) => c.name)).toEqual(['Person 0']);
    expect((await countRecords(db)).customers).toBe(4);

    // A restarted feed keeps the queued edit only, and clears the directory with the blocks.
    await restartChangeFeed(db);
    expect((await getCustomers(db, ['c-0', 'c-1', 'c-4'])).map((c) => c?.name)).toEqual([undefined, 'Edited after the upgrade', undefined]);
    expect(await db.customerBlocks.count()).toBe(0);
    expect(await db.customerDirectory.count()).toBe(0);
  });
});

describe('version 11: customer writes note their identity keys; the upgrade stores the key map', () => {
  const VERSION_10 = {
    ...VERSION_6,
    interactionBlocks: 'id, *customerIds, *caseIds',
    interactionDirectory: '++id',
    customerBlocks: 'id',
    customerDirectory: '++id',
  };
  const held = Array.from({ length: 5 }, (_, i) =>
    toCachedCustomer(customer(`c-${i}`, { name: `Person ${i}`, identities: [{ kind: 'email', value: `person${i}@example.com` }] })),
  );
  const byEmail = async (db: TandemDatabase, n: number) =>
    (await findCustomersByIdentities(db, [{ kind: 'email', value: `person${n}@example.com` }])).map((c) => c.name);

  /** A version 10 copy: two customer blocks and a row, with its stored key filters (`copy`) and generation. */
  async function version10(name: string, copy: { generation: string; rows: Uint8Array; blocks: BlockMapEntries }, generation: string): Promise<void> {
    const old = new Dexie(name);
    old.version(10).stores(VERSION_10);
    await old.table('customerBlocks').bulkPut([storedBlock(1, held.slice(0, 2)), storedBlock(3, held.slice(2, 4))]);
    await old.table('customerDirectory').add({ idHashes: Int32Array.from(['c-0', 'c-1', 'c-2', 'c-3'], idHash), blockKeys: Float64Array.from([1, 1, 3, 3]) });
    await old.table('customers').put(held[4]);
    await old.table('meta').bulkPut([
      { key: 'sync.cursor', value: 5 },
      { key: 'customers.inBlocks', value: 4 },
      { key: 'customers.keyFilters', value: copy },
      { key: 'customers.keyGeneration', value: generation },
    ]);
    old.close();
  }

  async function opened11(name: string): Promise<TandemDatabase> {
    const db = new TandemDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(11);
    expect(await db.meta.get('customers.keyGeneration')).toBeUndefined();
    return db;
  }

  it('a stale version 10 copy (saved before its last write) is made again from every key: a start reads it, no customer', async () => {
    const name = 'key-notes-stale';
    // Saved before both blocks and the row were written (a worker stopped before its next save): it holds nothing.
    await version10(name, { generation: 'g-1', rows: BloomFilter.ofIdentityKeys().bits, blocks: new BlockMap().entries() }, 'g-2');
    const db = await opened11(name);
    expect(await db.customerKeyNotes.count()).toBe(0);
    // The look-up right after the upgrade: its start is the copy the upgrade stored (no note after it).
    expect(await byEmail(db, 3)).toEqual(['Person 3']);
    expect([identityKeyFiltersSource(db), identityKeyNotesRead(db)]).toEqual(['stored', 0]);
    expect(await byEmail(db, 4)).toEqual(['Person 4']);
    expect(await byEmail(db, 0)).toEqual(['Person 0']);
    // A write after the upgrade is noted in its own transaction; a restarted worker finds it from that note.
    await applyChanges(db, [
      { entity: 'customers', seq: 6, record: customer('c-new', { name: 'New', identities: [{ kind: 'email', value: 'new@example.com' }] }) },
    ]);
    expect(await db.customerKeyNotes.count()).toBe(1);
    const worker = new TandemDatabase(name);
    opened.push(worker);
    expect((await findCustomersByIdentities(worker, [{ kind: 'email', value: 'new@example.com' }])).map((c) => c.name)).toEqual(['New']);
    expect([identityKeyFiltersSource(worker), identityKeyNotesRead(worker)]).toEqual(['stored', 1]);
    expect(await byEmail(worker, 2)).toEqual(['Person 2']);
  });

  it('a version 10 copy at the current generation is kept as it is', async () => {
    const name = 'key-notes-current';
    const [rows, blocks] = [BloomFilter.ofIdentityKeys(), new BlockMap()];
    for (const r of held.slice(0, 4)) for (const key of r.identityKeys) blocks.add(idHash(key), r.id < 'c-2' ? 1 : 3);
    for (const key of held[4]!.identityKeys) rows.add(key);
    blocks.add(idHash('email:only-in-the-copy@example.com'), 1); // what a rebuild would not hold
    await version10(name, { generation: 'g-2', rows: rows.bits, blocks: blocks.entries() }, 'g-2');
    const db = await opened11(name);
    const stored = (await db.meta.get('customers.keyFilters'))?.value as { readTo: number; blocks: BlockMapEntries };
    expect(stored.readTo).toBe(0);
    expect([...stored.blocks.hashes]).toContain(idHash('email:only-in-the-copy@example.com'));
    expect(await byEmail(db, 3)).toEqual(['Person 3']);
    expect(await byEmail(db, 4)).toEqual(['Person 4']);
    expect(identityKeyFiltersSource(db)).toBe('stored');
  });
});

describe("version 12: link rows list the interaction blocks' customers and cases instead of the blocks' indexes", () => {
  it("opens a version 11 copy: one link row lists its blocks' customers and cases, and timelines and case reads find the blocks", async () => {
    const name = 'interaction-links';
    const old = new Dexie(name);
    old.version(11).stores({
      ...VERSION_6,
      interactionBlocks: 'id, *customerIds, *caseIds',
      interactionDirectory: '++id',
      customerBlocks: 'id',
      customerDirectory: '++id',
      customerKeyNotes: '++id',
    });
    const held = heldInteractions((i) => (i < 2 ? 'k-1' : i === 4 ? 'k-2' : null));
    // Two blocks as version 11 wrote them, each with its directory row, and one interaction as a row.
    await old.table('interactionBlocks').bulkPut([interactionBlock(1, held.slice(0, 3)), interactionBlock(4, held.slice(3, 5))]);
    await old.table('interactionDirectory').bulkAdd([
      { idHashes: Int32Array.from(['i-0', 'i-1', 'i-2'], idHash), blockKeys: Float64Array.from([1, 1, 1]) },
      { idHashes: Int32Array.from(['i-3', 'i-4'], idHash), blockKeys: Float64Array.from([4, 4]) },
    ]);
    await old.table('interactions').put(held[5]);
    await old.table('meta').bulkPut([
      { key: 'sync.cursor', value: 6 },
      { key: 'interactions.inBlocks', value: 5 },
    ]);
    old.close();

    const db = new TandemDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(12);
    expect(Object.keys(db.interactionBlocks.schema.idxByName)).toEqual([]);
    // The directory is as it was; one link row lists each block's customers and cases.
    expect(await db.interactionDirectory.count()).toBe(2);
    const [links, ...more] = await db.interactionLinks.toArray();
    expect(more).toEqual([]);
    const listed = (name: string) => {
      const { hashes, blocks, counts } = links!.links[name]!;
      return [...blocks].map((block, b) => [block, [...hashes.slice(counts.slice(0, b).reduce((n, c) => n + c, 0)).slice(0, counts[b])].sort()]);
    };
    expect(listed('customer')).toEqual([
      [1, ['c-jane', 'c-marcus'].map(idHash).sort()],
      [4, ['c-jane', 'c-marcus'].map(idHash).sort()],
    ]);
    expect(listed('case')).toEqual([
      [1, [idHash('k-1')]],
      [4, [idHash('k-2')]],
    ]);
    const byId = (list: { id: string }[]) => list.map((i) => i.id).sort();
    expect((await timelineForCustomer(db, 'c-jane')).map((i) => i.id)).toEqual(['i-4', 'i-2', 'i-0']);
    expect((await timelineForCustomer(db, 'c-marcus')).map((i) => i.id)).toEqual(['i-5', 'i-3', 'i-1']);
    expect(byId(await interactionsForCases(db, ['k-1', 'k-2']))).toEqual(['i-0', 'i-1', 'i-4']);
    // A page written after the upgrade lists its links too; the upgraded row and the new one are both read.
    const page = Array.from({ length: 100 }, (_, i) => ({
      entity: 'interactions' as const,
      seq: 7 + i,
      record: interaction(`p-${i}`, i === 0 ? 'c-jane' : `c-${i}`, { caseId: i === 0 ? 'k-2' : null }),
    }));
    await applyPulledPage(db, page, 106);
    expect(await db.interactionLinks.count()).toBe(2);
    expect(byId(await timelineForCustomer(db, 'c-jane'))).toEqual(['i-0', 'i-2', 'i-4', 'p-0']);
    expect(byId(await interactionsForCases(db, ['k-2']))).toEqual(['i-4', 'p-0']);
    expect(byId(await allInteractions(db))).toHaveLength(106);
  });
});
