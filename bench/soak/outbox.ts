// The outbox soak: many captures written through the real extension (built, in Chromium) to a real server while
// random faults strike, then the invariant: every capture the background acknowledged is on the server exactly once,
// with the case id it answered, and nothing is on it twice. `npm run soak:outbox` (10,000 outbox items) and, short,
// e2e/soak/outbox.test.ts.
import { loadavg } from 'node:os';
import type { CDPSession, Page } from 'playwright-core';
import { captureRequest, sendFrom } from '../../e2e/extension-messages';
import type { Harness } from '../../e2e/harness';
import { serverRecords } from '../../e2e/server-view';
import type { Change } from '../../lib/schema';
import { createRng } from '../../server/seed/prng';

/** Each capture of a post with no identities queues three outbox items: its new contact, the case, the interaction. */
export const ITEMS_PER_CAPTURE = 3;

/** The faults a round may meet while its captures are written; `none` lets the writes race their own syncs. */
export const SOAK_FAULTS = ['none', 'offline', 'one-way', 'stalled', 'worker-stop'] as const;
export type SoakFault = (typeof SOAK_FAULTS)[number];

export interface SoakReport {
  seed: number;
  captures: number;
  answered: number;
  outboxItems: number;
  faults: Record<SoakFault, number>;
  /** Acknowledged captures the server does not have, or has under another case id. */
  lost: string[];
  /** External ids the server holds more than once, and cases with other than one interaction. */
  duplicated: string[];
  writeMs: number;
  drainMs: number;
  load: number[];
}

interface Written {
  externalId: string;
  caseId: string | null;
}

/** How long the outbox may take to drain after the last fault (a stalled push waits out its 15 s timeout first). */
const DRAIN_MS = 300_000;

/**
 * Writes `items` outbox items (as captures, ITEMS_PER_CAPTURE each) in rounds of 5–40 concurrent captures; each round
 * meets one fault drawn from `seed`. Ids are `soak-<seed>-<n>`: not a tweet id, so no fixture post shares it.
 */
export async function runOutboxSoak(h: Harness, { items, seed, log = () => undefined }: { items: number; seed: number; log?: (line: string) => void }) {
  const rng = createRng(seed);
  const popup = await h.openExtensionPage('popup.html');
  const cdp: CDPSession = await h.context.newCDPSession(popup);
  await cdp.send('ServiceWorker.enable');
  const captures = Math.ceil(items / ITEMS_PER_CAPTURE);
  const written: Written[] = [];
  const faults = Object.fromEntries(SOAK_FAULTS.map((f) => [f, 0])) as Record<SoakFault, number>;
  const started = Date.now();

  while (written.length < captures) {
    const round = Math.min(captures - written.length, rng.int(5, 40));
    const fault = rng.pick(SOAK_FAULTS);
    faults[fault] += 1;
    const ids = Array.from({ length: round }, (_, k) => `soak-${seed}-${written.length + k}`);
    strike(h, fault, true);
    const writing = Promise.all(ids.map((externalId) => capture(popup, externalId)));
    if (fault === 'worker-stop') await new Promise((r) => setTimeout(r, rng.int(0, 60))).then(() => cdp.send('ServiceWorker.stopAllWorkers'));
    written.push(...(await writing));
    // Let the fault hold a while after the writes (syncs meet it), then heal.
    await new Promise((r) => setTimeout(r, rng.int(0, 200)));
    strike(h, fault, false);
    if (written.length % 500 < round) log(`${written.length}/${captures} captures written (load ${loadavg()[0]?.toFixed(1)})`);
  }
  const writeMs = Date.now() - started;
  await drain(popup);
  const drainMs = Date.now() - started - writeMs;
  await popup.close();
  const report = check(seed, written, await serverRecords(h.directServerUrl));
  return { ...report, faults, writeMs, drainMs, load: loadavg() } satisfies SoakReport;
}

function strike(h: Harness, fault: SoakFault, on: boolean): void {
  if (fault === 'offline') h.network.setOffline(on);
  if (fault === 'one-way') h.network.setOneWay(on);
  if (fault === 'stalled') h.network.stall(on ? ['/sync/push', '/sync/pull'] : []);
}

async function capture(page: Page, externalId: string): Promise<Written> {
  const reply = await sendFrom(page, 'capture.create', captureRequest(externalId));
  return { externalId, caseId: reply?.ok ? (reply.value as { caseId: string }).caseId : null };
}

/** Asks for syncs until nothing is queued: a stopped worker is woken by the message. */
async function drain(popup: Page): Promise<void> {
  const deadline = Date.now() + DRAIN_MS;
  for (;;) {
    const status = await sendFrom(popup, 'sync.now', {});
    const value = status?.value as { pending: number; syncing: boolean; failed: unknown[] } | undefined;
    if (status?.ok && value && value.pending === 0 && !value.syncing) {
      if (value.failed.length > 0) throw new Error(`The server refused ${value.failed.length} writes: ${JSON.stringify(value.failed.slice(0, 3))}`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`The outbox did not drain: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The invariant, read from cursor 0 past the extension. */
function check(seed: number, written: readonly Written[], records: readonly Change[]) {
  const prefix = `soak-${seed}-`;
  const casesBySource = new Map<string, string[]>();
  const interactionsByCase = new Map<string, number>();
  for (const c of records) {
    if (c.entity === 'cases' && c.record.source.externalId?.startsWith(prefix)) {
      const key = c.record.source.externalId;
      casesBySource.set(key, [...(casesBySource.get(key) ?? []), c.record.id]);
    }
    if (c.entity === 'interactions' && c.record.caseId) interactionsByCase.set(c.record.caseId, (interactionsByCase.get(c.record.caseId) ?? 0) + 1);
  }
  const answered = written.filter((w) => w.caseId !== null);
  const lost = answered.filter((w) => casesBySource.get(w.externalId)?.[0] !== w.caseId).map((w) => w.externalId);
  const duplicated = [
    ...[...casesBySource].filter(([, ids]) => ids.length > 1).map(([externalId]) => externalId),
    ...[...casesBySource.values()]
      .flat()
      .filter((caseId) => interactionsByCase.get(caseId) !== 1)
      .map((caseId) => `interactions of ${caseId}`),
  ];
  const onServer = [...casesBySource.values()].flat().length;
  return { seed, captures: written.length, answered: answered.length, outboxItems: onServer * ITEMS_PER_CAPTURE, lost, duplicated };
}
