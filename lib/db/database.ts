// The Dexie database: its tables, row shapes and numbered schema versions. Queries live in the sibling modules.
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import { customerIdentityKeys } from '../identity/normalize';
import type { Article, Broadcast, Case, Customer, Interaction, MutationOrigin, Snippet, UsageEvent } from '../schema';
import { type BlockLinkRow, type BlockLinks, linkRow } from './block-links';
import type { BlockMapEntries } from './block-map';
import { upgradeKeyFilters } from './customer-key-filters';
import { idHash } from './id-filter';

/** A customer as cached: the record plus its identities flattened to "kind:value" keys for a multi-entry index. */
export type CachedCustomer = Customer & { identityKeys: string[] };

/** Key/value rows for sync state and the signed-in session (kept here, out of reach of content scripts). */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** A write the agent made locally, waiting to be pushed. `seq` orders pushes; `mutationId` makes them idempotent. */
export interface OutboxRow {
  seq?: number;
  mutationId: string;
  entity: string;
  op: 'create' | 'update' | 'delete';
  recordId: string;
  /** The server version the edit was based on; null for creates. */
  baseVersion: number | null;
  /** Full record for creates, changed fields for updates. */
  data: Record<string, unknown>;
  /** Sent with the create: `capture` marks a customer made on its own for a capture (../schema/api.ts `MutationOrigin`). */
  origin?: MutationOrigin;
  createdAt: string;
  attempts: number;
  /** 'failed' rows were refused for good; they stay so the agent can see and fix them. */
  state: 'pending' | 'failed';
  lastError: string | null;
}

/** A mutation the server answered with a conflict that needs a person: both versions are kept. */
export interface ConflictRow {
  mutationId: string;
  entity: string;
  recordId: string;
  local: Record<string, unknown>;
  server: Record<string, unknown>;
  at: string;
}

/**
 * A screenshot kept with a capture. The bytes are an ArrayBuffer (not a Blob) so every IndexedDB,
 * fake-indexeddb included, stores them as is. `state` is indexed for the uploader: pending until
 * the server has it (`uploadedAt` set), failed when the server refused it for good.
 */
export interface AttachmentRow {
  id: string;
  caseId: string;
  kind: 'screenshot';
  mime: 'image/webp' | 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  size: number;
  bytes: ArrayBuffer;
  createdAt: string;
  uploadedAt: string | null;
  state: 'pending' | 'uploaded' | 'failed';
  attempts: number;
  lastError: string | null;
}

/**
 * Pulled interactions stored many to a row (lib/db/interactions.ts): one IndexedDB row per interaction cost a first
 * sync 60–125 µs each, a block of them a fraction of that. `id` is the feed seq of the block's first record; the
 * directory (BlockDirectoryRow) finds the blocks holding an interaction, the links (./block-links.ts) those holding a
 * customer's or a case's (no index since version 12; blocks written before it also hold `customerIds` and `caseIds`,
 * which nothing reads).
 */
export interface InteractionBlockRow {
  id: number;
  ids: string[];
  records: Interaction[];
}

/**
 * Where pulled interactions' blocks are (Dexie 9, lib/db/blocks.ts): one row per block write listing, for each id it
 * wrote, the id's 31-bit hash (`idHash`, lib/db/id-filter.ts) and its block's key, read once into the worker's memory.
 * It replaces the blocks' multi-entry `*ids` index (≈ 50 index entries a block, ≈ 5 µs of an interaction's first-sync
 * write). Hashes in typed arrays, not the id strings: a worker's first read of 200k is a copy of 2.4 MB of numbers.
 * A superset: a hash shared with another id, or a block rewritten without the id, or gone, costs a reader (who checks
 * the block's ids) one block read.
 */
export interface BlockDirectoryRow {
  /** Auto-incremented: a reader catches up with the rows above the last it read. */
  id?: number;
  idHashes: Int32Array;
  /** The key of the block holding the id of the same position. */
  blockKeys: Float64Array;
}

/**
 * Pulled customers stored many to a row (lib/db/customers.ts), each as JSON text: an identity lookup clones a block of
 * strings and parses only the customers it matched (a block of objects cost a lookup 1.0–1.9 ms to deserialise).
 * Each customer's text holds its identity keys, so a lookup searches the texts for the key and parses only those
 * holding it; a map of key hashes finds the block (lib/db/customer-key-filters.ts).
 */
export interface CustomerBlockRow {
  id: number;
  ids: string[];
  /**
   * Blocks written before 28 Nov 2026 (Dexie ≤ 12's first release) also list every key of their customers here (the
   * `*identityKeys` index until version 10); newer blocks do not: the texts hold them (≈ 12 % of a block's bytes).
   */
  identityKeys?: string[];
  versions: number[];
  /** Customer i (a CachedCustomer: its identity keys with it) as JSON text. */
  texts: string[];
}

/**
 * Where a customer write put its identity keys (Dexie 11, lib/db/customer-key-filters.ts): one row per write, in the
 * write's transaction, with the keys' 31-bit hashes (`idHash`) — those stored as rows (the rows' Bloom filter) and
 * those stored in blocks, by block (the blocks' key map). A save folds them into the stored copy and deletes them.
 */
export interface CustomerKeyNoteRow {
  /** Auto-incremented: the stored copy remembers the last it covers, a start reads those after it. */
  id?: number;
  rows: Int32Array;
  blocks: BlockMapEntries;
}

export { identityKey } from '../identity/page-identity';

export class TandemDatabase extends Dexie {
  customers!: EntityTable<CachedCustomer, 'id'>;
  interactions!: EntityTable<Interaction, 'id'>;
  interactionBlocks!: Table<InteractionBlockRow, number>;
  customerBlocks!: Table<CustomerBlockRow, number>;
  interactionDirectory!: Table<BlockDirectoryRow, number>;
  interactionLinks!: Table<BlockLinkRow, number>;
  customerDirectory!: Table<BlockDirectoryRow, number>;
  customerKeyNotes!: Table<CustomerKeyNoteRow, number>;
  cases!: EntityTable<Case, 'id'>;
  articles!: EntityTable<Article, 'id'>;
  snippets!: EntityTable<Snippet, 'id'>;
  broadcasts!: EntityTable<Broadcast, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  conflicts!: EntityTable<ConflictRow, 'mutationId'>;
  usageEvents!: EntityTable<UsageEvent, 'id'>;
  attachments!: EntityTable<AttachmentRow, 'id'>;

  constructor(name = 'tandem') {
    super(name);
    // Dexie's liveQuery bookkeeping, which nothing here uses (no liveQuery, no 'storagemutated' listener): every write
    // of fewer than 50 rows added each of its index keys to range trees and posted them to other contexts — ≈ 3 µs an
    // interaction of a first sync's block writes (a page's 40 blocks hold ≈ 4,000 index keys). docs/offline-sync.md.
    this.unuse({ stack: 'dbcore', name: 'Observability' });
    // Indexes serve the queries in the sibling modules: identity lookup (multi-entry), open cases by customer
    // (compound), a customer's timeline in time order (compound). Version 6 drops those no query used.
    this.version(1).stores({
      customers: 'id, *identityKeys, teamId',
      interactions: 'id, [customerId+occurredAt], caseId',
      cases: 'id, [customerId+status], status, slaDueAt',
      articles: 'id, *tags, status',
      snippets: 'id, shortcut, *tags',
      broadcasts: 'id, endsAt',
      meta: 'key',
    });
    // Version 2: the durable outbox for offline writes and the conflicts a person must settle.
    this.version(2).stores({
      outbox: '++seq, &mutationId, [entity+recordId], state',
      conflicts: 'mutationId, [entity+recordId]',
    });
    // Version 3: usage events (suggested, opened, inserted, helpful…) waiting to be sent.
    this.version(3).stores({ usageEvents: 'id, occurredAt' });
    // Version 4: screenshots kept with captures, by case (side panel) and by upload state (uploader).
    this.version(4).stores({ attachments: 'id, caseId, state' });
    // Version 5: the cached identity keys recomputed in canonical form, for clients that pulled customers from a server
    // that stored "@Handle" or "Mixed@Case.com" as sent: a page's canonical identities find them again.
    this.version(5)
      .stores({})
      .upgrade((tx) =>
        tx
          .table<CachedCustomer, string>('customers')
          .toCollection()
          .modify((row) => {
            row.identityKeys = customerIdentityKeys(row);
          }),
      );
    // Version 6: indexes no query uses are dropped (every index costs each write of its table, a first sync's most):
    // customers by team, cases by deadline, articles and snippets by tag, articles by status, broadcasts by end. The
    // rows stay; IndexedDB removes only the index entries. Queries sort or filter these fields in memory.
    this.version(6).stores({
      customers: 'id, *identityKeys',
      cases: 'id, [customerId+status], status',
      articles: 'id',
      snippets: 'id, shortcut',
      broadcasts: 'id',
    });
    // Version 7: pulled interactions in blocks (InteractionBlockRow). The interactions table keeps local writes, push
    // answers and small pages; nothing moves, so an upgraded copy reads as before.
    this.version(7).stores({ interactionBlocks: 'id, *ids, *customerIds, *caseIds' });
    // Version 8: pulled customers in blocks (CustomerBlockRow), as interactions in version 7. Rows stay where they are and
    // every read looks in both, so an upgraded copy reads as before.
    this.version(8).stores({ customerBlocks: 'id, *ids, *identityKeys' });
    // Version 9: interaction blocks lose their `*ids` index; a directory row per block write says which block holds
    // an id (BlockDirectoryRow). The upgrade writes one directory row for the blocks already stored.
    this.version(9)
      .stores({ interactionBlocks: 'id, *customerIds, *caseIds', interactionDirectory: '++id' })
      .upgrade((tx) => writeDirectoryOf(tx, 'interactionBlocks', 'interactionDirectory'));
    // Version 10: customer blocks lose their indexes (≈ 5 entries a customer of a first sync's write): `*ids` for a
    // directory as interaction blocks did in 9, `*identityKeys` for a map of key hashes to blocks kept in meta
    // (lib/db/customer-key-filters.ts; an upgraded cache's map is built by the first start). The upgrade writes one
    // directory row for the blocks already stored.
    this.version(10)
      .stores({ customerBlocks: 'id', customerDirectory: '++id' })
      .upgrade((tx) => writeDirectoryOf(tx, 'customerBlocks', 'customerDirectory'));
    // Version 11: every customer write notes its identity keys' hashes in a row of its own transaction
    // (CustomerKeyNoteRow), so a worker's start is the stored key map and the notes after it, never the customers read
    // again. The upgrade keeps a version 10 copy that is current and makes one from every stored key otherwise.
    this.version(11).stores({ customerKeyNotes: '++id' }).upgrade(upgradeKeyFilters);
    // Version 12: interaction blocks lose `*customerIds` and `*caseIds` (≈ 1 index entry an interaction of a first
    // sync's write); a row per block write lists their customers and cases (./block-links.ts). The upgrade writes one
    // for the blocks already stored.
    this.version(12).stores({ interactionBlocks: 'id', interactionLinks: '++id' }).upgrade(writeInteractionLinks);
  }
}

/** An upgrade's one directory row listing the ids of every block stored in `blocks` (versions 9 and 10). */
async function writeDirectoryOf(tx: Transaction, blocks: string, directory: string): Promise<void> {
  const [hashes, keys]: [number[], number[]] = [[], []];
  await tx
    .table<{ id: number; ids: string[] }, number>(blocks)
    .toCollection()
    .each((block) => {
      for (const id of block.ids) {
        hashes.push(idHash(id));
        keys.push(block.id);
      }
    });
  if (hashes.length > 0) await tx.table<BlockDirectoryRow, number>(directory).add({ idHashes: Int32Array.from(hashes), blockKeys: Float64Array.from(keys) });
}

/** What an interaction links to (./block-links.ts): found by timelines and the queue's case reads, and version 12's upgrade. */
export const INTERACTION_LINKS: BlockLinks<Interaction>['of'] = { customer: (r) => r.customerId, case: (r) => r.caseId };

/** Version 12's one link row for the interaction blocks already stored (their customers and cases). */
async function writeInteractionLinks(tx: Transaction): Promise<void> {
  const blocks: Array<{ id: number; records: Interaction[] }> = [];
  await tx
    .table<InteractionBlockRow, number>('interactionBlocks')
    .toCollection()
    .each((block) => {
      blocks.push({ id: block.id, records: block.records });
    });
  if (blocks.length > 0) await tx.table<BlockLinkRow, number>('interactionLinks').add(linkRow(INTERACTION_LINKS, blocks));
}
