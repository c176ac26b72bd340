// A broadcast's read rate for the console: the share of its agents who acknowledged it, now and over time.
import type { BroadcastReader } from '../schema/broadcast-receipts';

export interface ReadRatePoint {
  /** The end of the hour (UTC, ISO) by which `seen` agents had acknowledged it. */
  at: string;
  seen: number;
  total: number;
  rate: number;
}

const HOUR = 3_600_000;

/** Seen and total now; the rate is 0 for a broadcast that reaches no agent. */
export function readRate(readers: readonly BroadcastReader[]): { seen: number; total: number; rate: number } {
  const seen = readers.filter((r) => r.seenAt !== null).length;
  return { seen, total: readers.length, rate: readers.length === 0 ? 0 : seen / readers.length };
}

/**
 * The read rate at the end of each hour in which someone acknowledged the broadcast, oldest first: a step line that
 * only rises, ending at the rate now. Empty until the first acknowledgement.
 */
export function readRateOverTime(readers: readonly BroadcastReader[]): ReadRatePoint[] {
  const total = readers.length;
  const perHour = new Map<number, number>();
  for (const r of readers) {
    if (r.seenAt === null) continue;
    const hourEnd = Math.floor(Date.parse(r.seenAt) / HOUR) * HOUR + HOUR;
    perHour.set(hourEnd, (perHour.get(hourEnd) ?? 0) + 1);
  }
  let seen = 0;
  return [...perHour.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hourEnd, count]) => {
      seen += count;
      return { at: new Date(hourEnd).toISOString(), seen, total, rate: seen / total };
    });
}
