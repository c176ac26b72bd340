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

/**
 * Which filter the row fails: 'none', the one facet, or 'several'. A facet's count applies every other filter, so a
 * row counts under every facet when it fails none, only under the facet it fails when it fails one, and nowhere
 * else — one look at each filter per row, however many facets are counted. The page's model does the same on coded
 * values (lib/queue/row-codes.ts): a facet added here must be added there too (lib/queue/model.test.ts compares them).
 */
function failedFacet(row: Filterable, f: QueueFilters, meId: string | null): Facet | 'none' | 'several' {
  // Plain branches, no closures: this runs once per row in queueView() and facetCounts().
  let failed: Facet | 'none' = 'none';
  if (f.channel !== null && row.channel !== f.channel) failed = 'channel';
  if (f.teamId !== null && row.teamId !== f.teamId) {
    if (failed !== 'none') return 'several';
    failed = 'teamId';
  }
  if (f.status !== null && row.status !== f.status) {
    if (failed !== 'none') return 'several';
    failed = 'status';
  }
  if (f.assignee !== 'anyone' && assigneeBucket(row.assigneeId, meId) !== f.assignee) {
    if (failed !== 'none') return 'several';
    failed = 'assignee';
  }
  if (f.tag !== null && !row.tags.includes(f.tag)) {
    if (failed !== 'none') return 'several';
    failed = 'tag';
  }
  if (f.value !== null && row.customerValueBand !== f.value) {
    if (failed !== 'none') return 'several';
    failed = 'value';
  }
  if (f.effort !== null && !effortKinds(row.effort).includes(f.effort)) {
    if (failed !== 'none') return 'several';
    failed = 'effort';
  }
  return failed;
}

export function applyFilters<T extends Filterable>(rows: readonly T[], f: QueueFilters, meId: string | null): T[] {
  return rows.filter((row) => matches(row, f, meId));
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

/**
 * Adds (by 1) or takes away (by -1) one row's part in the facet counts; a value whose count falls to 0 is dropped.
 * Answers whether the row shows under the filters, so one look at the filters serves both.
 */
export function countRow(counts: FacetCounts, row: Filterable, f: QueueFilters, meId: string | null, by: number): boolean {
  const failed = failedFacet(row, f, meId);
  if (failed === 'several') return false;
  const all = failed === 'none';
  if (all || failed === 'channel') bump(counts.channel, row.channel, by);
  if (all || failed === 'teamId') bump(counts.teamId, row.teamId, by);
  if (all || failed === 'status') bump(counts.status, row.status, by);
  if (all || failed === 'assignee') {
    bump(counts.assignee, assigneeBucket(row.assigneeId, meId), by);
    bump(counts.assignee, 'anyone', by);
  }
  if (all || failed === 'tag')
    for (let i = 0; i < row.tags.length; i++) if (row.tags.indexOf(row.tags[i] as string) === i) bump(counts.tag, row.tags[i] as string, by);
  if (row.customerValueBand && (all || failed === 'value')) bump(counts.value, row.customerValueBand, by);
  if (row.effort && (all || failed === 'effort')) for (const kind of effortKinds(row.effort)) bump(counts.effort, kind, by);
  return all;
}

/** One value's count moved by `by`; a value whose count falls to 0 is dropped. */
function bump(counts: Map<string, number>, value: string, by: number): void {
  const next = (counts.get(value) ?? 0) + by;
  if (next === 0) counts.delete(value);
  else counts.set(value, next);
}

/** Does the row show under the filters? */
export const matches = (row: Filterable, f: QueueFilters, meId: string | null): boolean => failedFacet(row, f, meId) === 'none';

/** For each facet, value → how many rows match it together with the other active filters. One pass over the rows. */
export function facetCounts(rows: readonly Filterable[], f: QueueFilters, meId: string | null): FacetCounts {
  const counts = emptyCounts();
  for (const row of rows) countRow(counts, row, f, meId, 1);
  return counts;
}
