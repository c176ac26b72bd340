// Customers live in two tables, as interactions do (lib/db/blocks.ts): `customers`, one row each (local writes, push
// answers, small pulled pages), and `customerBlocks`, many pulled customers to a row, each as JSON text (a first
// sync's bulk: a row cost ≈ 100 µs a customer whatever it held). An id is in at most one of them: every write of a
// customer removes the copy the other table or an older block held, so erased text never survives in a block.
// Everything that reads or writes customers goes through this module.
import type { Table } from 'dexie';
import { customerIdentityKeys, pulledCustomerIdentityKeys } from '../identity/normalize';
import type { Change, Customer, Identity } from '../schema';
import {
  type BlockLayout,
  blocksHoldingIds,
  blockTables,
  countCached,
  dropAllExcept,
  newestById,
  noneCached,
  noteStored,
  readRowsAndBlocks,
  removeIdsFromBlocks,
  writePulledChanges,
} from './blocks';
import { keyFiltersSource, keyNotesRead, noteKeys, readyKeyFilters, resetKeyFilters, saveKeyFilters, startKeyFilters } from './customer-key-filters';
import { type CachedCustomer, type CustomerBlockRow, identityKey, type TandemDatabase } from './database';
import { idHash } from './id-filter';

export { customerIdentityKeys };

/** Customers a block holds at most: a lookup clones the block's strings (≈ 20 kB at 50) and parses its matches. */
export const CUSTOMER_BLOCK_SIZE = 20;

/**
 * A page writes blocks from this many customers on; fewer go to rows. Blocks pay in bulk (a first sync's pages of
 * 2,000); a customer changed later in a block costs a read and rewrite of the block, so a small team keeps rows.
 */
export const CUSTOMER_BLOCK_MIN = 500;

/** How many customers the blocks hold, kept in meta by every block write (the callers' transactions hold meta). */
const IN_BLOCKS_KEY = 'customers.inBlocks';

/** Indexed by canonical identities, so customers stored before canonical forms are found by what pages show. */
export function toCachedCustomer(customer: Customer): CachedCustomer {
  return { ...customer, identityKeys: customerIdentityKeys(customer) };
}

function stripIdentityKeys({ identityKeys: _keys, ...customer }: CachedCustomer): Customer {
  return customer;
}

function blockOf(id: number, records: readonly CachedCustomer[]): CustomerBlockRow {
  return {
    id,
    ids: records.map((r) => r.id),
    versions: records.map((r) => r.version),
    texts: records.map((r) => JSON.stringify(r)),
  };
}

/** Customer `i` of a block, parsed: the one place block text becomes a record. */
function customerAt(block: CustomerBlockRow, i: number): CachedCustomer {
  return JSON.parse(block.texts[i]!) as CachedCustomer;
}

const layout: BlockLayout<CustomerBlockRow, CachedCustomer> = {
  entity: 'customers',
  size: CUSTOMER_BLOCK_SIZE,
  min: CUSTOMER_BLOCK_MIN,
  table: (db) => db.customerBlocks,
  rows: (db) => db.customers,
  // No `*ids` index (Dexie 10): its ≈ 20 index entries a block went to a first sync's write of every customer.
  directory: (db) => db.customerDirectory,
  countKey: IN_BLOCKS_KEY,
  record: customerAt,
  version: (block, i) => block.versions[i]!,
  // The kept customers' text as it was: nothing is parsed to cut a block down.
  keepOnly: (block, positions) => {
    const texts = positions.map((i) => block.texts[i]!);
    return { id: block.id, ids: positions.map((i) => block.ids[i]!), versions: positions.map((i) => block.versions[i]!), texts };
  },
  blockOf,
  // The server's identities are canonical already: checked, not parsed again (pulledCustomerIdentityKeys).
  stored: (record) => ({ ...(record as Customer), identityKeys: pulledCustomerIdentityKeys(record as Customer) }),
};

/**
 * The tables a customer write needs in its transaction, besides meta (the count in blocks), which every caller's holds:
 * rows, blocks, their directory, and the identity keys' notes (./customer-key-filters.ts).
 */
export function customerTables(db: TandemDatabase): Table[] {
  return [...blockTables(db, layout), db.customerKeyNotes];
}

/** Reads both tables in one read transaction (lib/db/blocks.ts): a pull moving a customer between them is never seen half done. */
function readTogether<T>(db: TandemDatabase, read: () => Promise<T>): Promise<T> {
  return readRowsAndBlocks(db, layout, read);
}

/** The customers of these blocks that `wanted` picks (by position), parsed; the rest stay text. */
function pick(blocks: readonly CustomerBlockRow[], wanted: (block: CustomerBlockRow, i: number) => boolean): CachedCustomer[] {
  const out: CachedCustomer[] = [];
  for (const block of blocks) for (let i = 0; i < block.ids.length; i++) if (wanted(block, i)) out.push(customerAt(block, i));
  return out;
}

/**
 * The customers of this block holding any of these identity keys: a search of each text for the keys as JSON writes
 * them, then only those texts parsed and their keys checked (the same text elsewhere in a record, a tag say, is not a
 * match). One block read serves every key the map places in it (an email and a phone of one customer).
 */
function holdingKeys(block: CustomerBlockRow, keys: readonly string[]): CachedCustomer[] {
  const quoted = keys.map((key) => JSON.stringify(key));
  const out: CachedCustomer[] = [];
  for (let i = 0; i < block.texts.length; i++) {
    const text = block.texts[i]!;
    if (!quoted.some((q) => text.includes(q))) continue;
    const customer = customerAt(block, i);
    if (customer.identityKeys.some((key) => keys.includes(key))) out.push(customer);
  }
  return out;
}

/** A request of a look-up: the rows' identity index for a key, or a block the key map places these keys in. */
type KeyAsk = { table: 'rows'; key: string } | { table: 'blocks'; block: number; keys: string[] };

/**
 * The customers the asks find, in one read transaction of the rows and blocks; once a round's answers are in, `next`
 * names what to ask more (in the same transaction). On IndexedDB itself, not through Dexie: at 100k customers Dexie's
 * transaction and query layers were half the look-up (known identities p50 0.8–0.9 vs 0.4–0.5 ms, p95 6.1–8.3 vs
 * 3.6–4.3 ms, 3 alternated runs at load 14–15). One equality request per key beats anyOf().distinct() on a
 * multi-entry index (p95 1.2 vs 2.7 ms at 100k).
 */
function readByKeys(db: TandemDatabase, first: readonly KeyAsk[], next: () => readonly KeyAsk[]): Promise<CachedCustomer[]> {
  return new Promise((resolve, reject) => {
    const tx = db.backendDB().transaction([db.customers.name, db.customerBlocks.name], 'readonly');
    const out: CachedCustomer[] = [];
    tx.onabort = () => reject(tx.error ?? new Error('identity look-up aborted'));
    const ask = (round: readonly KeyAsk[]) => {
      let pending = round.length;
      if (pending === 0) return resolve(out);
      for (const asked of round) {
        const request =
          asked.table === 'rows'
            ? tx.objectStore(db.customers.name).index('identityKeys').getAll(asked.key)
            : tx.objectStore(db.customerBlocks.name).get(asked.block);
        request.onsuccess = () => {
          if (asked.table === 'rows') out.push(...(request.result as CachedCustomer[]));
          else if (request.result) out.push(...holdingKeys(request.result as CustomerBlockRow, asked.keys));
          // Asked from the last answer's callback, so the transaction is still the one that read the others.
          if (--pending === 0) ask(next());
        };
        request.onerror = () => reject(request.error);
      }
    };
    ask(first);
  });
}

/**
 * Customers holding any of these identities, best match first (most identities in common). The identities are
 * canonical already (callers normalise what a page reports: normalizePageIdentities), so the hot path does not parse
 * phones again.
 *
 * The rows are asked for a key only where their filter may hold it, and the blocks the key map places the keys in are
 * read, each once (./customer-key-filters.ts); a worker's first look-up waits for them to be read. Once the answers
 * are in (the read transaction has begun, so every write made before it has committed and noted its keys) the filter
 * and the map are asked again: a key a write moved meanwhile (a block's customer edited into a row, or pulled again
 * into a new block) is asked where it went, in the same transaction. A key neither holds is asked nowhere: the customer
 * did not exist when the look-up began.
 */
export async function findCustomersByIdentities(db: TandemDatabase, identities: readonly Identity[]): Promise<Customer[]> {
  if (identities.length === 0) return [];
  const keys = [...new Set(identities.map(identityKey))];
  if (!readyKeyFilters(db)) await startKeyFilters(db);
  const hashes = keys.map(idHash);
  const asked = new Set<string>();
  const toAsk = (): KeyAsk[] => {
    // Dropped meanwhile only by a restarted feed's aborted transaction (or a failed start): the rows are asked for every key.
    const where = readyKeyFilters(db);
    const round: KeyAsk[] = [];
    for (const key of keys)
      if (!asked.has(`rows ${key}`) && (!where || where.rows.mayHold(key))) {
        asked.add(`rows ${key}`);
        round.push({ table: 'rows', key });
      }
    const byBlock = new Map<number, string[]>();
    if (where)
      keys.forEach((key, i) => {
        const blocks = new Set<number>();
        where.blocks.blocksOf(hashes[i]!, blocks);
        for (const block of blocks)
          if (!asked.has(`${block} ${key}`)) {
            asked.add(`${block} ${key}`);
            byBlock.set(block, [...(byBlock.get(block) ?? []), key]);
          }
      });
    for (const [block, blockKeys] of byBlock) round.push({ table: 'blocks', block, keys: blockKeys });
    return round;
  };
  const first = toAsk();
  if (first.length === 0) return [];
  if (!db.isOpen()) await db.open();
  const found = await readByKeys(db, first, toAsk);
  const score = (c: CachedCustomer) => c.identityKeys.filter((k) => keys.includes(k)).length;
  return newestById(found)
    .filter((c) => !c.deleted)
    .sort((a, b) => score(b) - score(a) || a.name.localeCompare(b.name))
    .map(stripIdentityKeys);
}

/** The cached customers with these ids, by id (those not cached are absent). */
export async function customersById(db: TandemDatabase, ids: readonly string[]): Promise<Map<string, Customer>> {
  const customers = await getCustomers(db, [...new Set(ids)]);
  return new Map(customers.flatMap((c) => (c ? [[c.id, c] as const] : [])));
}

/** The cached customers with these ids, in the same order (undefined where none is cached). */
export async function getCustomers(db: TandemDatabase, ids: readonly string[]): Promise<Array<Customer | undefined>> {
  const byId = await readTogether(db, async () => {
    const rows = await db.customers.bulkGet([...ids]);
    const found = new Map<string, CachedCustomer>(rows.flatMap((r) => (r ? [[r.id, r] as const] : [])));
    // An id is in one place only: the blocks are asked for the ids no row holds.
    const missing = new Set(ids.filter((id) => !found.has(id)));
    const blocks = await blocksHoldingIds(db, layout, [...missing]);
    for (const c of pick(blocks, (b, i) => missing.has(b.ids[i]!))) found.set(c.id, c);
    return found;
  });
  return ids.map((id) => {
    const row = byId.get(id);
    return row ? stripIdentityKeys(row) : undefined;
  });
}

/** The cached customer, wherever it is stored. */
export async function customerById(db: TandemDatabase, id: string): Promise<Customer | undefined> {
  const found = await readTogether(db, async () => {
    const row = await db.customers.get(id);
    if (row) return row;
    const blocks = await blocksHoldingIds(db, layout, [id]);
    return pick(blocks, (b, i) => b.ids[i] === id)[0];
  });
  return found ? stripIdentityKeys(found) : undefined;
}

/** How many customers are cached: rows, and the count kept of those in blocks (an id is in one place only). */
export function countCustomers(db: TandemDatabase): Promise<number> {
  return countCached(db, layout);
}

/**
 * Stores one customer as a row (a local write or a push's answer; the caller's transaction holds `customerTables`
 * and meta): a block's copy of it goes.
 */
export async function putCustomer(db: TandemDatabase, record: Customer): Promise<void> {
  const row = toCachedCustomer(record);
  noteStored(db, layout, [record.id]);
  await noteKeys(db, row.identityKeys);
  await removeIdsFromBlocks(db, layout, [record.id]);
  await db.customers.put(row);
}

export async function deleteCustomer(db: TandemDatabase, id: string): Promise<void> {
  await removeIdsFromBlocks(db, layout, [id]);
  await db.customers.delete(id);
}

/**
 * Writes a page's customer changes (the caller's transaction holds `customerTables` and meta): lib/db/blocks.ts
 * `writePulledChanges`, from CUSTOMER_BLOCK_MIN puts on in blocks of CUSTOMER_BLOCK_SIZE.
 */
export async function writePulledCustomers(db: TandemDatabase, list: readonly Change[], skip: ReadonlySet<string>, readFirst: boolean): Promise<void> {
  // Every customer the page stores passes through `stored`; those that also pass through `blockOf` went to blocks.
  const stored = new Set<CachedCustomer>();
  const inBlocks = new Map<CachedCustomer, number>();
  const noting: typeof layout = {
    ...layout,
    stored: (record) => {
      const cached = layout.stored(record);
      stored.add(cached);
      return cached;
    },
    blockOf: (id, records) => {
      for (const r of records) inBlocks.set(r, id);
      return layout.blockOf(id, records);
    },
  };
  await writePulledChanges(db, noting, list, skip, readFirst);
  // Still inside the caller's transaction (its last request's callback), so before it commits.
  await noteKeys(
    db,
    [...stored].flatMap((r) => (inBlocks.has(r) ? [] : r.identityKeys)),
    [...inBlocks].map(([r, block]) => ({ block, keys: r.identityKeys })),
  );
}

/** Whether no customer is cached (one key read per table). */
export function noCustomersCached(db: TandemDatabase): Promise<boolean> {
  return noneCached(db, layout);
}

/** Drops every cached customer but those in `keep` (their ids), which stay as rows; a restarted change feed. */
export async function dropCustomersExcept(db: TandemDatabase, keep: ReadonlySet<string>): Promise<void> {
  await dropAllExcept(db, layout, keep);
  await resetKeyFilters(db); // the kept customers moved from blocks to rows: their keys are noted afresh
}

/** A worker's start of the identity-key filters, their save, and how they were read (tests and the bench). */
export {
  keyFiltersSource as identityKeyFiltersSource,
  keyNotesRead as identityKeyNotesRead,
  saveKeyFilters as saveIdentityKeyFilters,
  startKeyFilters as startIdentityKeyFilters,
};
