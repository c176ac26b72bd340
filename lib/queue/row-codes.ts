// The filters and facet counts of lib/queue/filters.ts over rows whose facet values are small integers: the page's
// model (lib/queue/model.ts) codes each row once when it arrives, so rebuilding the view at 50,000 rows compares
// integers and bumps typed-array counters instead of comparing strings and updating Maps per row (issue 20:
// filter change ≤ 20 ms p95). `facetCounts`/`matches` stay the definition; lib/queue/model.test.ts checks these
// against them.
import { EFFORT_FILTERS, effortKinds } from '../effort/filter';
import { type AssigneeFilter, emptyCounts, type Facet, type FacetCounts, type Filterable, type QueueFilters } from './filters';

/** A row's facet values as codes (-1: the row has none); tags deduplicated; effort kinds as bits of EFFORT_FILTERS. */
export interface RowCodes {
  channel: number;
  teamId: number;
  status: number;
  /** The assignee's id, coded: who "me" is changes with the agent, so the bucket is worked out per build. */
  assignee: number;
  value: number;
  tags: number[];
  effort: number;
}

/** Filters as codes: -1 where no value is picked. */
interface CodedFilters {
  channel: number;
  teamId: number;
  status: number;
  /** An ASSIGNEE_BUCKETS index. */
  assignee: number;
  me: number;
  tag: number;
  value: number;
  /** The picked kind's bit, 0 when none. */
  effort: number;
}

const ASSIGNEE_BUCKETS = ['me', 'unassigned', 'others'] as const satisfies readonly Exclude<AssigneeFilter, 'anyone'>[];
/** The assignee counter that counts every row, under the filter value 'anyone'. */
const ANYONE = ASSIGNEE_BUCKETS.length;

/** What `failed` answers besides a facet's index in FACETS: the row shows, or it fails two filters or more. */
export const NONE = -1;
export const SEVERAL = -2;
const FACETS: Facet[] = ['channel', 'teamId', 'status', 'assignee', 'tag', 'value', 'effort'];
const [CHANNEL, TEAM, STATUS, ASSIGNEE, TAG, VALUE, EFFORT] = FACETS.map((_, i) => i) as number[] as [number, number, number, number, number, number, number];

/** A string's code, given out once and kept: the model's few hundred distinct values never need freeing. */
class Dictionary {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];
  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }
  codeOrNone(value: string | null): number {
    return value === null ? -1 : this.code(value);
  }
}

/** Counters are Int32Arrays sized to the dictionary, so an index is always in range (a read answers a number). */
const bump = (tally: Int32Array, at: number) => {
  tally[at] = (tally[at] as number) + 1;
};

const effortBits = (row: Filterable) => effortKinds(row.effort).reduce((bits, kind) => bits | (1 << EFFORT_FILTERS.indexOf(kind)), 0);

export function createRowCoder() {
  const dictionaries = {
    channel: new Dictionary(),
    teamId: new Dictionary(),
    status: new Dictionary(),
    assignee: new Dictionary(),
    tag: new Dictionary(),
    value: new Dictionary(),
  };

  function code(row: Filterable): RowCodes {
    return {
      channel: dictionaries.channel.code(row.channel),
      teamId: dictionaries.teamId.code(row.teamId),
      status: dictionaries.status.code(row.status),
      assignee: dictionaries.assignee.codeOrNone(row.assigneeId),
      value: dictionaries.value.codeOrNone(row.customerValueBand),
      tags: [...new Set(row.tags)].map((tag) => dictionaries.tag.code(tag)),
      effort: effortBits(row),
    };
  }

  function codeFilters(f: QueueFilters, meId: string | null): CodedFilters {
    return {
      channel: dictionaries.channel.codeOrNone(f.channel),
      teamId: dictionaries.teamId.codeOrNone(f.teamId),
      status: dictionaries.status.codeOrNone(f.status),
      assignee: f.assignee === 'anyone' ? -1 : ASSIGNEE_BUCKETS.indexOf(f.assignee),
      // No row is coded -2: with no agent, no row is theirs (as assigneeBucket says).
      me: meId === null ? -2 : dictionaries.assignee.code(meId),
      tag: dictionaries.tag.codeOrNone(f.tag),
      value: dictionaries.value.codeOrNone(f.value),
      effort: f.effort === null ? 0 : 1 << EFFORT_FILTERS.indexOf(f.effort),
    };
  }

  /** Starts a rebuild: the filters coded, and a counter per facet value at 0. */
  function pass(filters: QueueFilters, meId: string | null): Pass {
    return {
      filters: codeFilters(filters, meId),
      tallies: {
        channel: new Int32Array(dictionaries.channel.values.length),
        teamId: new Int32Array(dictionaries.teamId.values.length),
        status: new Int32Array(dictionaries.status.values.length),
        assignee: new Int32Array(ANYONE + 1),
        tag: new Int32Array(dictionaries.tag.values.length),
        value: new Int32Array(dictionaries.value.values.length),
        effort: new Int32Array(EFFORT_FILTERS.length),
      },
    };
  }

  /** The pass's tallies as filters.ts's FacetCounts (values counted 0 left out). */
  function counts({ tallies }: Pass): FacetCounts {
    const out = emptyCounts();
    const fill = (facet: Facet, tally: Int32Array, names: readonly string[]) =>
      tally.forEach((n, i) => {
        if (n !== 0) out[facet].set(names[i] as string, n);
      });
    for (const facet of ['channel', 'teamId', 'status', 'tag', 'value'] as const) fill(facet, tallies[facet], dictionaries[facet].values);
    fill('assignee', tallies.assignee, [...ASSIGNEE_BUCKETS, 'anyone']);
    fill('effort', tallies.effort, EFFORT_FILTERS);
    return out;
  }

  return { code, pass, counts };
}

/** One rebuild's coded filters and counters (`createRowCoder().pass`). */
export interface Pass {
  filters: CodedFilters;
  tallies: Record<Facet, Int32Array>;
}

// The two functions below run once per row per rebuild (50,000 rows): plain branches on integers, and module-level
// functions rather than closures made per rebuild — a new closure is a new call target, and V8 throws away the
// optimised loop that called the last one (the slow first rebuild after each filter change, seen with --trace-deopt).

/** The row's ASSIGNEE_BUCKETS index, as assigneeBucket() decides. */
const bucketOf = (c: RowCodes, me: number) => (c.assignee < 0 ? 1 : c.assignee === me ? 0 : 2);

/** Which filter the row fails: NONE, a facet's index, or SEVERAL (as filters.ts's failedFacet). */
export function failedFilter(c: RowCodes, f: CodedFilters): number {
  let failed = NONE;
  if (f.channel >= 0 && c.channel !== f.channel) failed = CHANNEL;
  if (f.teamId >= 0 && c.teamId !== f.teamId) {
    if (failed !== NONE) return SEVERAL;
    failed = TEAM;
  }
  if (f.status >= 0 && c.status !== f.status) {
    if (failed !== NONE) return SEVERAL;
    failed = STATUS;
  }
  if (f.assignee >= 0 && bucketOf(c, f.me) !== f.assignee) {
    if (failed !== NONE) return SEVERAL;
    failed = ASSIGNEE;
  }
  if (f.tag >= 0 && !c.tags.includes(f.tag)) {
    if (failed !== NONE) return SEVERAL;
    failed = TAG;
  }
  if (f.value >= 0 && c.value !== f.value) {
    if (failed !== NONE) return SEVERAL;
    failed = VALUE;
  }
  if (f.effort !== 0 && (c.effort & f.effort) === 0) {
    if (failed !== NONE) return SEVERAL;
    failed = EFFORT;
  }
  return failed;
}

/** Counts a row that failed `failed` (NONE or one facet: see failedFilter) under each facet it counts in. */
export function countCodes({ filters, tallies }: Pass, c: RowCodes, failed: number): void {
  const all = failed === NONE;
  if (all || failed === CHANNEL) bump(tallies.channel, c.channel);
  if (all || failed === TEAM) bump(tallies.teamId, c.teamId);
  if (all || failed === STATUS) bump(tallies.status, c.status);
  if (all || failed === ASSIGNEE) {
    bump(tallies.assignee, bucketOf(c, filters.me));
    bump(tallies.assignee, ANYONE);
  }
  if (all || failed === TAG) for (let i = 0; i < c.tags.length; i++) bump(tallies.tag, c.tags[i] as number);
  if (c.value >= 0 && (all || failed === VALUE)) bump(tallies.value, c.value);
  if (c.effort !== 0 && (all || failed === EFFORT)) for (let k = 0; k < EFFORT_FILTERS.length; k++) if (c.effort & (1 << k)) bump(tallies.effort, k);
}
