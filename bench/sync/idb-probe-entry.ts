// Bundled by idb-probe.ts with esbuild and run in a Chromium page: what one IndexedDB row costs, written several ways
// (pages of `pageSize` records, each page one Dexie transaction, as a first sync writes them).
import Dexie from 'dexie';
import { applyPulledPage, findCustomersByIdentities, interactionById, interactionsForCases, TandemDatabase, timelineForCustomer } from '../../lib/db';
import { foldLinks } from '../../lib/db/block-links';
import { INTERACTION_LINKS } from '../../lib/db/database';
import { customerIdentityKeys } from '../../lib/identity/normalize';
import type { Change } from '../../lib/schema';
import { customer, interaction } from './data';

export interface ProbeCase {
  name: string;
  /** Records written and rows stored (fewer rows when records are grouped into blocks). */
  records: number;
  rows: number;
  /** Wall time of all the pages' transactions, committed. */
  ms: number;
  /** Bytes of JSON per record (a size hint for the row). */
  jsonBytesPerRecord: number;
  /** Reads after the writes, where the variant asks for them: what they cost and what they loaded. */
  reads?: string;
}

type Layout = 'row' | 'block' | 'raw' | 'shipped';
interface Variant {
  name: string;
  entity: 'customers' | 'interactions';
  schema: string;
  layout: Layout;
  /** Records per block row (layout 'block'). */
  block?: number;
  durability?: 'relaxed' | 'default' | 'strict';
  /** Pages per transaction. */
  pagesPerTx?: number;
  /** Customers: their identity keys computed inside the timed write (libphonenumber), as the pull does today. */
  keysInWrite?: boolean;
  /** Blocks: each page first looks its ids up in the blocks' `*ids` index (anyOf), as the shipped write does. */
  lookup?: boolean;
  /** Customers in blocks: the identity lookup read after the writes (one equality query a key, as customers.ts). */
  identityReads?: boolean;
  /** Customer blocks hold each record as JSON text (a look-up parses only the customers it matches). */
  jsonRecords?: boolean;
  /** Interaction blocks hold their records by column (one array a field) instead of one object a record. */
  columnar?: boolean;
  /** Shipped: every fourth interaction filed under one of count/40 open cases (5,000 at 200k), and the queue's effort read after. */
  openCases?: boolean;
}

/** Milliseconds at the given fraction of sorted samples. */
const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

/** The extension's own write (lib/db/interactions.ts, lib/db/customers.ts via applyPulledPage), as a first sync's pass calls it. */
async function runShipped(v: Variant, count: number, pageSize: number): Promise<ProbeCase> {
  const name = `probe-${v.name.replace(/\W+/g, '-')}`;
  await Dexie.delete(name);
  const db = new TandemDatabase(name);
  await db.open();
  const openCases = Math.max(1, Math.round(count / 40));
  // Customers as the server sends them (their identity keys are the write's to compute).
  const all = records(v.entity, count, v.entity === 'customers').map((r, j) =>
    v.openCases && j % 4 === 0 ? { ...r, caseId: `case-${(j * 7919) % openCases}` } : r,
  );
  const jsonBytesPerRecord = JSON.stringify(all.slice(0, 200)).length / 200;
  const firstSync = new Set([v.entity]);
  const start = performance.now();
  // What the pull profile calls the transaction rest: a page's transaction but its table's write (outbox read, cursor, commit).
  let restMs = 0;
  let pages = 0;
  for (let i = 0; i < all.length; i += pageSize) {
    const changes = all.slice(i, i + pageSize).map((record, j) => ({ entity: v.entity, seq: i + j + 1, record }) as unknown as Change);
    const pageStart = performance.now();
    const times = await applyPulledPage(db, changes, i + changes.length, firstSync);
    restMs += performance.now() - pageStart - (times[v.entity] ?? 0);
    pages++;
  }
  const ms = performance.now() - start;
  const rows =
    v.entity === 'customers'
      ? (await db.customers.count()) + (await db.customerBlocks.count())
      : (await db.interactions.count()) + (await db.interactionBlocks.count());
  let reads: string | undefined = `transaction rest ${(restMs / pages).toFixed(1)} ms a page`;
  if (v.identityReads) reads += `; ${await shippedLookups(db, all)}`;
  if (v.openCases) {
    // The queue's effort read (lib/queue/background.ts): the interactions of every open case at once.
    const caseIds = Array.from({ length: openCases }, (_, k) => `case-${k}`);
    const readStart = performance.now();
    const found = await interactionsForCases(db, caseIds);
    const readMs = performance.now() - readStart;
    const loaded = new Set(await db.interactionBlocks.where('caseIds').anyOf(caseIds).primaryKeys()).size;
    reads +=
      `; ` +
      `effort read of ${openCases.toLocaleString('en')} open cases: ${readMs.toFixed(0)} ms, ${found.length.toLocaleString('en')} interactions, ${loaded} of ${rows} blocks loaded`;
  }
  if (v.entity === 'interactions' && !v.openCases) reads += `; ${await interactionReads(name, all)}`;
  db.close();
  await Dexie.delete(name);
  return { name: v.name, records: count, rows, ms, jsonBytesPerRecord, reads };
}

/**
 * What a woken worker's reads cost after the first sync (lib/db/interactions.ts), from a new database object (nothing
 * in memory): its first timeline and its first `interactionById` (each reads the blocks' directory), then 300 more by id and 300
 * timelines (`timelineForCustomer`) of the records' customers, p50 / p95 in ms.
 */
async function interactionReads(name: string, all: Record<string, unknown>[]): Promise<string> {
  const db = new TandemDatabase(name);
  await db.open();
  const pick = (n: number) => all[(n * 7919) % all.length]!;
  // Since Dexie 9: the directory's rows alone, read by a second database object (the first lookup below reads them again).
  let directoryRead = '';
  if (db.tables.some((t) => t.name === 'interactionDirectory')) {
    const other = new TandemDatabase(name);
    await other.open(); // its open is not the directory's
    const t = performance.now();
    const rows = await other.table('interactionDirectory').toArray();
    directoryRead = `; the directory's ${rows.length} rows alone read in ${(performance.now() - t).toFixed(0)} ms`;
    other.close();
  }
  // Since Dexie 12 a timeline reads the directory too: a woken worker's first read may be a timeline (a page's overlay).
  const woken = new TandemDatabase(name);
  await woken.open();
  const wokenAt = performance.now();
  if ((await timelineForCustomer(woken, pick(1).customerId as string)).length === 0) throw new Error('timeline found nothing');
  let firstTimeline = `; a new worker's first timeline (after its open) ${(performance.now() - wokenAt).toFixed(0)} ms`;
  woken.close();
  // Since Dexie 12, 2 s after the last write the link rows are folded into one (lib/db/block-links.ts).
  if (db.tables.some((t) => t.name === 'interactionLinks')) {
    const rows = await db.table('interactionLinks').count();
    await foldLinks(db, { table: (d) => d.interactionLinks, blocks: (d) => d.interactionBlocks, of: INTERACTION_LINKS });
    const folded = new TandemDatabase(name);
    await folded.open();
    const t = performance.now();
    if ((await timelineForCustomer(folded, pick(2).customerId as string)).length === 0) throw new Error('timeline found nothing');
    firstTimeline += ` (${rows} link rows), ${(performance.now() - t).toFixed(0)} ms after their fold`;
    folded.close();
  }
  const start = performance.now();
  if (!(await interactionById(db, pick(0).id as string))) throw new Error('interactionById found nothing');
  const firstMs = performance.now() - start;
  const byId: number[] = [];
  const timeline: number[] = [];
  for (let n = 1; n <= 300; n++) {
    let t = performance.now();
    if (!(await interactionById(db, pick(n).id as string))) throw new Error('interactionById found nothing');
    byId.push(performance.now() - t);
    t = performance.now();
    if ((await timelineForCustomer(db, pick(n).customerId as string)).length === 0) throw new Error('timeline found nothing');
    timeline.push(performance.now() - t);
  }
  db.close();
  const q = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    return `p50 ${at(xs, 0.5).toFixed(2)} / p95 ${at(xs, 0.95).toFixed(2)} ms`;
  };
  return `a new worker's first interactionById ${firstMs.toFixed(0)} ms${directoryRead}${firstTimeline}; then by id ${q(byId)}; timeline ${q(timeline)}`;
}

function records(entity: Variant['entity'], count: number, keysInWrite = false): Record<string, unknown>[] {
  if (entity === 'customers' && keysInWrite) return Array.from({ length: count }, (_, i) => customer(i) as unknown as Record<string, unknown>);
  if (entity === 'customers') return Array.from({ length: count }, (_, i) => ({ ...customer(i), identityKeys: customerIdentityKeys(customer(i)) }));
  return Array.from({ length: count }, (_, j) => interaction(j, Math.max(1, count / 2)) as unknown as Record<string, unknown>);
}

async function runVariant(v: Variant, count: number, pageSize: number): Promise<ProbeCase> {
  if (v.layout === 'shipped') return runShipped(v, count, pageSize);
  const name = `probe-${v.name.replace(/\W+/g, '-')}`;
  await Dexie.delete(name);
  const db = new Dexie(name, v.durability ? { chromeTransactionDurability: v.durability } : {});
  db.version(1).stores({ t: v.schema });
  await db.open();
  const table = db.table('t');
  const all = records(v.entity, count, v.keysInWrite);
  const jsonBytesPerRecord = JSON.stringify(all.slice(0, 200)).length / 200;
  const pages: Record<string, unknown>[][] = [];
  for (let i = 0; i < all.length; i += pageSize) pages.push(all.slice(i, i + pageSize));
  let rows = 0;
  const start = performance.now();
  const perTx = v.pagesPerTx ?? 1;
  for (let p = 0; p < pages.length; p += perTx) {
    await db.transaction('rw', table, async () => {
      for (const page of pages.slice(p, p + perTx)) {
        if (v.layout === 'raw') {
          // Plain IndexedDB puts in Dexie's transaction, without Dexie's bulkPut: Dexie's own share of a row.
          const store = (Dexie.currentTransaction as unknown as { idbtrans: IDBTransaction }).idbtrans.objectStore('t');
          await new Promise<void>((resolve, reject) => {
            let left = page.length;
            for (const record of page) {
              const req = store.put(record);
              req.onsuccess = () => --left === 0 && resolve();
              req.onerror = () => reject(req.error);
            }
          });
          rows += page.length;
        } else if (v.layout === 'row') {
          const cached = v.keysInWrite
            ? page.map((c) => ({ ...c, identityKeys: customerIdentityKeys(c as unknown as Parameters<typeof customerIdentityKeys>[0]) }))
            : page;
          await table.bulkPut(cached);
          rows += page.length;
        } else {
          const size = v.block ?? page.length;
          if (v.lookup)
            await table
              .where('ids')
              .anyOf(page.map((r) => r.id as string))
              .primaryKeys();
          const blocks = [];
          for (let i = 0; i < page.length; i += size) {
            const part = page.slice(i, i + size);
            blocks.push(
              v.entity === 'customers'
                ? {
                    id: `${String(p).padStart(6, '0')}-${i}`,
                    ids: part.map((r) => r.id),
                    identityKeys: part.flatMap((r) => r.identityKeys as string[]),
                    records: v.jsonRecords ? part.map((r) => JSON.stringify(r)) : part,
                    ...(v.jsonRecords ? { keysOf: part.map((r) => (r.identityKeys as string[]).join('\n')) } : {}),
                  }
                : {
                    id: `${String(p).padStart(6, '0')}-${i}`,
                    ids: part.map((r) => r.id),
                    customerIds: part.map((r) => r.customerId ?? r.id),
                    caseIds: part.flatMap((r) => (r.caseId ? [r.caseId] : [])),
                    ...(v.jsonRecords
                      ? { versions: part.map((r) => r.version), texts: part.map((r) => JSON.stringify(r)) }
                      : v.columnar
                        ? { columns: Object.fromEntries(Object.keys(part[0]!).map((k) => [k, part.map((r) => r[k])])) }
                        : { records: part }),
                  },
            );
          }
          await table.bulkPut(blocks);
          rows += blocks.length;
        }
      }
    });
  }
  const ms = performance.now() - start;
  const reads = v.identityReads ? await identityLookups(table, all) : undefined;
  db.close();
  await Dexie.delete(name);
  return { name: v.name, records: count, rows, ms, jsonBytesPerRecord, reads };
}

/**
 * 500 identity lookups of random stored customers' keys, each as customers.ts does it (one equality query a key, the
 * rows or blocks found filtered to the customers holding the key): p50 / p95 in ms.
 */
async function identityLookups(table: Dexie.Table, all: Record<string, unknown>[]): Promise<string> {
  const samples: number[] = [];
  for (let n = 0; n < 500; n++) {
    const keys = all[(n * 7919) % all.length]!.identityKeys as string[];
    const start = performance.now();
    const found = (await Promise.all(keys.map((k) => table.where('identityKeys').equals(k).toArray())))
      .flat()
      .flatMap((row) =>
        row.keysOf
          ? (row.keysOf as string[]).flatMap((joined, n) =>
              joined.split('\n').some((k) => keys.includes(k)) ? [JSON.parse((row.records as string[])[n]!) as Record<string, unknown>] : [],
            )
          : ((row.records as Record<string, unknown>[] | undefined) ?? [row]).filter((c) => (c.identityKeys as string[]).some((k) => keys.includes(k))),
      );
    samples.push(performance.now() - start);
    if (found.length === 0) throw new Error('identity lookup found nothing');
  }
  samples.sort((a, b) => a - b);
  return `identity lookup at ${all.length.toLocaleString('en')} customers: p50 ${at(samples, 0.5).toFixed(2)} ms, p95 ${at(samples, 0.95).toFixed(2)} ms`;
}

/** The same 500 look-ups through lib/db's findCustomersByIdentities (rows and blocks, as the overlay asks). */
async function shippedLookups(db: TandemDatabase, all: Record<string, unknown>[]): Promise<string> {
  const samples: number[] = [];
  for (let n = 0; n < 500; n++) {
    const identities = all[(n * 7919) % all.length]!.identities as Parameters<typeof findCustomersByIdentities>[1];
    const start = performance.now();
    const found = await findCustomersByIdentities(db, identities);
    samples.push(performance.now() - start);
    if (found.length === 0) throw new Error('identity lookup found nothing');
  }
  samples.sort((a, b) => a - b);
  return `identity lookup (findCustomersByIdentities) at ${all.length.toLocaleString('en')} customers: p50 ${at(samples, 0.5).toFixed(2)} ms, p95 ${at(samples, 0.95).toFixed(2)} ms`;
}

const VARIANTS: Variant[] = [
  {
    name: 'interactions, real indexes (id, [customerId+occurredAt], caseId)',
    entity: 'interactions',
    schema: 'id, [customerId+occurredAt], caseId',
    layout: 'row',
  },
  { name: 'interactions, primary key only', entity: 'interactions', schema: 'id', layout: 'row' },
  { name: 'interactions, real indexes, raw IndexedDB puts (no Dexie)', entity: 'interactions', schema: 'id, [customerId+occurredAt], caseId', layout: 'raw' },
  {
    name: 'interactions, real indexes, relaxed durability',
    entity: 'interactions',
    schema: 'id, [customerId+occurredAt], caseId',
    layout: 'row',
    durability: 'relaxed',
  },
  {
    name: 'interactions, real indexes, 5 pages a transaction',
    entity: 'interactions',
    schema: 'id, [customerId+occurredAt], caseId',
    layout: 'row',
    pagesPerTx: 5,
  },
  { name: 'interactions, blocks of 50 (multi-entry ids + customerIds)', entity: 'interactions', schema: 'id, *ids, *customerIds', layout: 'block', block: 50 },
  { name: 'interactions, blocks of 50, no index', entity: 'interactions', schema: 'id', layout: 'block', block: 50 },
  {
    name: 'interactions, blocks of 50 (multi-entry ids + customerIds + caseIds)',
    entity: 'interactions',
    schema: 'id, *ids, *customerIds, *caseIds',
    layout: 'block',
    block: 50,
  },
  {
    name: 'interactions, blocks of 50 (ids + customerIds + caseIds), anyOf(ids) lookup a page',
    entity: 'interactions',
    schema: 'id, *ids, *customerIds, *caseIds',
    layout: 'block',
    block: 50,
    lookup: true,
  },
  { name: 'interactions, as shipped: applyPulledPage of a first sync (lib/db/interactions.ts)', entity: 'interactions', schema: '', layout: 'shipped' },
  {
    name: 'interactions, as shipped, every 4th under one of count/40 open cases + effort read',
    entity: 'interactions',
    schema: '',
    layout: 'shipped',
    openCases: true,
  },
  { name: 'interactions, one block a page, no index', entity: 'interactions', schema: 'id', layout: 'block' },
  {
    name: 'interactions, blocks of 50 as JSON text (ids + customerIds + caseIds)',
    entity: 'interactions',
    schema: 'id, *ids, *customerIds, *caseIds',
    layout: 'block',
    block: 50,
    jsonRecords: true,
  },
  {
    name: 'interactions, blocks of 50 (customerIds + caseIds, no ids)',
    entity: 'interactions',
    schema: 'id, *customerIds, *caseIds',
    layout: 'block',
    block: 50,
  },
  {
    name: 'interactions, blocks of 50 by column (customerIds + caseIds, no ids)',
    entity: 'interactions',
    schema: 'id, *customerIds, *caseIds',
    layout: 'block',
    block: 50,
    columnar: true,
  },
  { name: 'interactions, blocks of 50 (multi-entry ids only)', entity: 'interactions', schema: 'id, *ids', layout: 'block', block: 50 },
  {
    name: 'interactions, blocks of 100 (multi-entry ids + customerIds + caseIds)',
    entity: 'interactions',
    schema: 'id, *ids, *customerIds, *caseIds',
    layout: 'block',
    block: 100,
  },
  {
    name: 'customers, as shipped: applyPulledPage of a first sync (lib/db/customers.ts)',
    entity: 'customers',
    schema: '',
    layout: 'shipped',
    identityReads: true,
  },
  { name: 'customers, real indexes (id, *identityKeys)', entity: 'customers', schema: 'id, *identityKeys', layout: 'row', identityReads: true },
  {
    name: 'customers, blocks of 50 (multi-entry ids + identityKeys)',
    entity: 'customers',
    schema: 'id, *ids, *identityKeys',
    layout: 'block',
    block: 50,
    identityReads: true,
  },
  {
    name: 'customers, blocks of 20 (multi-entry ids + identityKeys)',
    entity: 'customers',
    schema: 'id, *ids, *identityKeys',
    layout: 'block',
    block: 20,
    identityReads: true,
  },
  {
    name: 'customers, blocks of 50 as JSON text (multi-entry ids + identityKeys)',
    entity: 'customers',
    schema: 'id, *ids, *identityKeys',
    layout: 'block',
    block: 50,
    identityReads: true,
    jsonRecords: true,
  },
  { name: 'customers, primary key only', entity: 'customers', schema: 'id', layout: 'row' },
  { name: 'customers, real indexes, identity keys computed in the write', entity: 'customers', schema: 'id, *identityKeys', layout: 'row', keysInWrite: true },
];

async function probe(count: number, pageSize: number, rounds: number, only = ''): Promise<ProbeCase[][]> {
  const out: ProbeCase[][] = [];
  // `only`: one name fragment, or several separated by '|'.
  const variants = VARIANTS.filter((v) => only.split('|').some((part) => v.name.includes(part)));
  // Rounds alternate every variant, so the machine's load drifts over all of them alike.
  for (let r = 0; r < rounds; r++) {
    const round: ProbeCase[] = [];
    for (const v of variants) round.push(await runVariant(v, count, pageSize));
    out.push(round);
  }
  return out;
}

(globalThis as unknown as { __idbProbe: typeof probe }).__idbProbe = probe;
