// Bundled by run.ts with esbuild and run inside a Chromium page: the extension's own Dexie database
// class and identity query (lib/db) on Chromium's real IndexedDB, with N generated customers stored two ways: as a
// first sync writes them (blocks) and one row each (small pages, and every copy before Dexie version 8).
import Dexie from 'dexie';
import {
  applyPulledPage,
  findCustomersByIdentities,
  identityKeyFiltersSource,
  identityKeyNotesRead,
  saveIdentityKeyFilters,
  startIdentityKeyFilters,
  TandemDatabase,
  toCachedCustomer,
} from '../../lib/db';
import { normalizePageIdentities } from '../../lib/identity/normalize';
import type { Change, Customer, Identity } from '../../lib/schema';

function customer(i: number): Customer {
  const identities: Identity[] = [{ kind: 'email', value: `customer${i}@example${i % 97}.com` }];
  if (i % 3 !== 0) identities.push({ kind: 'phone', value: `+1415${String(5_000_000 + i).padStart(7, '0')}` });
  if (i % 4 === 0) identities.push({ kind: 'twitter', value: `handle_${i}` });
  return {
    id: `cust-${i}`,
    version: 1,
    updatedAt: '2026-11-20T09:00:00.000Z',
    deleted: false,
    teamId: 'team-care',
    name: `Customer ${i}`,
    identities,
    tier: 'standard',
    currency: 'USD',
    language: 'en',
    tags: [],
    createdAt: '2024-01-01T00:00:00.000Z',
  };
}

/** Seeds customers as a first sync's pages write them (applyPulledPage, pages of 2,000): blocks (lib/db/customers.ts). */
async function seedAsFirstSync(db: TandemDatabase, n: number): Promise<number> {
  const t0 = performance.now();
  for (let start = 0; start < n; start += 2000) {
    const changes: Change[] = [];
    for (let i = start; i < Math.min(n, start + 2000); i++) changes.push({ entity: 'customers', seq: i + 1, record: customer(i) });
    await applyPulledPage(db, changes, start + changes.length, new Set(['customers']));
  }
  return performance.now() - t0;
}

/** Seeds customers one row each (the layout before version 8, and what small pages still write). */
async function seedAsRows(db: TandemDatabase, n: number): Promise<number> {
  const t0 = performance.now();
  for (let start = 0; start < n; start += 5000) {
    const batch: ReturnType<typeof toCachedCustomer>[] = [];
    for (let i = start; i < Math.min(n, start + 5000); i++) batch.push(toCachedCustomer(customer(i)));
    await db.customers.bulkPut(batch);
  }
  return performance.now() - t0;
}

/** What a page reports: an email and a phone as written; one query in ten is nobody we know. Normalised as the caller does. */
function query(q: number, n: number): Identity[] {
  const i = (q * 7919) % n;
  const known = q % 10 !== 0;
  return normalizePageIdentities({
    identities: [
      { kind: 'email', value: known ? `customer${i}@example${i % 97}.com` : `stranger${q}@example.org` },
      { kind: 'phone', value: known ? `(415) ${String(5_000_000 + i).replace(/^(\d{3})/, '$1-')}` : `(212) 555-01${String(q % 100).padStart(2, '0')}` },
    ],
    country: 'US',
  });
}

export interface LookupBench {
  /** Seeding as a first sync writes (blocks), and as rows. */
  seedMs: number;
  seedRowsMs: number;
  /** The stored copy of the identity-key filter and the blocks' key map (meta `customers.keyFilters`): bytes, map pairs. */
  stored: { bytes: number; pairs: number };
  /** A restarted worker's start of the identity-key filters: from the stored copy, and from the customers read again (blocks, rows). */
  starts: Array<{ layout: 'blocks' | 'rows'; source: string; ms: number; during: number[] }>;
  /**
   * A worker stopped right after a customer write (a first sync's page of 2,000 into blocks, then one live change into a
   * row), before its save: a new worker's start and its first look-up (a customer of that page), and how it started.
   */
  afterWrite: { source: string; notes: number; startMs: number; firstLookupMs: number; found: boolean };
  /** findCustomersByIdentities over the first-sync layout (blocks), and over rows, the same queries alternated. */
  lookups: number[];
  equals: number[];
  normalize: number[];
  hits: number;
}

async function run(n: number, queries: number): Promise<LookupBench> {
  const stamp = Date.now();
  const db = new TandemDatabase(`bench-blocks-${n}-${stamp}`);
  const rowsDb = new TandemDatabase(`bench-rows-${n}-${stamp}`);
  await Promise.all([db.open(), rowsDb.open()]);
  const seedMs = await seedAsFirstSync(db, n);
  const seedRowsMs = await seedAsRows(rowsDb, n);
  // Written past lib/db (no key notes, no copy): marked as a cache whose copy cannot be read, so its start reads every key.
  await rowsDb.meta.put({ key: 'customers.keyFilters', value: { unreadable: true } });
  // A worker saves the filters 2 s after its last write (its start, begun by the first page, done); the bench at once.
  await startIdentityKeyFilters(db);
  await saveIdentityKeyFilters(db);
  const copy = (await db.meta.get('customers.keyFilters'))?.value as
    | { rows: Uint8Array; blocks?: { hashes: Int32Array; blocks: Float64Array; counts: Uint32Array } }
    | undefined;
  const map = copy?.blocks;
  const stored = {
    bytes: (copy?.rows.byteLength ?? 0) + (map ? map.hashes.byteLength + map.blocks.byteLength + map.counts.byteLength : 0),
    pairs: map?.hashes.length ?? 0,
  };
  const starts: LookupBench['starts'] = [];
  // As restarted workers (new database objects): the blocks' start reads the stored filters; then, with the stored copy
  // unreadable, from the customers read again; the rows' (seeded with no filter) likewise. Look-ups a page load would make
  // meanwhile are timed (the same queries as below, one after another until the start is done).
  for (const [layout, name, dropStored] of [
    ['blocks', db.name, false],
    ['blocks', db.name, true],
    ['rows', rowsDb.name, false],
  ] as const) {
    const worker = new TandemDatabase(name);
    await worker.open();
    if (dropStored) await worker.meta.put({ key: 'customers.keyFilters', value: { unreadable: true } });
    const during: number[] = [];
    const t0 = performance.now();
    let done = false;
    const start = startIdentityKeyFilters(worker).then(() => {
      done = true;
      return performance.now() - t0;
    });
    for (let q = 0; !done && q < 500; q++) {
      const b = performance.now();
      await findCustomersByIdentities(worker, query(q, n));
      during.push(performance.now() - b);
    }
    const ms = await start;
    starts.push({ layout, source: identityKeyFiltersSource(worker) ?? 'none', ms, during });
    await saveIdentityKeyFilters(worker);
    worker.close();
  }
  // A worker that wrote and stopped before its save (MV3 stops it; a first sync writes constantly): the next start.
  const writer = new TandemDatabase(db.name);
  await startIdentityKeyFilters(writer);
  const page: Change[] = [];
  for (let i = n; i < n + 2000; i++) page.push({ entity: 'customers', seq: i + 1, record: customer(i) });
  await applyPulledPage(writer, page, n + 2000, new Set());
  await applyPulledPage(writer, [{ entity: 'customers', seq: n + 2001, record: customer(n + 2000) }], n + 2001, new Set());
  writer.close(); // its save, due 2 s later, finds the database closed
  const restarted = new TandemDatabase(db.name);
  const w0 = performance.now();
  await startIdentityKeyFilters(restarted);
  const startMs = performance.now() - w0;
  const l0 = performance.now();
  const hit = await findCustomersByIdentities(restarted, normalizePageIdentities({ identities: customer(n + 1000).identities, country: 'US' }));
  const afterWrite = {
    source: identityKeyFiltersSource(restarted) ?? 'none',
    notes: identityKeyNotesRead(restarted) ?? 0,
    startMs,
    firstLookupMs: performance.now() - l0,
    found: hit.length === 1,
  };
  await saveIdentityKeyFilters(restarted);
  restarted.close();
  // The timed look-ups: each layout in a worker whose start is done.
  db.close();
  rowsDb.close();
  const blocksWorker = new TandemDatabase(db.name);
  const rowsWorker = new TandemDatabase(rowsDb.name);
  await Promise.all([startIdentityKeyFilters(blocksWorker), startIdentityKeyFilters(rowsWorker)]);
  const lookups: number[] = [];
  const normalize: number[] = [];
  const equals: number[] = [];
  let hits = 0;
  for (let q = 0; q < queries; q++) {
    const a = performance.now();
    const ids = query(q, n);
    normalize.push(performance.now() - a);
    // The two layouts in turn, each first every other query, so the machine's load falls on both alike.
    for (const layout of q % 2 === 0 ? (['blocks', 'rows'] as const) : (['rows', 'blocks'] as const)) {
      const b = performance.now();
      const found = await findCustomersByIdentities(layout === 'blocks' ? blocksWorker : rowsWorker, ids);
      const ms = performance.now() - b;
      if (layout === 'blocks') {
        lookups.push(ms);
        if (found.length > 0) hits++;
      } else equals.push(ms);
    }
  }
  blocksWorker.close();
  rowsWorker.close();
  await Promise.all([Dexie.delete(db.name), Dexie.delete(rowsDb.name)]);
  return { seedMs, seedRowsMs, stored, starts, afterWrite, lookups, normalize, equals, hits };
}

(globalThis as unknown as { __lookupBench: typeof run }).__lookupBench = run;
