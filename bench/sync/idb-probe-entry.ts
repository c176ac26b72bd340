// Bundled by idb-probe.ts with esbuild and run in a Chromium page: what one IndexedDB row costs, written several ways
// (pages of `pageSize` records, each page one Dexie transaction, as a first sync writes them).
import Dexie from 'dexie';
import { applyPulledPage, TandemDatabase } from '../../lib/db';
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
}

/** The extension's own write (lib/db/interactions.ts via applyPulledPage), as a first sync's pass calls it. */
async function runShipped(v: Variant, count: number, pageSize: number): Promise<ProbeCase> {
  const name = `probe-${v.name.replace(/\W+/g, '-')}`;
  await Dexie.delete(name);
  const db = new TandemDatabase(name);
  await db.open();
  const all = records(v.entity, count);
  const jsonBytesPerRecord = JSON.stringify(all.slice(0, 200)).length / 200;
  const firstSync = new Set(['interactions'] as const);
  const start = performance.now();
  for (let i = 0; i < all.length; i += pageSize) {
    const changes = all.slice(i, i + pageSize).map((record, j) => ({ entity: 'interactions', seq: i + j + 1, record }) as unknown as Change);
    await applyPulledPage(db, changes, i + changes.length, firstSync);
  }
  const ms = performance.now() - start;
  const rows = (await db.interactions.count()) + (await db.interactionBlocks.count());
  db.close();
  await Dexie.delete(name);
  return { name: v.name, records: count, rows, ms, jsonBytesPerRecord };
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
            blocks.push({
              id: `${String(p).padStart(6, '0')}-${i}`,
              ids: part.map((r) => r.id),
              customerIds: part.map((r) => r.customerId ?? r.id),
              caseIds: part.flatMap((r) => (r.caseId ? [r.caseId] : [])),
              records: part,
            });
          }
          await table.bulkPut(blocks);
          rows += blocks.length;
        }
      }
    });
  }
  const ms = performance.now() - start;
  db.close();
  await Dexie.delete(name);
  return { name: v.name, records: count, rows, ms, jsonBytesPerRecord };
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
  { name: 'interactions, one block a page, no index', entity: 'interactions', schema: 'id', layout: 'block' },
  { name: 'customers, real indexes (id, *identityKeys)', entity: 'customers', schema: 'id, *identityKeys', layout: 'row' },
  { name: 'customers, primary key only', entity: 'customers', schema: 'id', layout: 'row' },
  { name: 'customers, real indexes, identity keys computed in the write', entity: 'customers', schema: 'id, *identityKeys', layout: 'row', keysInWrite: true },
];

async function probe(count: number, pageSize: number, rounds: number, only = ''): Promise<ProbeCase[][]> {
  const out: ProbeCase[][] = [];
  const variants = VARIANTS.filter((v) => v.name.includes(only));
  // Rounds alternate every variant, so the machine's load drifts over all of them alike.
  for (let r = 0; r < rounds; r++) {
    const round: ProbeCase[] = [];
    for (const v of variants) round.push(await runVariant(v, count, pageSize));
    out.push(round);
  }
  return out;
}

(globalThis as unknown as { __idbProbe: typeof probe }).__idbProbe = probe;
