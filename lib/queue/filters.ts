// Queue filters and the count behind each filter value. A count answers "how many would I see if I picked this",
// so it applies every other active filter but not its own (facet counts).
import { type EffortFilter, effortKinds } from '../effort/filter';
import type { Effort } from '../schema/effort';
import type { CaseStatus, Channel, ValueBand } from '../schema/entities';

export type AssigneeFilter = 'anyone' | 'me' | 'unassigned' | 'others';

export interface QueueFilters {
  channel: Channel | null;
  teamId: string | null;
  status: CaseStatus | null;
  assignee: AssigneeFilter;
  tag: string | null;
  /** The customer's value band (exact values are banded too, so every role filters alike). */
  value: ValueBand | null;
  /** What the customer had to go through (lib/effort/filter.ts): repeat contacts, three or more, switched channels. */
  effort: EffortFilter | null;
}

export const NO_FILTERS: QueueFilters = { channel: null, teamId: null, status: null, assignee: 'anyone', tag: null, value: null, effort: null };

export interface Filterable {
  channel: Channel;
  teamId: string;
  status: CaseStatus;
  assigneeId: string | null;
  tags: readonly string[];
  customerValueBand: ValueBand | null;
  effort?: Effort | null;
}

export type Facet = 'channel' | 'teamId' | 'status' | 'assignee' | 'tag' | 'value' | 'effort';

export function assigneeBucket(assigneeId: string | null, meId: string | null): Exclude<AssigneeFilter, 'anyone'> {
  if (assigneeId === null) return 'unassigned';
  return assigneeId === meId ? 'me' : 'others';
}

function passes(row: Filterable, f: QueueFilters, meId: string | null, skip: Facet | null): boolean {
  if (skip !== 'channel' && f.channel !== null && row.channel !== f.channel) return false;
  if (skip !== 'teamId' && f.teamId !== null && row.teamId !== f.teamId) return false;
  if (skip !== 'status' && f.status !== null && row.status !== f.status) return false;
  if (skip !== 'assignee' && f.assignee !== 'anyone' && assigneeBucket(row.assigneeId, meId) !== f.assignee) return false;
  if (skip !== 'tag' && f.tag !== null && !row.tags.includes(f.tag)) return false;
  if (skip !== 'value' && f.value !== null && row.customerValueBand !== f.value) return false;
  if (skip !== 'effort' && f.effort !== null && !effortKinds(row.effort).includes(f.effort)) return false;
  return true;
}

export function applyFilters<T extends Filterable>(rows: readonly T[], f: QueueFilters, meId: string | null): T[] {
  return rows.filter((row) => passes(row, f, meId, null));
}

export type FacetCounts = Record<Facet, Map<string, number>>;

export const emptyCounts = (): FacetCounts => ({
  channel: new Map(),
  teamId: new Map(),
  status: new Map(),
  assignee: new Map(),
  tag: new Map(),
  value: new Map(),
  effort: new Map(),
});

/** Adds (by 1) or takes away (by -1) one row's part in the facet counts; a value whose count falls to 0 is dropped. */
export function countRow(counts: FacetCounts, row: Filterable, f: QueueFilters, meId: string | null, by: 1 | -1): void {
  const bump = (facet: Facet, value: string) => {
    const next = (counts[facet].get(value) ?? 0) + by;
    if (next === 0) counts[facet].delete(value);
    else counts[facet].set(value, next);
  };
  if (passes(row, f, meId, 'channel')) bump('channel', row.channel);
  if (passes(row, f, meId, 'teamId')) bump('teamId', row.teamId);
  if (passes(row, f, meId, 'status')) bump('status', row.status);
  if (passes(row, f, meId, 'assignee')) {
    bump('assignee', assigneeBucket(row.assigneeId, meId));
    bump('assignee', 'anyone');
  }
  if (passes(row, f, meId, 'tag')) for (const tag of new Set(row.tags)) bump('tag', tag);
  if (row.customerValueBand && passes(row, f, meId, 'value')) bump('value', row.customerValueBand);
  if (passes(row, f, meId, 'effort')) for (const kind of effortKinds(row.effort)) bump('effort', kind);
}

/** Does the row show under the filters? */
export const matches = (row: Filterable, f: QueueFilters, meId: string | null): boolean => passes(row, f, meId, null);

/** For each facet, value → how many rows match it together with the other active filters. One pass over the rows. */
export function facetCounts(rows: readonly Filterable[], f: QueueFilters, meId: string | null): FacetCounts {
  const counts = emptyCounts();
  for (const row of rows) countRow(counts, row, f, meId, 1);
  return counts;
}
