// Where the identity keys are (lib/db/customers.ts), per database object: the background opens one and is the only
// writer, as for `idsStored` in ./blocks.ts. The customer rows (few: edits, push answers, small pages) keep their
// `*identityKeys` index and a Bloom filter of their keys (./id-filter.ts: never "no" for a key added), so a
// look-up asks them only for keys they may hold. The customer blocks have no identity index (Dexie 10: it was ≈ 3
// index entries a customer of a first sync's write): a map of each key's hash to the blocks noted holding it
// (./block-map.ts) says which blocks a look-up reads. A key moved or dropped leaves its entry: a needless block read,
// never a miss (the look-up checks each parsed customer's keys).
//
// Kept as the blocks' directories are (./blocks.ts): every customer write adds a note row (`customerKeyNotes`, Dexie
// 11: its keys' hashes, for the rows or by block) in its own transaction, so an aborted write leaves none and a
// committed one is never missed. A save, 2 s after writes, folds the notes into a stored copy (meta: the filter's
// 256 kB and the map, ≈ 4 bytes a key) that remembers the last note it covers, and deletes them in the same
// transaction. A worker's start is the copy and the notes after it, however it was stopped: never the customers
// read again (≈ 45 MB of blocks at 100k, 1.5–3 s), which a first look-up would wait for.
import Dexie, { type Transaction } from 'dexie';
import { BlockMap, type BlockMapEntries } from './block-map';
import type { CachedCustomer, CustomerBlockRow, CustomerKeyNoteRow, MetaRow, TandemDatabase } from './database';
import { BloomFilter, idHash } from './id-filter';
import { getMeta, setMeta } from './meta';

interface KeyFilters {
  rows: BloomFilter;
  /** Block keys by identity-key hash. */
  blocks: BlockMap;
  /** Read from what is stored (until then a look-up waits; writes are noted all the same). */
  ready: boolean;
  /** The last note row folded in (by the start or a save): a save reads the rows above it. */
  readTo: number;
  /** How this start got its filters: the stored copy and the notes after it, or the customers' keys read again (an unreadable copy). */
  source?: 'stored' | 'keys';
  /** Note rows the start read after the stored copy (the bench prints it). */
  notesRead?: number;
}

interface StoredKeyFilters {
  /** The last note row this copy covers: a start reads those after it. */
  readTo: number;
  rows: Uint8Array;
  /** The blocks' map (BlockMap.entries). */
  blocks: BlockMapEntries;
}

/** The filter and map as last saved (before Dexie 11 with a generation instead of `readTo`: the upgrade rewrites it). */
const STORED_KEY = 'customers.keyFilters';
/** The stored copy's `readTo` alone: a save checks it without cloning the copy (another database object may have saved). */
const FOLDED_KEY = 'customers.keyNotesFolded';
/** Dexie 10's generation of the customers as stored (gone in 11: the upgrade reads it once). */
const GENERATION_KEY = 'customers.keyGeneration';
/** A save follows writes by this long (one write of the copy, not one per write; a first sync saves every 2 s). */
const SAVE_DELAY_MS = 2000;

const current = new WeakMap<TandemDatabase, KeyFilters>();
const starting = new WeakMap<TandemDatabase, Promise<void>>();
const saveTimers = new WeakMap<TandemDatabase, ReturnType<typeof setTimeout>>();

/** The filter and map a look-up may trust, or undefined while none is ready (a look-up waits for `startKeyFilters`). */
export function readyKeyFilters(db: TandemDatabase): Readonly<KeyFilters> | undefined {
  const filters = current.get(db);
  return filters?.ready ? filters : undefined;
}

function emptyFilters(): KeyFilters {
  return { rows: BloomFilter.ofIdentityKeys(), blocks: new BlockMap(), ready: false, readTo: 0 };
}

function fitsStored(value: unknown): value is StoredKeyFilters {
  if (typeof value !== 'object' || value === null) return false;
  const { readTo, rows, blocks } = value as Partial<StoredKeyFilters>;
  return typeof readTo === 'number' && BloomFilter.fitsIdentityKeys(rows) && BlockMap.fits(blocks);
}

/** Adds a note row's keys to the filters. */
function fold(filters: Pick<KeyFilters, 'rows' | 'blocks'>, note: CustomerKeyNoteRow): void {
  for (const h of note.rows) filters.rows.addHash(h);
  const { hashes, blocks, counts } = note.blocks;
  for (let b = 0, i = 0; b < blocks.length; b++) for (const end = i + counts[b]!; i < end; i++) filters.blocks.add(hashes[i]!, blocks[b]!);
}

/** Every identity key the rows and blocks hold, read whole (an upgrade, or a stored copy that cannot be read). */
type Readable<T> = { toCollection(): { each(read: (row: T) => void): Promise<unknown> } };
async function readAllKeys(customers: Readable<CachedCustomer>, blocks: Readable<CustomerBlockRow>, into: Pick<KeyFilters, 'rows' | 'blocks'>): Promise<void> {
  await customers.toCollection().each((row) => {
    for (const key of row.identityKeys) into.rows.add(key);
  });
  await blocks.toCollection().each((block) => {
    const keys = block.identityKeys ?? block.texts.flatMap((text) => (JSON.parse(text) as CachedCustomer).identityKeys);
    for (const key of keys) into.blocks.add(idHash(key), block.id);
  });
}

/**
 * Reads the filters from what is stored, once per database object (a worker's start; the first look-up or write
 * starts it). The filters exist before the read's transaction is made, so a write made after that notes its keys in
 * them, and one made before is in what the read sees (its note row, or the copy that folded it).
 */
export function startKeyFilters(db: TandemDatabase): Promise<void> {
  if (current.get(db)?.ready) return Promise.resolve();
  const running = starting.get(db);
  if (running) return running;
  const filters = emptyFilters();
  current.set(db, filters);
  // Its own transactions, also when a write's transaction starts it: they wait for that write to commit.
  const start: Promise<void> = Dexie.ignoreTransaction(async () => {
    const [stored, notes] = await db.transaction('r', [db.meta, db.customerKeyNotes], async () => {
      const copy = await getMeta<unknown>(db, STORED_KEY);
      const after = fitsStored(copy) ? copy.readTo : 0;
      return [copy, await db.customerKeyNotes.where(':id').above(after).toArray()] as const;
    });
    if (stored === undefined || fitsStored(stored)) {
      // No copy: nothing was ever folded (a save writes the copy in the transaction that deletes notes), the notes are all.
      // The stored copy is the base (read once, not copied again); writes noted meanwhile are added to it.
      const base = stored ? { rows: BloomFilter.ofIdentityKeys(stored.rows), blocks: BlockMap.of(stored.blocks) } : emptyFilters();
      for (const note of notes) fold(base, note);
      base.rows.addAll(filters.rows);
      base.blocks.addAll(filters.blocks);
      [filters.rows, filters.blocks] = [base.rows, base.blocks];
      filters.readTo = notes.at(-1)?.id ?? stored?.readTo ?? 0;
      [filters.source, filters.notesRead] = ['stored', notes.length];
    } else {
      // A copy this code cannot read: every key once more, with the last note they cover, in one read.
      filters.readTo = await db.transaction('r', [db.customers, db.customerBlocks, db.customerKeyNotes], async () => {
        await readAllKeys(db.customers, db.customerBlocks, filters);
        return (await db.customerKeyNotes.toCollection().reverse().limit(1).primaryKeys())[0] ?? 0;
      });
      filters.source = 'keys';
    }
    if (current.get(db) !== filters) return; // replaced meanwhile (a restarted feed): that one serves
    filters.ready = true;
    if (filters.source === 'keys' || notes.length > 0) scheduleSave(db);
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

/** A note row of these keys: stored as rows, or in blocks (grouped by block, as BlockMap.entries). */
function noteRow(rows: readonly string[], blocks: ReadonlyArray<{ block: number; keys: readonly string[] }>): CustomerKeyNoteRow {
  const byBlock = new Map<number, number[]>();
  for (const { block, keys } of blocks) {
    let list = byBlock.get(block);
    if (!list) byBlock.set(block, (list = []));
    for (const key of keys) list.push(idHash(key));
  }
  const entries: BlockMapEntries = {
    hashes: Int32Array.from([...byBlock.values()].flat()),
    blocks: Float64Array.from(byBlock.keys()),
    counts: Uint32Array.from(byBlock.values(), (list) => list.length),
  };
  return { rows: Int32Array.from(rows, idHash), blocks: entries };
}

/**
 * Before a write stores customers with these keys as rows, or in these blocks (the caller's transaction holds
 * `customerKeyNotes`): the keys go into the filter or the map, and into a note row written in the same transaction.
 */
export async function noteKeys(
  db: TandemDatabase,
  rows: readonly string[],
  blocks: ReadonlyArray<{ block: number; keys: readonly string[] }> = [],
): Promise<void> {
  if (rows.length === 0 && blocks.length === 0) return;
  if (!current.get(db)) startKeyFilters(db).catch(() => undefined); // a first sync fills them as it goes
  const note = noteRow(rows, blocks);
  const filters = current.get(db);
  if (filters) fold(filters, note); // an aborted write leaves more in memory than stored: a needless read, never a miss
  scheduleSave(db);
  await db.customerKeyNotes.add(note);
}

/**
 * After a restarted feed moved the kept customers from blocks to rows and dropped the rest (the caller's transaction
 * holds the customer tables, the notes and meta): the copy and the notes go, one note lists the rows' keys, and the
 * filters start again from that alone.
 */
export async function resetKeyFilters(db: TandemDatabase): Promise<void> {
  const keys = (await db.customers.toArray()).flatMap((row) => row.identityKeys);
  await db.customerKeyNotes.clear();
  await db.meta.bulkDelete([STORED_KEY, FOLDED_KEY]);
  const note = noteRow(keys, []);
  await db.customerKeyNotes.add(note);
  const filters: KeyFilters = { ...emptyFilters(), ready: true, source: 'stored', notesRead: 1 };
  fold(filters, note);
  current.set(db, filters);
  starting.delete(db);
  // (IndexedDB's own transaction, as ./blocks.ts's directory: undone, the next look-up reads what is stored.)
  Dexie.currentTransaction?.idbtrans?.addEventListener('abort', () => {
    if (current.get(db) === filters) current.delete(db);
  });
}

function scheduleSave(db: TandemDatabase): void {
  if (saveTimers.has(db)) return;
  saveTimers.set(
    db,
    setTimeout(() => {
      saveTimers.delete(db);
      saveKeyFilters(db).catch(() => undefined); // unsaved, the notes stay and the next start reads them
    }, SAVE_DELAY_MS),
  );
}

/**
 * Folds the notes into the stored copy and deletes them, in one transaction on meta and the notes (a customer write
 * holds both, so none runs meanwhile). The copy is the filters in memory (every note this object wrote, and those it
 * read) with the notes above what they have read.
 */
export async function saveKeyFilters(db: TandemDatabase): Promise<void> {
  const timer = saveTimers.get(db);
  if (timer !== undefined) clearTimeout(timer);
  saveTimers.delete(db);
  const filters = current.get(db);
  if (!filters?.ready || !db.isOpen()) return;
  await Dexie.ignoreTransaction(() =>
    db.transaction('rw', [db.meta, db.customerKeyNotes], async () => {
      if (current.get(db) !== filters) return;
      const folded = (await getMeta<number>(db, FOLDED_KEY)) ?? 0;
      if (folded > filters.readTo) {
        // Another database object folded notes this one never read (tests open two): its copy holds them.
        const other = await getMeta<unknown>(db, STORED_KEY);
        if (fitsStored(other)) {
          filters.rows.addAll(BloomFilter.ofIdentityKeys(other.rows));
          filters.blocks.addAll(BlockMap.of(other.blocks));
        }
      }
      const notes = await db.customerKeyNotes.where(':id').above(filters.readTo).toArray();
      for (const note of notes) fold(filters, note);
      const readTo = Math.max(filters.readTo, folded, notes.at(-1)?.id ?? 0);
      const stored: StoredKeyFilters = { readTo, rows: filters.rows.bits.slice(), blocks: filters.blocks.entries() };
      await setMeta(db, STORED_KEY, stored);
      await setMeta(db, FOLDED_KEY, readTo);
      await db.customerKeyNotes.where(':id').belowOrEqual(readTo).delete();
      filters.readTo = readTo;
    }),
  );
}

/** How the current filters were read (tests and the bench); undefined before they are ready. */
export function keyFiltersSource(db: TandemDatabase): 'stored' | 'keys' | undefined {
  return readyKeyFilters(db)?.source;
}

/** How many note rows the start read after the stored copy (tests and the bench); undefined before it is done. */
export function keyNotesRead(db: TandemDatabase): number | undefined {
  return readyKeyFilters(db)?.notesRead;
}

/**
 * Dexie 11's upgrade: the stored copy with `readTo` 0 (no note yet). A version 10 copy at the current generation is
 * kept as it is; any other (stale: a worker stopped before its save; version 9's two filters; none) is made from
 * every key stored, once, inside the upgrade (≈ 1.5–3 s at 100k customers in blocks).
 */
export async function upgradeKeyFilters(tx: Transaction): Promise<void> {
  const meta = tx.table<MetaRow, string>('meta');
  const [copy, generation] = await Promise.all([meta.get(STORED_KEY), meta.get(GENERATION_KEY)]);
  const old = copy?.value as { generation?: unknown; rows?: unknown; blocks?: unknown } | undefined;
  let stored: StoredKeyFilters;
  if (old && generation && old.generation === generation.value && BloomFilter.fitsIdentityKeys(old.rows) && BlockMap.fits(old.blocks))
    stored = { readTo: 0, rows: old.rows, blocks: old.blocks };
  else {
    const filters = emptyFilters();
    await readAllKeys(tx.table('customers'), tx.table('customerBlocks'), filters);
    stored = { readTo: 0, rows: filters.rows.bits, blocks: filters.blocks.entries() };
  }
  await meta.bulkPut([
    { key: STORED_KEY, value: stored },
    { key: FOLDED_KEY, value: 0 },
  ]);
  await meta.delete(GENERATION_KEY);
}
