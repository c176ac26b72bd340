// Bundled by run.ts with esbuild and run inside a Chromium page: the extension's own Dexie database
// class and identity query (lib/db) on Chromium's real IndexedDB, with N generated customers.
import Dexie from 'dexie';
import { findCustomersByIdentities, TandemDatabase, toCachedCustomer } from '../../lib/db';
import { normalizePageIdentities } from '../../lib/identity/normalize';
import type { Customer, Identity } from '../../lib/schema';

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

/**
 * The same lookup as findCustomersByIdentities, but one equals() per key (IDBIndex.getAll) instead of
 * anyOf().distinct() (a cursor walk): measured side by side as a candidate for lib/db.
 */
async function lookupByEquals(db: TandemDatabase, ids: Identity[]): Promise<number> {
  const keys = [...new Set(ids.map((i) => `${i.kind}:${i.value}`))];
  const lists = await Promise.all(keys.map((k) => db.customers.where('identityKeys').equals(k).toArray()));
  return new Set(lists.flat().map((c) => c.id)).size;
}

async function run(n: number, queries: number): Promise<{ seedMs: number; lookups: number[]; normalize: number[]; equals: number[]; hits: number }> {
  const db = new TandemDatabase(`bench-${n}-${Date.now()}`);
  await db.open();
  const t0 = performance.now();
  for (let start = 0; start < n; start += 5000) {
    const batch: ReturnType<typeof toCachedCustomer>[] = [];
    for (let i = start; i < Math.min(n, start + 5000); i++) batch.push(toCachedCustomer(customer(i)));
    await db.customers.bulkPut(batch);
  }
  const seedMs = performance.now() - t0;
  const lookups: number[] = [];
  const normalize: number[] = [];
  const equals: number[] = [];
  let hits = 0;
  for (let q = 0; q < queries; q++) {
    // What a page reports: an email and a phone as written; one query in ten is nobody we know.
    const i = (q * 7919) % n;
    const known = q % 10 !== 0;
    const reported = {
      identities: [
        { kind: 'email' as const, value: known ? `customer${i}@example${i % 97}.com` : `stranger${q}@example.org` },
        {
          kind: 'phone' as const,
          value: known ? `(415) ${String(5_000_000 + i).replace(/^(\d{3})/, '$1-')}` : `(212) 555-01${String(q % 100).padStart(2, '0')}`,
        },
      ],
      country: 'US',
    };
    const a = performance.now();
    const ids = normalizePageIdentities(reported);
    const b = performance.now();
    const found = await findCustomersByIdentities(db, ids);
    const c = performance.now();
    await lookupByEquals(db, ids);
    const d = performance.now();
    normalize.push(b - a);
    lookups.push(c - b);
    equals.push(d - c);
    if (found.length > 0) hits++;
  }
  db.close();
  await Dexie.delete(db.name);
  return { seedMs, lookups, normalize, equals, hits };
}

(globalThis as unknown as { __lookupBench: typeof run }).__lookupBench = run;
