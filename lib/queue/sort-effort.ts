// The queue's "most effort first" order (issue 22): customers who had to write most, on most channels, about the same
// case again, come first; ties keep the queue's own order (lib/queue/sort.ts), so deadlines still decide among equals.
// Registration (helper `speed` owns lib/queue): the queue background attaches `effortByCase(interactions)` (lib/effort)
// to each row, and the sort selector calls `sortByEffort(rows, (row) => row.effort)` when the agent picks "Effort".
import type { Effort } from '../schema/effort';

/** One number per case: each message counts, each channel switch and each repeat about the same case counts double. */
export function effortScore(effort: Effort | undefined): number {
  return effort ? effort.contacts + 2 * effort.switches + 2 * effort.repeats : 0;
}

/** Rows by effort, highest first; a stable sort, so rows of equal effort keep the order they came in. */
export function sortByEffort<T>(rows: readonly T[], effortOf: (row: T) => Effort | undefined): T[] {
  return rows
    .map((row, index) => ({ row, index, score: effortScore(effortOf(row)) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((r) => r.row);
}
