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
  blocksHoldingAny,
  countCached,
  dropAllExcept,
  newestById,
  noneCached,
  noteStored,
  readRowsAndBlocks,
  removeIdsFromBlocks,
  writePulledChanges,
} from './blocks';
import { dropKeyFilters, type KeyTable, keyFiltersSource, noteKeys, readyKeyFilters, saveKeyFilters, startKeyFilters } from './customer-key-filters';
import { type CachedCustomer, type CustomerBlockRow, identityKey, type TandemDatabase } from './database';

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
    identityKeys: [...new Set(records.flatMap((r) => r.identityKeys))],
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
  countKey: IN_BLOCKS_KEY,
  record: customerAt,
  version: (block, i) => block.versions[i]!,
  // The kept customers' text as it was: nothing is parsed to cut a block down.
  keepOnly: (block, positions) => {
    const texts = positions.map((i) => block.texts[i]!);
    return {
      id: block.id,
      ids: positions.map((i) => block.ids[i]!),
      identityKeys: [...new Set(texts.flatMap((t) => (JSON.parse(t) as CachedCustomer).identityKeys))],
      versions: positions.map((i) => block.versions[i]!),
      texts,
    };
  },
  blockOf,
  // The server's identities are canonical already: checked, not parsed again (pulledCustomerIdentityKeys).
  stored: (record) => ({ ...(record as Customer), identityKeys: pulledCustomerIdentityKeys(record as Customer) }),
};

/** The tables a customer write needs in its transaction, besides meta (the count in blocks), which every caller's holds. */
export function customerTables(db: TandemDatabase): Table[] {
  return [db.customers, db.customerBlocks];
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
 * The customers of these blocks holding this identity key: a search of each text for the key as JSON writes it, then
 * only those texts parsed and their keys checked (the same text elsewhere in a record, a tag say, is not a match).
 */
function holdingKey(blocks: readonly CustomerBlockRow[], key: string): CachedCustomer[] {
  const quoted = JSON.stringify(key);
  const out: CachedCustomer[] = [];
  for (const block of blocks)
    for (let i = 0; i < block.texts.length; i++) {
      if (!block.texts[i]!.includes(quoted)) continue;
      const customer = customerAt(block, i);
      if (customer.identityKeys.includes(key)) out.push(customer);
    }
  return out;
}

type KeyAsk = { table: KeyTable; key: string };

/**
 * The customers holding these keys, each key asked of the table named with it, in one read transaction of the rows
 * and blocks; once a round's answers are in, `next` names what to ask more (in the same transaction). On IndexedDB
 * itself, not through Dexie: at 100k customers Dexie's transaction and query layers were half the look-up (known
 * identities p50 0.8–0.9 vs 0.4–0.5 ms, p95 6.1–8.3 vs 3.6–4.3 ms, 3 alternated runs at load 14–15). One equality
 * request per key and table beats anyOf().distinct() on a multi-entry index (p95 1.2 vs 2.7 ms at 100k).
 */
function readByKeys(db: TandemDatabase, first: readonly KeyAsk[], next: () => readonly KeyAsk[]): Promise<CachedCustomer[]> {
  return new Promise((resolve, reject) => {
    const tx = db.backendDB().transaction([db.customers.name, db.customerBlocks.name], 'readonly');
    const out: CachedCustomer[] = [];
    tx.onabort = () => reject(tx.error ?? new Error('identity look-up aborted'));
    const ask = (round: readonly KeyAsk[]) => {
      let pending = round.length;
      if (pending === 0) return resolve(out);
      for (const { table, key } of round) {
        const request = tx
          .objectStore(table === 'rows' ? db.customers.name : db.customerBlocks.name)
          .index('identityKeys')
          .getAll(key);
        request.onsuccess = () => {
          if (table === 'rows') out.push(...(request.result as CachedCustomer[]));
          else out.push(...holdingKey(request.result as CustomerBlockRow[], key));
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
 * Each table is asked for a key only where its identity-key filter may hold it (./customer-key-filters.ts), and once
 * the answers are in (the read transaction has begun, so every write made before it has committed and noted its keys)
 * the filters are asked again: a key a write moved to the other table meanwhile (a block's customer edited into a
 * row) is asked there in the same transaction. A key neither filter holds is asked nowhere: the customer did not exist
 * when the look-up began. While the filters are not ready (a worker's start) every table is asked.
 */
export async function findCustomersByIdentities(db: TandemDatabase, identities: readonly Identity[]): Promise<Customer[]> {
  if (identities.length === 0) return [];
  const keys = [...new Set(identities.map(identityKey))];
  if (!readyKeyFilters(db)) startKeyFilters(db).catch(() => undefined); // this look-up asks every table
  const mayHold = (table: KeyTable, key: string) => readyKeyFilters(db)?.[table].mayHold(key) ?? true;
  const asked = new Set<string>();
  const toAsk = () =>
    keys.flatMap((key) =>
      (['rows', 'blocks'] as const).filter((table) => !asked.has(`${table} ${key}`) && mayHold(table, key)).map((table) => ({ table, key })),
    );
  const first = toAsk();
  if (first.length === 0) return [];
  for (const { table, key } of first) asked.add(`${table} ${key}`);
  if (!db.isOpen()) await db.open();
  const found = await readByKeys(db, first, () => {
    const round = toAsk();
    for (const { table, key } of round) asked.add(`${table} ${key}`);
    return round;
  });
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
    const blocks = await blocksHoldingAny(db.customerBlocks, 'ids', [...missing]);
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
    const blocks = await db.customerBlocks.where('ids').equals(id).toArray();
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
  await noteKeys(db, 'rows', row.identityKeys);
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
  const inBlocks = new Set<CachedCustomer>();
  const noting: typeof layout = {
    ...layout,
    stored: (record) => {
      const cached = layout.stored(record);
      stored.add(cached);
      return cached;
    },
    blockOf: (id, records) => {
      for (const r of records) inBlocks.add(r);
      return layout.blockOf(id, records);
    },
  };
  await writePulledChanges(db, noting, list, skip, readFirst);
  // Still inside the caller's transaction (its last request's callback), so before it commits.
  const keysOf = (records: Iterable<CachedCustomer>) => [...records].flatMap((r) => r.identityKeys);
  await noteKeys(db, 'blocks', keysOf(inBlocks));
  await noteKeys(db, 'rows', keysOf([...stored].filter((r) => !inBlocks.has(r))));
}

/** Whether no customer is cached (one key read per table). */
export function noCustomersCached(db: TandemDatabase): Promise<boolean> {
  return noneCached(db, layout);
}

/** Drops every cached customer but those in `keep` (their ids), which stay as rows; a restarted change feed. */
export async function dropCustomersExcept(db: TandemDatabase, keep: ReadonlySet<string>): Promise<void> {
  await dropKeyFilters(db); // the kept customers move from blocks to rows: the filters are read again after
  await dropAllExcept(db, layout, keep);
}

/** A worker's start of the identity-key filters, their save, and how they were read (tests and the bench). */
export { keyFiltersSource as identityKeyFiltersSource, saveKeyFilters as saveIdentityKeyFilters, startKeyFilters as startIdentityKeyFilters };
