// What interactions and customers share in blocks (many pulled records to one IndexedDB row, lib/db/interactions.ts,
// lib/db/customers.ts): one row cost a first sync 80–100 µs whatever it held, a block a fraction of that per record.
// An id lives in one place only; these helpers find the blocks holding ids, take records out of them (the text leaves
// the database, not just the index), keep the count of records in blocks, and the filter of ids a table may hold.
import Dexie, { type Table } from 'dexie';
import type { Change } from '../schema';
import { type BlockLinks, blocksLinkedTo, forgetLinks, linkRow, scheduleFold } from './block-links';
import { BlockMap } from './block-map';
import type { BlockDirectoryRow, TandemDatabase } from './database';
import { BloomFilter, idHash } from './id-filter';
import { getMeta, setMeta } from './meta';

/**
 * A block row: keyed by the feed seq of its first record; `ids` lists its records in order (multi-entry indexed, or
 * listed in the kind's directory: `BlockLayout.directory`).
 */
export interface BlockRow {
  id: number;
  ids: string[];
}

/** One kind of block: its table, where its count is kept, and how a block is made, read and cut down. */
export interface BlockLayout<B extends BlockRow, R extends { id: string }> {
  /** The synced entity (the outbox's "entity:id" keys). */
  entity: string;
  /** Records a block holds at most, and the puts a page needs to go to blocks (fewer go to rows). */
  size: number;
  min: number;
  table(db: TandemDatabase): Table<B, number>;
  /** The record table holding the same kind one a row (the other place an id may be). */
  rows(db: TandemDatabase): Table;
  /**
   * Where the blocks holding an id are found: absent, the blocks' multi-entry `ids` index; present, a directory table
   * (one row per block write, read once into memory: `blocksHoldingIds`), which spares a first sync an index entry
   * per record. Transactions reading or writing the blocks hold it too.
   */
  directory?(db: TandemDatabase): Table<BlockDirectoryRow, number>;
  /** What the blocks' records link to, found without an index (./block-links.ts: interactions' customers and cases). */
  links?: BlockLinks<R>;
  /** Meta key of the count of records in blocks (counting a blocks' id index in Chromium took ≈ 25 s at 200k). */
  countKey: string;
  /** The record at position `i` of the block. */
  record(block: B, i: number): R;
  /** The version of the record at position `i`, read without the whole record where the block allows. */
  version(block: B, i: number): number;
  /** The block holding only the records at these positions (in order). */
  keepOnly(block: B, positions: readonly number[]): B;
  blockOf(id: number, records: R[]): B;
  /** A pulled record as its row or block stores it. */
  stored(record: Change['record']): R;
  /** The order a page's puts fill blocks in (feed order when absent). */
  order?(puts: Array<{ seq: number; record: R }>): Array<{ seq: number; record: R }>;
}

export async function countInBlocks(db: TandemDatabase, countKey: string, delta: number): Promise<void> {
  if (delta !== 0) await setMeta(db, countKey, Math.max(0, ((await getMeta<number>(db, countKey)) ?? 0) + delta));
}

/** A kind's tables: its rows, its blocks and, where it has them, its directory and its links. */
export function blockTables<B extends BlockRow, R extends { id: string }>(db: TandemDatabase, layout: BlockLayout<B, R>): Table[] {
  return [layout.rows(db), layout.table(db), ...(layout.directory ? [layout.directory(db)] : []), ...(layout.links ? [layout.links.table(db)] : [])];
}

/**
 * The blocks that may hold a record linking to any of these values by `name` (./block-links.ts), each read once;
 * callers keep the records that match. The caller's transaction holds `blockTables`.
 */
export async function blocksLinked<B extends BlockRow, R extends { id: string }>(
  db: TandemDatabase,
  layout: BlockLayout<B, R>,
  name: string,
  values: readonly string[],
): Promise<B[]> {
  if (!layout.links?.of[name]) throw new Error(`${layout.entity} blocks have no ${name} links`);
  if (values.length === 0) return [];
  const keys = await blocksLinkedTo(db, layout.links, name, values);
  if (keys.length === 0) return [];
  return (await layout.table(db).bulkGet(keys)).filter((b): b is B => b !== undefined);
}

/**
 * Reads a kind's row table and blocks (and meta, where asked) in one read transaction: a pull moving a record between
 * them is never seen half done, as two separate reads would (a record hidden from both).
 */
export function readRowsAndBlocks<T, B extends BlockRow, R extends { id: string }>(
  db: TandemDatabase,
  layout: BlockLayout<B, R>,
  read: () => Promise<T>,
  alsoMeta = false,
): Promise<T> {
  return db.transaction('r', [...blockTables(db, layout), ...(alsoMeta ? [db.meta] : [])], read);
}

/** How many records of a kind are cached: its rows, and the count kept of those in blocks (an id is in one place only). */
export async function countCached<B extends BlockRow, R extends { id: string }>(db: TandemDatabase, layout: BlockLayout<B, R>): Promise<number> {
  const [rows, inBlocks] = await readRowsAndBlocks(db, layout, () => Promise.all([layout.rows(db).count(), getMeta<number>(db, layout.countKey)]), true);
  return rows + (inBlocks ?? 0);
}

/** Each block once: a multi-entry index answers a block once per matching entry. */
export function distinctBlocks<B extends BlockRow>(blocks: readonly B[]): B[] {
  return [...new Map(blocks.map((b) => [b.id, b])).values()];
}

/**
 * The blocks holding any of these values of a multi-entry index, each read once: `anyOf(…).toArray()` reads and
 * deserialises a block once per matching entry (the queue's effort read of 500 open cases over 400 blocks loaded each
 * block ≈ 12 times: 3–5 s at 20k interactions), its keys only once.
 */
export async function blocksHoldingAny<B extends BlockRow>(table: Table<B, number>, index: string, values: readonly string[]): Promise<B[]> {
  if (values.length === 0) return [];
  const keys = [...new Set(await table.where(index).anyOf(values).primaryKeys())];
  if (keys.length === 0) return [];
  return (await table.bulkGet(keys)).filter((b): b is B => b !== undefined);
}

/**
 * Takes the records at the positions `taken` picks out of their blocks (a block left empty goes) and answers them.
 * The block is read, cut and written back in the caller's transaction (which holds the table and meta).
 */
export async function takeFromBlocks<B extends BlockRow, R extends { id: string }>(
  db: TandemDatabase,
  layout: BlockLayout<B, R>,
  blocks: readonly B[],
  taken: (block: B, i: number) => boolean,
): Promise<R[]> {
  const out: R[] = [];
  const rewritten: B[] = [];
  const emptied: number[] = [];
  for (const block of distinctBlocks(blocks)) {
    const kept: number[] = [];
    block.ids.forEach((_, i) => {
      if (taken(block, i)) out.push(layout.record(block, i));
      else kept.push(i);
    });
    if (kept.length === block.ids.length) continue;
    if (kept.length === 0) emptied.push(block.id);
    else rewritten.push(layout.keepOnly(block, kept));
  }
  const table = layout.table(db);
  if (rewritten.length > 0) await table.bulkPut(rewritten);
  if (emptied.length > 0) await table.bulkDelete(emptied);
  await countInBlocks(db, layout.countKey, -out.length);
  return out;
}

/**
 * A kind's directory in memory: block keys by the hash of each id listed (./block-map.ts). A hash shared by two ids,
 * like a stale entry, costs one block read that finds nothing; an id listed is never missed.
 */
class BlockDirectory {
  readonly blocks = new BlockMap();
  /** The highest directory row read: rows above it are read on the next look-up (another writer's, or this one's). */
  readTo = 0;

  add(row: BlockDirectoryRow): void {
    const { idHashes, blockKeys } = row;
    for (let i = 0; i < idHashes.length; i++) this.blocks.add(idHashes[i]!, blockKeys[i]!);
    this.readTo = Math.max(this.readTo, row.id ?? 0);
  }

  blocksOf(id: string, into: Set<number>): void {
    this.blocks.blocksOf(idHash(id), into);
  }
}

/** The directory row listing these blocks' ids. */
function directoryRow(blocks: readonly BlockRow[]): BlockDirectoryRow {
  const count = blocks.reduce((n, b) => n + b.ids.length, 0);
  const [idHashes, blockKeys] = [new Int32Array(count), new Float64Array(count)];
  let i = 0;
  for (const block of blocks)
    for (const id of block.ids) {
      idHashes[i] = idHash(id);
      blockKeys[i++] = block.id;
    }
  return { idHashes, blockKeys };
}

const directories = new WeakMap<TandemDatabase, Map<string, BlockDirectory>>();

/**
 * The kind's directory, brought up to date in the caller's transaction (which holds it): the whole table on a worker's
 * first look-up (measured at 200k interactions in docs/offline-sync.md), the rows written since on the next ones.
 */
async function directoryOf<B extends BlockRow, R extends { id: string }>(
  db: TandemDatabase,
  layout: BlockLayout<B, R>,
  table: Table<BlockDirectoryRow, number>,
): Promise<BlockDirectory> {
  let byKind = directories.get(db);
  if (!byKind) directories.set(db, (byKind = new Map()));
  const kinds = byKind;
  let directory = kinds.get(layout.countKey);
  if (!directory) kinds.set(layout.countKey, (directory = new BlockDirectory()));
  const rows = await table.where(':id').above(directory.readTo).toArray();
  if (rows.length > 0) {
    for (const row of rows) directory.add(row);
    // A row this transaction wrote and read vanishes if it aborts, and its key is generated again: read all afresh.
    const current = directory;
    // (IndexedDB's own transaction: a Dexie sub-transaction shares it, and hears no abort of its parent.)
    Dexie.currentTransaction?.idbtrans?.addEventListener('abort', () => {
      if (kinds.get(layout.countKey) === current) kinds.delete(layout.countKey);
    });
  }
  return directory;
}

/** After a kind's blocks and directory are cleared: the next look-up reads the (empty) table again. */
function forgetDirectory<B extends BlockRow, R extends { id: string }>(db: TandemDatabase, layout: BlockLayout<B, R>): void {
  directories.get(db)?.delete(layout.countKey);
}

/**
 * The blocks that may hold any of these ids, each read once: through the kind's directory (some may hold none of them:
 * callers check the block's `ids`) or its `ids` index. The caller's transaction holds `blockTables`.
 */
export async function blocksHoldingIds<B extends BlockRow, R extends { id: string }>(
  db: TandemDatabase,
  layout: BlockLayout<B, R>,
  ids: readonly string[],
): Promise<B[]> {
  if (!layout.directory) return blocksHoldingAny(layout.table(db), 'ids', ids);
  if (ids.length === 0) return [];
  const directory = await directoryOf(db, layout, layout.directory(db));
  const keys = new Set<number>();
  for (const id of ids) directory.blocksOf(id, keys);
  if (keys.size === 0) return [];
  return (await layout.table(db).bulkGet([...keys])).filter((b): b is B => b !== undefined);
}

/** Removes these ids from every block holding them; answers the copies removed. */
export async function removeIdsFromBlocks<B extends BlockRow, R extends { id: string }>(
  db: TandemDatabase,
  layout: BlockLayout<B, R>,
  ids: readonly string[],
): Promise<R[]> {
  if (ids.length === 0) return [];
  const wanted = new Set(ids);
  const blocks = await blocksHoldingIds(db, layout, [...wanted]);
  return takeFromBlocks(db, layout, blocks, (b, i) => wanted.has(b.ids[i]!));
}

/** The newest copy of each id (a block and a row should never both hold one; if they do the newer wins). */
export function newestById<R extends { id: string; version: number }>(records: Iterable<R>): R[] {
  const byId = new Map<string, R>();
  for (const r of records) {
    const seen = byId.get(r.id);
    if (!seen || seen.version < r.version) byId.set(r.id, r);
  }
  return [...byId.values()];
}

/**
 * Every id a kind's row table or blocks may hold, per database object (the background opens one and is the only
 * writer): a filter that never misses a stored id (lib/db/id-filter.ts), kept by every write (a failed transaction
 * leaves it larger, never smaller). A first sync's pages look up the other copies of only the ids it may hold: those
 * the pass stored before, a record that changed mid-sync. Read from the keys on the first page that needs it, so a
 * restarted worker resuming a first sync starts from what is stored.
 */
const storedIds = new WeakMap<TandemDatabase, Map<string, BloomFilter>>();

export async function idsStored<B extends BlockRow, R extends { id: string }>(db: TandemDatabase, layout: BlockLayout<B, R>): Promise<BloomFilter> {
  let byKind = storedIds.get(db);
  if (!byKind) storedIds.set(db, (byKind = new Map()));
  let ids = byKind.get(layout.countKey);
  if (!ids) {
    const directory = layout.directory?.(db);
    const [rows, inBlocks] = await Promise.all([
      layout.rows(db).toCollection().primaryKeys(),
      directory ? directory.toArray() : layout.table(db).orderBy('ids').uniqueKeys(),
    ]);
    ids = BloomFilter.ofIds();
    for (const id of rows) ids.add(id as string);
    for (const entry of inBlocks) {
      if (typeof entry === 'string') ids.add(entry);
      else for (const h of (entry as BlockDirectoryRow).idHashes) ids.addHash(h);
    }
    byKind.set(layout.countKey, ids);
  }
  return ids;
}

/** Before a write stores these ids (the filter only grows; one read later from the keys needs no note). */
export function noteStored<B extends BlockRow, R extends { id: string }>(db: TandemDatabase, layout: BlockLayout<B, R>, ids: Iterable<string>): void {
  const known = storedIds.get(db)?.get(layout.countKey);
  if (known) for (const id of ids) known.add(id);
}

/** Off the fast path the filter is not needed: its memory goes, and it is read again from the keys if the fast path returns. */
export function forgetStored<B extends BlockRow, R extends { id: string }>(db: TandemDatabase, layout: BlockLayout<B, R>): void {
  storedIds.get(db)?.delete(layout.countKey);
}

/**
 * Blocks of at most `layout.size` records in the given order, each keyed by its first record's seq; a block already
 * stored under the same key (a page written again: a replay, or other page bounds after a resume) takes the new
 * records after its own. `fresh`: no stored block can have such a key (a pulled-only page: every stored block is keyed
 * by a seq at or below the stored cursor, every record of the page is after it), so none is read (≈ 2 ms a page).
 * Written, and counted, in the caller's transaction.
 */
async function putBlocks<B extends BlockRow, R extends { id: string }>(
  db: TandemDatabase,
  layout: BlockLayout<B, R>,
  puts: ReadonlyArray<{ seq: number; record: R }>,
  fresh: boolean,
): Promise<void> {
  const rows: B[] = [];
  for (let from = 0; from < puts.length; from += layout.size) {
    const slice = puts.slice(from, from + layout.size);
    rows.push(
      layout.blockOf(
        slice[0]!.seq,
        slice.map((p) => p.record),
      ),
    );
  }
  const table = layout.table(db);
  const all = (block: B) => block.ids.map((_, k) => layout.record(block, k));
  const clashing = fresh ? [] : await table.bulkGet(rows.map((b) => b.id));
  const written = rows.map((b, i) => (clashing[i] ? layout.blockOf(b.id, [...all(clashing[i]), ...all(b)]) : b));
  await table.bulkPut(written);
  // The directory commits with the blocks it lists (a killed worker's page is in both or neither).
  if (layout.directory) await layout.directory(db).add(directoryRow(written));
  if (layout.links) {
    const links = layout.links;
    await links.table(db).add(
      linkRow(
        links.of,
        written.map((b) => ({ id: b.id, records: all(b) })),
      ),
    );
    scheduleFold(db, links);
  }
  await countInBlocks(db, layout.countKey, puts.length);
}

/**
 * Writes a page's changes of one kind (the caller's transaction holds its row table, its blocks and meta). `readFirst`
 * false: the cached copies are all older (this pass pulled them, in feed order), so no version is compared, and only
 * the ids the pass may have stored already (`idsStored`) are looked up to remove their other copy. From `layout.min`
 * puts on, the page goes to blocks; fewer go to rows. Either way no other copy of a written or deleted id is left.
 * Within the page an id's last change wins. `skip` holds "entity:id" keys of records with unconfirmed local writes.
 */
export async function writePulledChanges<B extends BlockRow, R extends { id: string }>(
  db: TandemDatabase,
  layout: BlockLayout<B, R>,
  list: readonly Change[],
  skip: ReadonlySet<string>,
  readFirst: boolean,
): Promise<void> {
  const rowsTable = layout.rows(db);
  const lastById = new Map<string, Change>();
  for (const change of list) {
    lastById.delete(change.record.id); // re-inserted: the map keeps feed order by each id's last change
    lastById.set(change.record.id, change);
  }
  const ids = [...lastById.keys()];
  if (readFirst) forgetStored(db, layout);
  const known = readFirst ? null : await idsStored(db, layout);
  const maybeHeld = known ? ids.filter((id) => known.mayHold(id)) : ids;
  const rowsHeld = (readFirst ? await rowsTable.bulkGet(ids) : []) as Array<{ id: string; version: number } | undefined>;
  const blocks = await blocksHoldingIds(db, layout, maybeHeld);
  const held = new Map<string, number>();
  const hold = (id: string, version: number) => {
    held.set(id, Math.max(held.get(id) ?? 0, version));
  };
  for (const r of rowsHeld) if (r) hold(r.id, r.version);
  for (const b of blocks) for (const [i, id] of b.ids.entries()) hold(id, layout.version(b, i));
  const puts: Array<{ seq: number; record: R }> = [];
  const deletes: string[] = [];
  for (const change of lastById.values()) {
    const id = change.record.id;
    // The record left the caller's teams: it goes, whatever this device holds or has queued (docs/sync-protocol.md "Lost access").
    if ('revoked' in change && change.revoked) {
      deletes.push(id);
      continue;
    }
    if (readFirst && (held.get(id) ?? 0) > change.record.version) continue;
    // A record with a write still in the outbox keeps the agent's version until the push answers.
    if (skip.has(`${layout.entity}:${id}`)) continue;
    if (change.record.deleted) deletes.push(id);
    else puts.push({ seq: change.seq, record: layout.stored(change.record) });
  }
  const written = new Set([...deletes, ...puts.map((p) => p.record.id)]);
  if (written.size === 0) return;
  noteStored(
    db,
    layout,
    puts.map((p) => p.record.id),
  );
  const inBlocks = blocks.filter((b) => b.ids.some((id) => written.has(id)));
  if (inBlocks.length > 0) await takeFromBlocks(db, layout, inBlocks, (b, i) => written.has(b.ids[i]!));
  if (puts.length >= layout.min) {
    // Rows of these ids (earlier small pages, or any when read first) go; blocks take the page.
    const inRows = readFirst
      ? rowsHeld.flatMap((r) => (r && written.has(r.id) ? [r.id] : []))
      : maybeHeld.length > 0
        ? await rowsTable
            .where(':id')
            .anyOf(maybeHeld.filter((id) => written.has(id)))
            .primaryKeys()
        : [];
    if (inRows.length > 0) await rowsTable.bulkDelete(inRows);
    await putBlocks(db, layout, layout.order ? layout.order(puts) : puts, !readFirst);
  } else if (puts.length > 0) {
    await rowsTable.bulkPut(puts.map((p) => p.record));
  }
  if (deletes.length > 0) await rowsTable.bulkDelete(deletes);
}

/** Whether a kind holds no record, in rows or blocks (one key read per table). */
export async function noneCached<B extends BlockRow, R extends { id: string }>(db: TandemDatabase, layout: BlockLayout<B, R>): Promise<boolean> {
  const [rows, blocks] = [layout.rows(db), layout.table(db)];
  const [aRow, aBlock] = await db.transaction('r', [rows, blocks], () =>
    Promise.all([rows.toCollection().limit(1).primaryKeys(), blocks.toCollection().limit(1).primaryKeys()]),
  );
  return aRow.length === 0 && aBlock.length === 0;
}

/**
 * Drops every cached record of a kind but those in `keep` (their ids), which stay as rows; a restarted change feed.
 * The caller's transaction holds the kind's `blockTables` and meta.
 */
export async function dropAllExcept<B extends BlockRow, R extends { id: string }>(
  db: TandemDatabase,
  layout: BlockLayout<B, R>,
  keep: ReadonlySet<string>,
): Promise<void> {
  const [rows, table] = [layout.rows(db), layout.table(db)];
  const kept: R[] = [];
  for (const block of await blocksHoldingIds(db, layout, [...keep]))
    for (const [i, id] of block.ids.entries()) if (keep.has(id)) kept.push(layout.record(block, i));
  await table.clear();
  if (layout.directory) {
    await layout.directory(db).clear();
    forgetDirectory(db, layout);
  }
  if (layout.links) {
    await layout.links.table(db).clear();
    forgetLinks(db, layout.links);
  }
  await setMeta(db, layout.countKey, 0);
  await rows.bulkPut(kept);
  const ids = (await rows.toCollection().primaryKeys()) as string[];
  await rows.bulkDelete(ids.filter((id) => !keep.has(id)));
}
