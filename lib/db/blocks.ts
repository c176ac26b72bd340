// What interactions and customers share in blocks (many pulled records to one IndexedDB row, lib/db/interactions.ts,
// lib/db/customers.ts): one row cost a first sync 80–100 µs whatever it held, a block a fraction of that per record.
// An id lives in one place only; these helpers find the blocks holding ids, take records out of them (the text leaves
// the database, not just the index), keep the count of records in blocks, and the filter of ids a table may hold.
import type { Table } from 'dexie';
import type { TandemDatabase } from './database';
import { IdFilter } from './id-filter';
import { getMeta, setMeta } from './meta';

/** A block row: keyed by the feed seq of its first record; `ids` (multi-entry indexed) lists its records in order. */
export interface BlockRow {
  id: number;
  ids: string[];
}

/** One kind of block: its table, where its count is kept, and how a block is read and cut down. */
export interface BlockLayout<B extends BlockRow, R> {
  table(db: TandemDatabase): Table<B, number>;
  /** The record table holding the same kind one a row (the other place an id may be). */
  rows(db: TandemDatabase): Table;
  /** Meta key of the count of records in blocks (counting a blocks' id index in Chromium took ≈ 25 s at 200k). */
  countKey: string;
  /** The record at position `i` of the block. */
  record(block: B, i: number): R;
  /** The block holding only the records at these positions (in order). */
  keepOnly(block: B, positions: readonly number[]): B;
}

export async function countInBlocks(db: TandemDatabase, countKey: string, delta: number): Promise<void> {
  if (delta !== 0) await setMeta(db, countKey, Math.max(0, ((await getMeta<number>(db, countKey)) ?? 0) + delta));
}

export async function storedCountInBlocks(db: TandemDatabase, countKey: string): Promise<number> {
  return (await getMeta<number>(db, countKey)) ?? 0;
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
  return (await table.bulkGet(keys)).filter((b): b is B => b !== undefined);
}

/**
 * Takes the records at the positions `taken` picks out of their blocks (a block left empty goes) and answers them.
 * The block is read, cut and written back in the caller's transaction (which holds the table and meta).
 */
export async function takeFromBlocks<B extends BlockRow, R>(
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

/** Removes these ids from every block holding them; answers the copies removed. */
export async function removeIdsFromBlocks<B extends BlockRow, R>(db: TandemDatabase, layout: BlockLayout<B, R>, ids: readonly string[]): Promise<R[]> {
  if (ids.length === 0) return [];
  const wanted = new Set(ids);
  const blocks = await blocksHoldingAny(layout.table(db), 'ids', [...wanted]);
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
const storedIds = new WeakMap<TandemDatabase, Map<string, IdFilter>>();

export async function idsStored<B extends BlockRow, R>(db: TandemDatabase, layout: BlockLayout<B, R>): Promise<IdFilter> {
  let byKind = storedIds.get(db);
  if (!byKind) storedIds.set(db, (byKind = new Map()));
  let ids = byKind.get(layout.countKey);
  if (!ids) {
    const [rows, inBlocks] = await Promise.all([layout.rows(db).toCollection().primaryKeys(), layout.table(db).orderBy('ids').uniqueKeys()]);
    ids = new IdFilter();
    for (const id of [...rows, ...(inBlocks as string[])]) ids.add(id as string);
    byKind.set(layout.countKey, ids);
  }
  return ids;
}

/** Before a write stores these ids (the filter only grows; one read later from the keys needs no note). */
export function noteStored<B extends BlockRow, R>(db: TandemDatabase, layout: BlockLayout<B, R>, ids: Iterable<string>): void {
  const known = storedIds.get(db)?.get(layout.countKey);
  if (known) for (const id of ids) known.add(id);
}

/** Off the fast path the filter is not needed: its memory goes, and it is read again from the keys if the fast path returns. */
export function forgetStored<B extends BlockRow, R>(db: TandemDatabase, layout: BlockLayout<B, R>): void {
  storedIds.get(db)?.delete(layout.countKey);
}

/**
 * Blocks of at most `size` records in the given order, each keyed by its first record's seq; a block already stored
 * under the same key (a page written again: a replay, or other page bounds after a resume) takes the new records after
 * its own. Written, and counted, in the caller's transaction.
 */
export async function putBlocks<B extends BlockRow, R, P extends { seq: number; record: R }>(
  db: TandemDatabase,
  layout: BlockLayout<B, R>,
  puts: readonly P[],
  size: number,
  blockOf: (id: number, records: R[]) => B,
): Promise<void> {
  const rows: B[] = [];
  for (let from = 0; from < puts.length; from += size) {
    const slice = puts.slice(from, from + size);
    rows.push(
      blockOf(
        slice[0]!.seq,
        slice.map((p) => p.record),
      ),
    );
  }
  const table = layout.table(db);
  const clashing = await table.bulkGet(rows.map((b) => b.id));
  await table.bulkPut(
    rows.map((b, i) => {
      const old = clashing[i];
      return old ? blockOf(b.id, [...old.ids.map((_, k) => layout.record(old, k)), ...b.ids.map((_, k) => layout.record(b, k))]) : b;
    }),
  );
  await countInBlocks(db, layout.countKey, puts.length);
}
