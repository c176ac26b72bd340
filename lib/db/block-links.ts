// What a kind's blocks link to, by link name (interactions: their customers and their cases), without a multi-entry
// index on the blocks: `*customerIds` cost a first sync ≈ 1 index entry an interaction, ≈ 20 µs of its ≈ 39 µs write in
// Chromium (bench:sync:idb). Every block write adds one row here, in its own transaction: for each block, the 31-bit
// hashes (`idHash`) of what its records link to. A read scans the rows it holds in memory (≈ 0.3 ms at 200k) and reads
// only the rows written since. A fold, 2 s after the last write, merges the rows into one and drops blocks that are
// gone, so a woken worker's first timeline reads ≈ 0.85 MB for 200k interactions, not a row per page written.
// A superset, like the directory (./blocks.ts): a shared hash, or a block rewritten without the record, costs one block
// read whose records the caller filters.
import Dexie, { type Table } from 'dexie';
import type { BlockMapEntries } from './block-map';
import type { TandemDatabase } from './database';
import { idHash } from './id-filter';

/** One block write's links (or a fold of many): per link name, the hashes each block links to, grouped by block. */
export interface BlockLinkRow {
  /** Auto-incremented: a reader catches up with the rows above the last it read. */
  id?: number;
  links: Record<string, BlockMapEntries>;
  /** A fold: it holds every row up to this id, which it replaced. */
  folds?: number;
}

/** How a kind's blocks link: its link table and, by name, what a record links to (null: nothing). */
export interface BlockLinks<R> {
  table(db: TandemDatabase): Table<BlockLinkRow, number>;
  /** The kind's blocks (a fold keeps the entries of blocks still stored). */
  blocks(db: TandemDatabase): Table<unknown, number>;
  of: Readonly<Record<string, (record: R) => string | null>>;
}

/** The links of these blocks (each given with its records), as one row. */
export function linkRow<R>(of: BlockLinks<R>['of'], blocks: ReadonlyArray<{ id: number; records: readonly R[] }>): BlockLinkRow {
  const row: BlockLinkRow = { links: {} };
  for (const [name, linkOf] of Object.entries(of)) {
    const hashes: number[] = [];
    const counts = new Uint32Array(blocks.length);
    blocks.forEach((block, b) => {
      const seen = new Set<number>();
      for (const record of block.records) {
        const linked = linkOf(record);
        if (linked !== null) seen.add(idHash(linked));
      }
      counts[b] = seen.size;
      hashes.push(...seen);
    });
    row.links[name] = { hashes: Int32Array.from(hashes), blocks: Float64Array.from(blocks, (b) => b.id), counts };
  }
  return row;
}

/** The rows a database object has read, by row id; `readTo` the highest. */
interface LinksRead {
  rows: Map<number, BlockLinkRow>;
  readTo: number;
}

const read = new WeakMap<TandemDatabase, Map<Table, LinksRead>>();

/**
 * The table's rows, brought up to date in the caller's transaction (which holds the table). Dexie's own promise, not
 * an async function's: a chain of native awaits inside a transaction loses Dexie's zone (PrematureCommitError).
 */
function linksRead<R>(db: TandemDatabase, links: BlockLinks<R>): Promise<LinksRead> {
  const table = links.table(db);
  let byTable = read.get(db);
  if (!byTable) read.set(db, (byTable = new Map()));
  const tables = byTable;
  let known = tables.get(table);
  if (!known) tables.set(table, (known = { rows: new Map(), readTo: 0 }));
  const current = known;
  return table
    .where(':id')
    .above(current.readTo)
    .toArray()
    .then((rows) => {
      if (rows.length === 0) return current;
      for (const row of rows) {
        if (row.folds !== undefined) for (const id of current.rows.keys()) if (id <= row.folds) current.rows.delete(id);
        current.rows.set(row.id!, row);
        current.readTo = Math.max(current.readTo, row.id!);
      }
      // A row this transaction wrote and read vanishes if it aborts, and its key is generated again: read all afresh.
      Dexie.currentTransaction?.idbtrans?.addEventListener('abort', () => {
        if (tables.get(table) === current) tables.delete(table);
      });
      if (current.rows.size > FOLD_AFTER_ROWS) scheduleFold(db, links);
      return current;
    });
}

/**
 * The keys of the blocks linking to any of these values by `name`; the caller's transaction holds the link table.
 * May list blocks that hold none (or no longer exist): callers read them and keep the records that match.
 */
export function blocksLinkedTo<R>(db: TandemDatabase, links: BlockLinks<R>, name: string, values: readonly string[]): Promise<number[]> {
  const wanted = new Set(values.map(idHash));
  return linksRead(db, links).then(({ rows }) => {
    const keys = new Set<number>();
    for (const row of rows.values()) {
      const entries = row.links[name];
      if (!entries) continue;
      const { hashes, blocks, counts } = entries;
      // One value (a timeline): a compare per entry, ≈ 10× cheaper than a Set's look-up.
      const only = wanted.size === 1 ? [...wanted][0]! : -1;
      for (let b = 0, i = 0; b < blocks.length; b++) {
        const end = i + counts[b]!;
        for (; i < end; i++)
          if (only === -1 ? wanted.has(hashes[i]!) : hashes[i] === only) {
            keys.add(blocks[b]!);
            break;
          }
        i = end;
      }
    }
    return [...keys];
  });
}

/** Forgets what was read (the table was cleared: a restarted feed). */
export function forgetLinks<R>(db: TandemDatabase, links: BlockLinks<R>): void {
  read.get(db)?.delete(links.table(db));
}

/** Rows a reader holds before it asks for a fold (a worker stopped before its fold leaves them). */
const FOLD_AFTER_ROWS = 16;
/** The fold waits for writes to pause this long (a first sync writes a row every page). */
export const FOLD_DELAY_MS = 2000;
const foldTimers = new WeakMap<TandemDatabase, Map<Table, ReturnType<typeof setTimeout>>>();

/** After a write: the rows are folded once writes pause. */
export function scheduleFold<R>(db: TandemDatabase, links: BlockLinks<R>): void {
  const table = links.table(db);
  let timers = foldTimers.get(db);
  if (!timers) foldTimers.set(db, (timers = new Map()));
  const waiting = timers;
  clearTimeout(waiting.get(table));
  waiting.set(
    table,
    setTimeout(() => {
      waiting.delete(table);
      // Best effort: a closed database or a full disk leaves the rows as they are, each still read.
      if (db.isOpen()) void foldLinks(db, links).catch(() => undefined);
    }, FOLD_DELAY_MS),
  );
}

/**
 * Merges every row into one, keeping only blocks still stored (one transaction: a reader sees the rows or the fold).
 * Answers how many rows it replaced.
 */
export async function foldLinks<R>(db: TandemDatabase, links: BlockLinks<R>): Promise<number> {
  const [table, blockTable] = [links.table(db), links.blocks(db)];
  return db.transaction('rw', [table, blockTable], async () => {
    const rows = await table.toArray();
    if (rows.length < 2) return 0;
    const live = new Set((await blockTable.toCollection().primaryKeys()) as number[]);
    const folded: BlockLinkRow = { links: {}, folds: Math.max(...rows.map((r) => r.id!)) };
    for (const name of Object.keys(links.of)) {
      const [hashes, blocks, counts]: [number[], number[], number[]] = [[], [], []];
      for (const row of rows) {
        const entries = row.links[name];
        if (!entries) continue;
        for (let b = 0, i = 0; b < entries.blocks.length; b++) {
          const end = i + entries.counts[b]!;
          if (live.has(entries.blocks[b]!)) {
            blocks.push(entries.blocks[b]!);
            counts.push(end - i);
            for (let k = i; k < end; k++) hashes.push(entries.hashes[k]!);
          }
          i = end;
        }
      }
      folded.links[name] = { hashes: Int32Array.from(hashes), blocks: Float64Array.from(blocks), counts: Uint32Array.from(counts) };
    }
    await table.bulkDelete(rows.map((r) => r.id!));
    await table.add(folded);
    return rows.length;
  });
}
