// Bundled by run.ts with esbuild and run in a Chromium page: the extension's first-sync pull loop
// (lib/sync/engine.ts pullAll) rebuilt from the same pieces with a clock around each step, so the
// time of a page splits into fetch (server + transfer), JSON.parse, zod parse and the Dexie apply.
import Dexie from 'dexie';
import { applyPulledPage, TandemDatabase } from '../../lib/db';
import { PullResponse } from '../../lib/schema/api';

export interface ReplayResult {
  pages: number;
  changes: number;
  bytes: number;
  totalMs: number;
  fetchMs: number;
  jsonMs: number;
  zodMs: number;
  applyMs: number;
}

/** Pulls `pages` pages from `cursor` (or until the feed ends) into database `dbName`, as the engine would. */
async function replay(baseUrl: string, token: string, pageSize: number, dbName: string, cursor: number, pages: number): Promise<ReplayResult> {
  const db = new TandemDatabase(dbName);
  await db.open();
  const out: ReplayResult = { pages: 0, changes: 0, bytes: 0, totalMs: 0, fetchMs: 0, jsonMs: 0, zodMs: 0, applyMs: 0 };
  const start = performance.now();
  while (out.pages < pages) {
    const t0 = performance.now();
    const response = await fetch(`${baseUrl}/sync/pull?cursor=${cursor}&limit=${pageSize}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`pull answered ${response.status}: ${text.slice(0, 200)}`);
    const t1 = performance.now();
    const json: unknown = JSON.parse(text);
    const t2 = performance.now();
    const page = PullResponse.parse(json);
    const t3 = performance.now();
    // The engine's own call: the page and its cursor in one transaction over the tables it touches (attachments too).
    await applyPulledPage(db, page.changes, page.cursor);
    const t4 = performance.now();
    out.fetchMs += t1 - t0;
    out.jsonMs += t2 - t1;
    out.zodMs += t3 - t2;
    out.applyMs += t4 - t3;
    out.bytes += text.length;
    out.pages++;
    out.changes += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  out.totalMs = performance.now() - start;
  db.close();
  return out;
}

async function drop(dbName: string): Promise<void> {
  await Dexie.delete(dbName);
}

(globalThis as unknown as { __syncReplay: typeof replay; __dropDb: typeof drop }).__syncReplay = replay;
(globalThis as unknown as { __dropDb: typeof drop }).__dropDb = drop;
