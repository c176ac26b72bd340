// Where a pull pass's time goes, step by step: kept in the worker's memory (numbers only, no records) so
// bench:sync can read it from the built extension (docs/sync-protocol.md, "Measuring a first sync").
import type { TableWriteTimes } from '../db';
import type { Change, SyncedEntityName } from '../schema';

export interface PullProfile {
  /** The cursor the pass started from: 0 for a first sync. */
  fromCursor: number;
  pages: number;
  /** Dexie transactions the pages were stored in (pages that arrived while one was written share the next). */
  transactions: number;
  records: number;
  /** First request sent to last page stored. */
  wallMs: number;
  /** Each page's request, sent to answered: fetch, JSON parse and zod validation (lib/api/http.ts), overlapping the previous page's write. */
  requestMs: number;
  /** How long the loop stood waiting for a page: the part of the requests the write of the page before did not hide. */
  waitMs: number;
  /** Dexie writes per table, inside each page's transaction. */
  writeMs: TableWriteTimes;
  /** How many transactions wrote each table (a table's time per transaction is writeMs ÷ tablePages). */
  tablePages: TableWriteTimes;
  /** The rest of each page's transaction: the outbox read, the cursor and the commit. */
  transactionMs: number;
  /** The listeners told of each page (the knowledge index, escalations): their synchronous part. */
  listenersMs: number;
  /** Rows each table gained in this pass (records stored minus tombstones; updates count as gained): the status's estimate while the pass runs. */
  stored: Partial<Record<SyncedEntityName, number>>;
}

/** The global the latest passes are kept under, newest last, for the bench to read with a worker evaluate. */
export const PULL_PROFILES_GLOBAL = '__tandemPullProfiles';
const KEPT = 20;

/** A profile for a pass from `fromCursor`, listed at once so a pass that stops half-way still shows what it did. */
export function startPullProfile(fromCursor: number): PullProfile {
  const profile: PullProfile = {
    fromCursor,
    pages: 0,
    transactions: 0,
    records: 0,
    wallMs: 0,
    requestMs: 0,
    waitMs: 0,
    writeMs: {},
    tablePages: {},
    transactionMs: 0,
    listenersMs: 0,
    stored: {},
  };
  const store = globalThis as unknown as Record<string, PullProfile[] | undefined>;
  const kept = (store[PULL_PROFILES_GLOBAL] ??= []);
  kept.push(profile);
  if (kept.length > KEPT) kept.shift();
  return profile;
}

/** Adds one transaction's stored pages (`pages` of them): their records, the write per table and the whole of the transaction. */
export function addPageWrite(profile: PullProfile, changes: readonly Change[], tables: TableWriteTimes, transactionMs: number, pages = 1): void {
  profile.pages += pages;
  profile.transactions += 1;
  profile.records += changes.length;
  for (const change of changes) {
    const gone = change.record.deleted || ('revoked' in change && change.revoked);
    profile.stored[change.entity] = (profile.stored[change.entity] ?? 0) + (gone ? -1 : 1);
  }
  let inTables = 0;
  for (const [entity, ms] of Object.entries(tables) as [keyof TableWriteTimes, number][]) {
    profile.writeMs[entity] = (profile.writeMs[entity] ?? 0) + ms;
    profile.tablePages[entity] = (profile.tablePages[entity] ?? 0) + 1;
    inTables += ms;
  }
  profile.transactionMs += transactionMs - inTables;
}

/** The passes profiled in this context, oldest first. */
export function pullProfiles(): readonly PullProfile[] {
  return (globalThis as unknown as Record<string, PullProfile[] | undefined>)[PULL_PROFILES_GLOBAL] ?? [];
}
