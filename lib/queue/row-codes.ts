// The filters and facet counts of lib/queue/filters.ts over rows whose facet values are small integers: the page's
// model (lib/queue/model.ts) codes each row once when it arrives, so rebuilding the view at 50,000 rows reads typed
// arrays and bumps typed-array counters instead of comparing strings and updating Maps per row (issue 20: filter
// change ≤ 20 ms p95). `facetCounts`/`matches` stay the definition; lib/queue/model.test.ts checks these against them.
import { EFFORT_FILTERS, effortKinds } from '../effort/filter';
import { type AssigneeFilter, emptyCounts, type Facet, type FacetCounts, type Filterable, type QueueFilters } from './filters';

/** A row's facet values as codes (-1: the row has none); tags deduplicated; effort kinds as bits of EFFORT_FILTERS. */
export interface RowCodes {
  channel: number;
  teamId: number;
  status: number;
  /** The assignee's id, coded: who "me" is changes with the agent, so the bucket is worked out per rebuild. */
  assignee: number;
  value: number;
  tags: number[];
  effort: number;
}

/**
 * The filters as tables: for each facet, 1 at the codes that pass its filter (every code when no value is picked).
 * A table read costs the same whichever filters are picked, so no filter change runs code the last rebuild did not
 * (see the note above failedFilter).
 */
interface CodedFilters {
  channel: Uint8Array;
  teamId: Uint8Array;
  status: Uint8Array;
  /** By ASSIGNEE_BUCKETS index. */
  assignee: Uint8Array;
  /** By value code + 1 (0: no band). */
  value: Uint8Array;
  /** By effort bits. */
  effort: Uint8Array;
  /** The picked tag's code, -1 when none. */
  tag: number;
  /** The agent's assignee code; -2 (no row's) when there is no agent, so no row is theirs (as assigneeBucket says). */
  me: number;
}

const ASSIGNEE_BUCKETS = ['me', 'unassigned', 'others'] as const satisfies readonly Exclude<AssigneeFilter, 'anyone'>[];
/** The assignee counter that counts every row, under the filter value 'anyone'. */
const ANYONE = ASSIGNEE_BUCKETS.length;

/** What `failedFilter` answers besides a facet's index in FACETS: the row shows, or it fails two filters or more. */
export const NONE = -1;
export const SEVERAL = -2;
const FACETS: Facet[] = ['channel', 'teamId', 'status', 'assignee', 'tag', 'value', 'effort'];
const [CHANNEL, TEAM, STATUS, ASSIGNEE, TAG, VALUE, EFFORT] = FACETS.map((_, i) => i) as [number, number, number, number, number, number, number];
/** By `failedFilter`'s answer + 1: 1 under each facet the row counts in (all when it fails none, else only the one it fails). */
const COUNTS_UNDER = [NONE, ...FACETS.map((_, i) => i)].map((failed) => Uint8Array.from(FACETS, (_, i) => (failed === NONE || failed === i ? 1 : 0)));

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

/** 1 at `picked` only, or 1 everywhere when nothing is picked (-1). */
function passTable(size: number, picked: number): Uint8Array {
  const table = new Uint8Array(size).fill(picked < 0 ? 1 : 0);
  if (picked >= 0) table[picked] = 1;
  return table;
}

/** Counters are Int32Arrays sized to the dictionary, so an index is always in range (a read answers a number). */
const bump = (tally: Int32Array, at: number, by: number) => {
  tally[at] = (tally[at] as number) + by;
};
const read = (table: Uint8Array, at: number) => table[at] as number;

const effortBit = (kind: (typeof EFFORT_FILTERS)[number]) => 1 << EFFORT_FILTERS.indexOf(kind);
const EFFORT_MASKS = 1 << EFFORT_FILTERS.length;

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
    // Built by push from an empty literal, so every row's tags are the same kind of array (packed small integers).
    const tags: number[] = [];
    for (const tag of row.tags) {
      const tagCode = dictionaries.tag.code(tag);
      if (!tags.includes(tagCode)) tags.push(tagCode);
    }
    return {
      channel: dictionaries.channel.code(row.channel),
      teamId: dictionaries.teamId.code(row.teamId),
      status: dictionaries.status.code(row.status),
      assignee: dictionaries.assignee.codeOrNone(row.assigneeId),
      value: dictionaries.value.codeOrNone(row.customerValueBand),
      tags,
      effort: effortKinds(row.effort).reduce((bits, kind) => bits | effortBit(kind), 0),
    };
  }

  /** Picked values are coded too (a value no row has yet gets a code no row carries): codes first, tables sized after. */
  function codeFilters(f: QueueFilters, meId: string | null): CodedFilters {
    const picked = {
      channel: dictionaries.channel.codeOrNone(f.channel),
      teamId: dictionaries.teamId.codeOrNone(f.teamId),
      status: dictionaries.status.codeOrNone(f.status),
      value: dictionaries.value.codeOrNone(f.value),
      tag: dictionaries.tag.codeOrNone(f.tag),
      me: meId === null ? -2 : dictionaries.assignee.code(meId),
    };
    const effort = f.effort === null ? 0 : effortBit(f.effort);
    return {
      channel: passTable(dictionaries.channel.values.length, picked.channel),
      teamId: passTable(dictionaries.teamId.values.length, picked.teamId),
      status: passTable(dictionaries.status.values.length, picked.status),
      assignee: passTable(ASSIGNEE_BUCKETS.length, f.assignee === 'anyone' ? -1 : ASSIGNEE_BUCKETS.indexOf(f.assignee)),
      value: passTable(dictionaries.value.values.length + 1, picked.value < 0 ? -1 : picked.value + 1),
      effort: Uint8Array.from({ length: EFFORT_MASKS }, (_, bits) => (effort === 0 || (bits & effort) !== 0 ? 1 : 0)),
      tag: picked.tag,
      me: picked.me,
    };
  }

  /** Starts a rebuild: the filters coded, and a counter per facet value at 0. */
  function pass(filters: QueueFilters, meId: string | null): Pass {
    const coded = codeFilters(filters, meId);
    return {
      filters: coded,
      tallies: {
        channel: new Int32Array(coded.channel.length),
        teamId: new Int32Array(coded.teamId.length),
        status: new Int32Array(coded.status.length),
        assignee: new Int32Array(ANYONE + 1),
        tag: new Int32Array(dictionaries.tag.values.length),
        value: new Int32Array(coded.value.length),
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
    for (const facet of ['channel', 'teamId', 'status', 'tag'] as const) fill(facet, tallies[facet], dictionaries[facet].values);
    fill('value', tallies.value.subarray(1), dictionaries.value.values);
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

// The two functions below run once per row per rebuild (50,000 rows). They are module functions, not closures made
// per rebuild (a new closure is a new call target: V8 dropped the optimised loop calling the last one), and they
// run the same operations whichever filters are picked: V8 optimises for what it has seen run, and code first run
// after a filter change (a filter's compare, a tag lookup) threw the optimised loop away — the slow first rebuild
// after each filter change that made the p95 (seen with node --trace-deopt).

/** The row's ASSIGNEE_BUCKETS index, as assigneeBucket() decides. */
const bucketOf = (c: RowCodes, me: number) => (c.assignee < 0 ? 1 : c.assignee === me ? 0 : 2);

/** Which filter the row fails: NONE, a facet's index, or SEVERAL (as filters.ts's failedFacet). */
export function failedFilter(c: RowCodes, f: CodedFilters): number {
  const channel = 1 - read(f.channel, c.channel);
  const team = 1 - read(f.teamId, c.teamId);
  const status = 1 - read(f.status, c.status);
  const assignee = 1 - read(f.assignee, bucketOf(c, f.me));
  let hasTag = f.tag < 0 ? 1 : 0;
  for (let i = 0; i < c.tags.length; i++) hasTag |= c.tags[i] === f.tag ? 1 : 0;
  const tag = 1 - hasTag;
  const value = 1 - read(f.value, c.value + 1);
  const effort = 1 - read(f.effort, c.effort);
  const misses = channel + team + status + assignee + tag + value + effort;
  const several = misses > 1;
  // With exactly one miss, the weighted sum is that facet's index.
  const which = channel * CHANNEL + team * TEAM + status * STATUS + assignee * ASSIGNEE + tag * TAG + value * VALUE + effort * EFFORT;
  if (misses === 0) return NONE;
  return several ? SEVERAL : which;
}

/** Counts a row that failed `failed` (NONE or one facet: see failedFilter) under each facet it counts in. */
export function countCodes({ filters, tallies }: Pass, c: RowCodes, failed: number): void {
  const under = COUNTS_UNDER[failed + 1] as Uint8Array;
  bump(tallies.channel, c.channel, read(under, CHANNEL));
  bump(tallies.teamId, c.teamId, read(under, TEAM));
  bump(tallies.status, c.status, read(under, STATUS));
  bump(tallies.assignee, bucketOf(c, filters.me), read(under, ASSIGNEE));
  bump(tallies.assignee, ANYONE, read(under, ASSIGNEE));
  for (let i = 0; i < c.tags.length; i++) bump(tallies.tag, c.tags[i] as number, read(under, TAG));
  // A row without a band lands on counter 0, which counts() leaves out.
  bump(tallies.value, c.value + 1, read(under, VALUE));
  for (let k = 0; k < EFFORT_FILTERS.length; k++) bump(tallies.effort, k, read(under, EFFORT) & (c.effort >> k));
}
