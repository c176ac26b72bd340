// Interactions live in two tables: `interactions`, one row each (local writes, push answers, small pulled pages), and
// `interactionBlocks`, many pulled interactions to a row (a first sync's bulk). An id is in at most one of them: every
// write of an interaction removes the copies the other table or an older block held, so erased or deleted text never
// survives in a block. Everything that reads or writes interactions goes through this module.
import Dexie, { type Table } from 'dexie';
import type { Change, Interaction } from '../schema';
import {
  type BlockLayout,
  blocksHoldingIds,
  blocksLinked as blocksLinkedOf,
  blockTables,
  countCached,
  distinctBlocks,
  dropAllExcept,
  newestById,
  noneCached,
  noteStored,
  readRowsAndBlocks,
  removeIdsFromBlocks,
  takeFromBlocks as takeFromBlocksOf,
  writePulledChanges,
} from './blocks';
import { INTERACTION_LINKS, type InteractionBlockRow, type TandemDatabase } from './database';

/** Interactions a block holds at most: a timeline read loads every block holding one of the customer's interactions. */
export const BLOCK_SIZE = 50;

/** A page writes blocks from this many interactions on; fewer go to rows, dearer in bulk but cheaper to change one by one. */
export const BLOCK_MIN = 100;

/** How many interactions the blocks hold, kept in meta by every block write (the callers' transactions hold meta). */
const IN_BLOCKS_KEY = 'interactions.inBlocks';

const layout: BlockLayout<InteractionBlockRow, Interaction> = {
  entity: 'interactions',
  size: BLOCK_SIZE,
  min: BLOCK_MIN,
  table: (db) => db.interactionBlocks,
  rows: (db) => db.interactions,
  // No `*ids` index (Dexie 9): ≈ 50 index entries a block, ≈ 5 µs of each interaction's first-sync write.
  directory: (db) => db.interactionDirectory,
  // Nor `*customerIds` / `*caseIds` (Dexie 12): ≈ 1 index entry an interaction; ./block-links.ts lists both.
  links: {
    table: (db) => db.interactionLinks,
    blocks: (db) => db.interactionBlocks,
    of: INTERACTION_LINKS,
  },
  countKey: IN_BLOCKS_KEY,
  record: (block, i) => block.records[i]!,
  version: (block, i) => block.records[i]!.version,
  keepOnly: (block, positions) =>
    blockOf(
      block.id,
      positions.map((i) => block.records[i]!),
    ),
  blockOf,
  stored: (record) => record as Interaction,
  // Interactions filed under a case go first, grouped by case, so they fill few blocks: the queue's effort read of
  // every open case loads the blocks holding any of theirs (the probe: 100 of 400 blocks instead of all 400).
  order: (puts) => [...puts.filter((p) => p.record.caseId !== null).sort(byCase), ...puts.filter((p) => p.record.caseId === null)],
};

/** The blocks that may hold an interaction of these customers or cases (callers keep those that match). */
function blocksLinked(db: TandemDatabase, link: 'customer' | 'case', values: readonly string[]): Promise<InteractionBlockRow[]> {
  return blocksLinkedOf(db, layout, link, values);
}

/** Takes the matching interactions out of their blocks (lib/db/blocks.ts) and answers them. */
function takeFromBlocks(db: TandemDatabase, blocks: readonly InteractionBlockRow[], taken: (r: Interaction) => boolean): Promise<Interaction[]> {
  return takeFromBlocksOf(db, layout, blocks, (b, i) => taken(b.records[i]!));
}

/** Removes these ids from every block holding them; answers the copies removed. */
export function removeFromBlocks(db: TandemDatabase, ids: readonly string[]): Promise<Interaction[]> {
  return removeIdsFromBlocks(db, layout, ids);
}

/** The tables an interaction write needs in its transaction, besides meta (the count in blocks), which every caller's holds. */
export function interactionTables(db: TandemDatabase): Table[] {
  return blockTables(db, layout);
}

function blockOf(id: number, records: Interaction[]): InteractionBlockRow {
  return {
    id,
    ids: records.map((r) => r.id),
    records,
  };
}

/**
 * Reads both tables in one read transaction (lib/db/blocks.ts): a pull moving an interaction from a block to a row
 * between two separate reads would otherwise hide it from both (the stale-send guard then took it for a new reply).
 */
function readTogether<T>(db: TandemDatabase, read: () => Promise<T>): Promise<T> {
  return readRowsAndBlocks(db, layout, read);
}

/** The cached interaction, wherever it is stored. */
export async function interactionById(db: TandemDatabase, id: string): Promise<Interaction | undefined> {
  const [row, blocks] = await readTogether(db, () => Promise.all([db.interactions.get(id), blocksHoldingIds(db, layout, [id])]));
  const copies = [...(row ? [row] : []), ...blocks.flatMap((b) => b.records.filter((r) => r.id === id))];
  return newestById(copies)[0];
}

/** Every cached interaction, tombstones aside (exports, tests, storage trimming). */
export async function allInteractions(db: TandemDatabase): Promise<Interaction[]> {
  const [rows, blocks] = await readTogether(db, () => Promise.all([db.interactions.toArray(), db.interactionBlocks.toArray()]));
  return newestById([...rows, ...blocks.flatMap((b) => b.records)]).filter((i) => !i.deleted);
}

/** How many interactions are cached: rows, and the count kept of those in blocks (an id is in one place only). */
export function countInteractions(db: TandemDatabase): Promise<number> {
  return countCached(db, layout);
}

/**
 * Rows and blocks read together: the rows (already filtered by their index) and the interactions of the blocks that
 * `kept` matches, the newest copy of each id, tombstones aside.
 */
async function rowsAndBlocks(
  db: TandemDatabase,
  readRows: () => Promise<Interaction[]>,
  readBlocks: () => Promise<InteractionBlockRow[]>,
  kept: (r: Interaction) => boolean,
): Promise<Interaction[]> {
  const [rows, blocks] = await readTogether(db, () => Promise.all([readRows(), readBlocks()]));
  const inBlocks = distinctBlocks(blocks).flatMap((b) => b.records.filter(kept));
  return inBlocks.length === 0 ? rows : newestById([...rows, ...inBlocks]);
}

/** A customer's interactions across channels, newest first. */
export async function timelineForCustomer(db: TandemDatabase, customerId: string, limit = 50): Promise<Interaction[]> {
  const all = await rowsAndBlocks(
    db,
    () => db.interactions.where('[customerId+occurredAt]').between([customerId, Dexie.minKey], [customerId, Dexie.maxKey]).reverse().limit(limit).toArray(),
    () => blocksLinked(db, 'customer', [customerId]),
    (r) => r.customerId === customerId,
  );
  return all
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
    .slice(0, limit)
    .filter((i) => !i.deleted);
}

/** The interactions filed under these cases (the queue's effort per case), in no particular order. */
export async function interactionsForCases(db: TandemDatabase, caseIds: readonly string[]): Promise<Interaction[]> {
  if (caseIds.length === 0) return [];
  const wanted = [...new Set(caseIds)];
  const set = new Set(wanted);
  const all = await rowsAndBlocks(
    db,
    () => db.interactions.where('caseId').anyOf(wanted).toArray(),
    () => blocksLinked(db, 'case', wanted),
    (r) => r.caseId !== null && set.has(r.caseId),
  );
  return all.filter((i) => !i.deleted);
}

/**
 * Stores one interaction as a row (a local write or a push's answer; the caller's transaction holds
 * `interactionTables`): a block's copy of it goes.
 */
export async function putInteraction(db: TandemDatabase, record: Interaction): Promise<void> {
  noteStored(db, layout, [record.id]);
  await removeFromBlocks(db, [record.id]);
  await db.interactions.put(record);
}

export async function deleteInteraction(db: TandemDatabase, id: string): Promise<void> {
  await removeFromBlocks(db, [id]);
  await db.interactions.delete(id);
}

/**
 * Changes every cached interaction the filter matches (by customer or by case: the rows' indexes, the blocks' links) and stores it
 * as a row; the caller's transaction holds `interactionTables`. A push's answer moving a local customer or case.
 */
export async function modifyInteractions(db: TandemDatabase, where: { customerId: string } | { caseId: string }, change: Partial<Interaction>): Promise<void> {
  const [rows, blocks, matches] =
    'customerId' in where
      ? [
          db.interactions.where('[customerId+occurredAt]').between([where.customerId, Dexie.minKey], [where.customerId, Dexie.maxKey]),
          () => blocksLinked(db, 'customer', [where.customerId]),
          (r: Interaction) => r.customerId === where.customerId,
        ]
      : [db.interactions.where('caseId').equals(where.caseId), () => blocksLinked(db, 'case', [where.caseId]), (r: Interaction) => r.caseId === where.caseId];
  await rows.modify(change);
  const taken = await takeFromBlocks(db, await blocks(), matches);
  await db.interactions.bulkPut(taken.map((r) => ({ ...r, ...change })));
}

/** By case id, then in feed order. */
function byCase(a: { seq: number; record: Interaction }, b: { seq: number; record: Interaction }): number {
  const [x, y] = [a.record.caseId ?? '', b.record.caseId ?? ''];
  return x < y ? -1 : x > y ? 1 : a.seq - b.seq;
}

/**
 * Writes a page's interaction changes (the caller's transaction holds `interactionTables`): lib/db/blocks.ts
 * `writePulledChanges`, from BLOCK_MIN puts on in blocks of BLOCK_SIZE.
 */
export function writePulledInteractions(db: TandemDatabase, list: readonly Change[], skip: ReadonlySet<string>, readFirst: boolean): Promise<void> {
  return writePulledChanges(db, layout, list, skip, readFirst);
}

/** Whether no interaction is cached (one key read per table). */
export function noInteractionsCached(db: TandemDatabase): Promise<boolean> {
  return noneCached(db, layout);
}

/** Drops every cached interaction but those in `keep` (their ids), which stay as rows; a restarted change feed. */
export function dropInteractionsExcept(db: TandemDatabase, keep: ReadonlySet<string>): Promise<void> {
  return dropAllExcept(db, layout, keep);
}

/**
 * Frees space by dropping the oldest cached history first: interactions by age, keeping any the
 * outbox still refers to. The outbox itself is never touched. Returns how many interactions went.
 */
export async function trimOldestInteractions(db: TandemDatabase, fraction = 0.3): Promise<number> {
  return db.transaction('rw', [...interactionTables(db), db.meta, db.outbox], async () => {
    const pending = new Set((await db.outbox.toArray()).map((row) => row.recordId));
    const [rows, blocks] = await Promise.all([db.interactions.toArray(), db.interactionBlocks.toArray()]);
    const all = [...rows, ...blocks.flatMap((b) => b.records)];
    const oldestFirst = all.filter((i) => !pending.has(i.id)).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    const drop = new Set(oldestFirst.slice(0, Math.ceil(oldestFirst.length * fraction)).map((i) => i.id));
    await db.interactions.bulkDelete([...drop]);
    await takeFromBlocks(db, blocks, (r) => drop.has(r.id));
    return drop.size;
  });
}
