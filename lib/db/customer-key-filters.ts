// Where the identity keys are (lib/db/customers.ts), per database object: the background opens one and is the only
// writer, as for `idsStored` in ./blocks.ts. The customer rows (few: edits, push answers, small pages) keep their
// `*identityKeys` index and a Bloom filter of their keys (./id-filter.ts: never "no" for a key added), so a
// look-up asks them only for keys they may hold. The customer blocks have no identity index (Dexie 10: it was ≈ 3
// index entries a customer of a first sync's write): a map of each key's hash to the blocks noted holding it
// (./block-map.ts) says which blocks a look-up reads. A key moved or dropped leaves its entry: a needless block read,
// never a miss (the look-up checks each parsed customer's keys).
//
// A worker's start must not read the cache again (≈ 45 MB of blocks cloned at 100k customers, 0.6–4.2 s). So the
// filter and the map are stored in meta with the generation they cover, and every customer write that adds keys writes
// a new generation in its own transaction: a stored copy is trusted only when its generation is the current one, and a
// start is then one read (the filter's 256 kB and the map, ≈ 4 bytes a key). Otherwise (a worker stopped between
// a write and the next save, an upgraded cache) the customers are read once more, in pieces (≈ 1 s at 100k). A look-up
// waits for the start: without the map it could not find a customer in blocks.
import Dexie from 'dexie';
import { BlockMap, type BlockMapEntries } from './block-map';
import type { TandemDatabase } from './database';
import { BloomFilter, idHash } from './id-filter';
import { getMeta, setMeta } from './meta';

interface KeyFilters {
  rows: BloomFilter;
  /** Block keys by identity-key hash. */
  blocks: BlockMap;
  /** Read from what is stored (until then a look-up waits; writes are noted all the same). */
  ready: boolean;
  /** How this start got its filters: a stored copy, or the stored customers' keys (the bench prints it). */
  source?: 'stored' | 'keys';
}

interface StoredKeyFilters {
  generation: string;
  rows: Uint8Array;
  /** The blocks' map (BlockMap.entries). */
  blocks: BlockMapEntries;
}

/** The generation of the customers as stored: a new random one with every write that adds identity keys. */
const GENERATION_KEY = 'customers.keyGeneration';
/** The filter and map as last saved, with the generation they cover (before Dexie 10: two filters, not trusted). */
const STORED_KEY = 'customers.keyFilters';
/** A save follows writes by this long (one write of the map, not one per write; a first sync saves every 2 s). */
const SAVE_DELAY_MS = 2000;

const current = new WeakMap<TandemDatabase, KeyFilters>();
const starting = new WeakMap<TandemDatabase, Promise<void>>();
const saveTimers = new WeakMap<TandemDatabase, ReturnType<typeof setTimeout>>();

/** The filter and map a look-up may trust, or undefined while none is ready (a look-up waits for `startKeyFilters`). */
export function readyKeyFilters(db: TandemDatabase): Readonly<KeyFilters> | undefined {
  const filters = current.get(db);
  return filters?.ready ? filters : undefined;
}

/**
 * Reads the filters from what is stored, once per database object (a worker's start; the first look-up or write
 * starts it and is not held up by it). The filters exist before either read's transaction is made, so a write made
 * after that notes its keys in them, and one made before is in what the reads see.
 */
export function startKeyFilters(db: TandemDatabase): Promise<void> {
  if (current.get(db)?.ready) return Promise.resolve();
  const running = starting.get(db);
  if (running) return running;
  const filters: KeyFilters = { rows: BloomFilter.ofIdentityKeys(), blocks: new BlockMap(), ready: false };
  current.set(db, filters);
  // Its own transactions, also when a write's transaction starts it: they wait for that write to commit.
  const start: Promise<void> = Dexie.ignoreTransaction(async () => {
    const [stored, generation] = await db.transaction('r', db.meta, () =>
      Promise.all([getMeta<StoredKeyFilters>(db, STORED_KEY), getMeta<string>(db, GENERATION_KEY)]),
    );
    if (stored && generation !== undefined && stored.generation === generation && BloomFilter.fitsIdentityKeys(stored.rows) && BlockMap.fits(stored.blocks)) {
      // The stored copy is the base (read once, not copied again); writes noted meanwhile are added to it.
      const [rows, blocks] = [BloomFilter.ofIdentityKeys(stored.rows), BlockMap.of(stored.blocks)];
      rows.addAll(filters.rows);
      blocks.addAll(filters.blocks);
      [filters.rows, filters.blocks] = [rows, blocks];
      filters.source = 'stored';
    } else {
      // Which customers are stored now (the blocks' keys, the last row's id): those stored later are noted by their writes (so a first sync that starts the
      // filters is not read again behind itself), and one of these moved meanwhile was noted by its move.
      const [[lastRow], blockIds] = await db.transaction('r', [db.customers, db.customerBlocks], () =>
        Promise.all([db.customers.toCollection().reverse().limit(1).primaryKeys(), db.customerBlocks.toCollection().primaryKeys()]),
      );
      await readStoredKeys(db, filters, lastRow, blockIds);
      filters.source = 'keys';
    }
    if (current.get(db) !== filters) return; // dropped meanwhile (a restarted feed): a later look-up starts again
    filters.ready = true;
    if (filters.source === 'keys') scheduleSave(db);
  })
    .catch((error: unknown) => {
      // Unread, the filters would answer "no" for keys they never saw: they go, and the next look-up starts again.
      if (current.get(db) === filters) current.delete(db);
      throw error;
    })
    .finally(() => {
      if (starting.get(db) === start) starting.delete(db);
    });
  starting.set(db, start);
  return start;
}

/**
 * Reading the stored customers' keys (no stored copy to trust) is done in pieces, a pause between them, so the
 * writes a first sync brings meanwhile are not queued behind it: 500 rows or 50 blocks (≈ 450 kB cloned) a piece.
 * Not an identity index's keys (no value cloned, but one cursor step a key; the blocks have none since Dexie 10): at
 * 100k customers in blocks a key cursor took 2.9–5.3 s against 0.4–0.9 s for the 5,000 blocks' values (docs/offline-sync.md, 28 Nov 2026).
 * Pieces in separate transactions are enough: a write made meanwhile notes its own keys (the filters exist already),
 * and a customer gone meanwhile leaves its keys behind (allowed). Only the rows and blocks stored before the start are read.
 */
const READ_ROWS = 500;
const READ_BLOCKS = 50;
const READ_PAUSE_MS = 4;
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, READ_PAUSE_MS));

async function readStoredKeys(db: TandemDatabase, filters: KeyFilters, lastRow: string | undefined, blockIds: readonly number[]): Promise<void> {
  // Blocks by key range, first to last of each piece (the ids come in key order; a get per id, bulkGet, was slower).
  const pieces = <K extends string | number>(ids: readonly K[], size: number) =>
    Array.from({ length: Math.ceil(ids.length / size) }, (_, i) => [ids[i * size]!, ids[Math.min(ids.length, (i + 1) * size) - 1]!] as const);
  // Rows in key order up to the last stored at the start (a rows cache is an upgraded one: few rows are written later).
  let first = true;
  for (let after: string | undefined, piece: Array<{ id: string; identityKeys: string[] }> = []; lastRow !== undefined; after = piece.at(-1)!.id) {
    if (current.get(db) !== filters) return;
    if (!first) await pause();
    first = false;
    piece = await (after === undefined ? db.customers.where(':id').belowOrEqual(lastRow) : db.customers.where(':id').between(after, lastRow, false, true))
      .limit(READ_ROWS)
      .toArray();
    for (const row of piece) for (const key of row.identityKeys) filters.rows.add(key);
    if (piece.length < READ_ROWS) break;
  }
  for (const [from, to] of pieces(blockIds, READ_BLOCKS)) {
    if (current.get(db) !== filters) return;
    if (!first) await pause();
    first = false;
    for (const block of await db.customerBlocks.where(':id').between(from, to, true, true).toArray())
      for (const key of block.identityKeys) filters.blocks.add(idHash(key), block.id);
  }
}

/**
 * Before a write stores customers with these keys as rows, or in these blocks (the caller's transaction holds meta):
 * the keys go into the filter or the map, and the stored copy is outdated by a new generation in the same transaction.
 */
export async function noteKeys(
  db: TandemDatabase,
  rows: readonly string[],
  blocks: ReadonlyArray<{ block: number; keys: readonly string[] }> = [],
): Promise<void> {
  if (rows.length === 0 && blocks.length === 0) return;
  if (!current.get(db)) startKeyFilters(db).catch(() => undefined); // a first sync fills them as it goes
  const filters = current.get(db);
  if (filters) {
    for (const key of rows) filters.rows.add(key);
    for (const { block, keys } of blocks) for (const key of keys) filters.blocks.add(idHash(key), block);
  }
  scheduleSave(db);
  await setMeta(db, GENERATION_KEY, crypto.randomUUID());
}

/**
 * A write moved customers without noting their keys (a restarted feed): the filters go, and are read again once that
 * write has committed (a start's reads wait for it). The caller's transaction holds meta.
 */
export async function dropKeyFilters(db: TandemDatabase): Promise<void> {
  current.delete(db);
  starting.delete(db);
  await setMeta(db, GENERATION_KEY, crypto.randomUUID());
  startKeyFilters(db).catch(() => undefined);
}

function scheduleSave(db: TandemDatabase): void {
  if (saveTimers.has(db)) return;
  saveTimers.set(
    db,
    setTimeout(() => {
      saveTimers.delete(db);
      saveKeyFilters(db).catch(() => undefined); // unsaved, the next start reads the keys instead
    }, SAVE_DELAY_MS),
  );
}

/**
 * Stores the filters with the current generation, in a transaction of its own on meta: every customer write holds
 * meta, so none runs meanwhile, and each one committed before has noted its keys in the filters copied here.
 */
export async function saveKeyFilters(db: TandemDatabase): Promise<void> {
  const timer = saveTimers.get(db);
  if (timer !== undefined) clearTimeout(timer);
  saveTimers.delete(db);
  const filters = readyKeyFilters(db);
  if (!filters || !db.isOpen()) return;
  await Dexie.ignoreTransaction(() =>
    db.transaction('rw', db.meta, async () => {
      let generation = await getMeta<string>(db, GENERATION_KEY);
      if (generation === undefined) {
        generation = crypto.randomUUID(); // a cleared cache: its filters hold more than it, which is allowed
        await setMeta(db, GENERATION_KEY, generation);
      }
      if (current.get(db) !== filters) return;
      const stored: StoredKeyFilters = { generation, rows: filters.rows.bits.slice(), blocks: filters.blocks.entries() };
      await setMeta(db, STORED_KEY, stored);
    }),
  );
}

/** How the current filters were read (the bench prints it); undefined before they are ready. */
export function keyFiltersSource(db: TandemDatabase): 'stored' | 'keys' | undefined {
  return readyKeyFilters(db)?.source;
}
