// Recognition health, the background's side: each record page's outcome (./page-tally.ts in the content
// script) counted per site and day, and each miss kept as its address's pattern (./url-pattern.ts) with
// the layers that found nothing — never the address, the page's text or an id. Sent to the server after
// each sync (POST /recognition/reports) so an admin sees a site's markup change the day it ships.
import { type ApiClient, ApiClientError } from '../api/client';
import { getMeta, setMeta, type TandemDatabase } from '../db';
import type { Handlers } from '../messaging/dispatch';
import { RECOGNITION_LAYERS } from '../schema';
import {
  MAX_RECOGNITION_DAYS,
  MAX_RECOGNITION_MISSES,
  type RecognitionCounts,
  type RecognitionMiss,
  type RecognitionPage,
  type RecognitionReport,
} from '../schema/recognition';
import { urlPattern } from './url-pattern';

const PENDING = 'recognition.health.pending';
const OUTGOING = 'recognition.health.outgoing';

/** What this device has counted and not yet handed to a batch: counts by "site|day", the newest misses. */
interface Pending {
  days: Record<string, RecognitionCounts>;
  misses: RecognitionMiss[];
}

const empty = (): Pending => ({ days: {}, misses: [] });

/** Counts a settled record page: seen, and recognised or missed (with the miss's pattern and empty layers). */
export async function notePage(db: TandemDatabase, page: RecognitionPage, at: Date): Promise<void> {
  const day = at.toISOString().slice(0, 10);
  const key = `${page.site}|${day}`;
  await db.transaction('rw', db.meta, async () => {
    const pending = (await getMeta<Pending>(db, PENDING)) ?? empty();
    const counts = pending.days[key] ?? { seen: 0, recognised: 0, missed: 0 };
    counts.seen++;
    if (page.recognised) counts.recognised++;
    else counts.missed++;
    pending.days[key] = counts;
    if (!page.recognised) {
      const miss: RecognitionMiss = {
        site: page.site,
        at: at.toISOString(),
        urlPattern: urlPattern(page.url),
        layers: RECOGNITION_LAYERS.filter((l) => !page.found.includes(l)),
        named: page.named,
      };
      pending.misses = [...pending.misses, miss].slice(-MAX_RECOGNITION_MISSES);
    }
    // A device offline for a very long time keeps its newest days.
    const keys = Object.keys(pending.days).sort((a, b) => a.split('|')[1]!.localeCompare(b.split('|')[1]!));
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_RECOGNITION_DAYS))) delete pending.days[old];
    await setMeta(db, PENDING, pending);
  });
}

/**
 * Sends what was counted: the pending counts become one batch under a fresh id, sent (again, after a
 * failure, under the same id: the server skips a batch it has) until the server has it. Health never
 * fails a sync: a batch the server refuses (400, or 404 from a server without the route) is dropped,
 * one it could not take now waits for the next sync.
 */
export async function flushRecognitionHealth(db: TandemDatabase, api: Pick<ApiClient, 'recognitionReport'>): Promise<void> {
  const batch = await db.transaction('rw', db.meta, async () => {
    const outgoing = await getMeta<RecognitionReport | null>(db, OUTGOING);
    if (outgoing) return outgoing;
    const pending = (await getMeta<Pending>(db, PENDING)) ?? empty();
    const days = Object.entries(pending.days).map(([key, counts]) => {
      const [site, day] = key.split('|') as [string, string];
      return { site, day, ...counts };
    });
    if (days.length === 0 && pending.misses.length === 0) return null;
    const report: RecognitionReport = { batchId: crypto.randomUUID(), days, misses: pending.misses };
    await setMeta(db, OUTGOING, report);
    await setMeta(db, PENDING, empty());
    return report;
  });
  if (!batch) return;
  try {
    await api.recognitionReport(batch);
  } catch (error) {
    const refused = error instanceof ApiClientError && error.status !== null && error.status >= 400 && error.status < 500 && error.status !== 429;
    if (!refused) return;
  }
  await setMeta(db, OUTGOING, null);
}

export function createRecognitionHealthHandlers({ db, now }: { db: TandemDatabase; now: () => Date }): Pick<Handlers, 'recognition.page'> {
  return {
    'recognition.page': async (page) => {
      await notePage(db, page, now());
      return {};
    },
  };
}
