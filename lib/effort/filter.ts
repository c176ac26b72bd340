// The queue's effort filter (issue 22): the cases whose customer had to work hard, in three overlapping kinds a team
// lead asks about. A case may be of several kinds (like tags), so each kind counts it.
import type { Effort } from '../schema/effort';

/** The kinds, in the order the queue offers them (their names are catalog messages: components/QueueFilters.tsx). */
export const EFFORT_FILTERS = ['repeat', 'three-plus', 'switched'] as const;
export type EffortFilter = (typeof EFFORT_FILTERS)[number];

const TEST: Record<EffortFilter, (effort: Effort) => boolean> = {
  repeat: (e) => e.repeats > 0,
  'three-plus': (e) => e.contacts >= 3,
  switched: (e) => e.switches > 0,
};

/** The kinds of effort a case's customer went to (none when they have not written). */
export function effortKinds(effort: Effort | null | undefined): EffortFilter[] {
  return effort ? EFFORT_FILTERS.filter((kind) => TEST[kind](effort)) : [];
}
