// The queue's "most effort first" order (issue 22): customers who had to write most, on most channels, about the same
// case again, come first; ties keep the queue's own order (lib/queue/sort.ts), so deadlines still decide among equals.
// The queue background attaches each case's `effortByCase` (lib/effort) to its row; the queue page's order selector
// sets `queueOrder` (lib/queue/state.ts), and the view orders its rows with `orderRows`.
import type { Effort } from '../schema/effort';

/** The orders the queue page offers: the queue's own (deadline, then who matters most) or the customer's effort (names: the catalog). */
export const QUEUE_ORDERS = ['deadline', 'effort'] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];

/** One number per case: each message counts, each channel switch and each repeat about the same case counts double. */
export function effortScore(effort: Effort | null | undefined): number {
  return effort ? effort.contacts + 2 * effort.switches + 2 * effort.repeats : 0;
}

/** Rows by effort, highest first; a stable sort, so rows of equal effort keep the order they came in. */
export function sortByEffort<T>(rows: readonly T[], effortOf: (row: T) => Effort | null | undefined): T[] {
  return rows
    .map((row, index) => ({ row, index, score: effortScore(effortOf(row)) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((r) => r.row);
}

/** Rows already in the queue's own order, in the order the agent picked. */
export function orderRows<T extends { effort?: Effort | null }>(rows: T[], order: QueueOrder): T[] {
  return order === 'effort' ? sortByEffort(rows, (row) => row.effort) : rows;
}
