import { z } from 'zod';
import { SYNCED_ENTITIES, type SyncedEntityName } from '../../lib/schema/entities';
import type { Queryable } from './database';

export const SYNCED_TABLES = Object.keys(SYNCED_ENTITIES) as SyncedEntityName[];

/** Entities whose rows belong to one team; the others are shared knowledge scoped by targeting. */
export const TEAM_OWNED: ReadonlySet<SyncedEntityName> = new Set(['customers', 'interactions', 'cases']);

/**
 * SQL condition on a row of shared knowledge: its data targets no team, so it reaches everyone, or one of `teams`
 * (a text[] expression such as a parameter). `data` names the jsonb column, qualified where the query joins.
 */
export function reachesAnyTeam(teams: string, data = 'data'): string {
  return `(coalesce(jsonb_array_length(${data}->'targeting'->'teamIds'), 0) = 0 or (${data}->'targeting'->'teamIds') ?| ${teams})`;
}

/** Entities whose rows track the version at which each field last changed (field-by-field merge). */
export const FIELD_VERSIONED: ReadonlySet<SyncedEntityName> = new Set(['customers', 'cases']);

/**
 * Exclusive, transaction-scoped: serialises the writers that read-then-write authored content (server/routes/manager.ts)
 * and the seed. Push does not take it: readers never skip a change because of the writer marks below, not this lock.
 */
export const CHANGE_LOCK_KEY = 7_261_001;

/**
 * Writer marks (see "The change sequence" in docs/sync-protocol.md). A transaction about to draw from change_seq takes a
 * SHARED advisory lock on WRITER_MARK_BASE + K, where K is at most every seq it will draw; writers never wait on each
 * other. A reader reads only up to settledSeq(): below the smallest K held and at most the newest seq drawn before it
 * looked, so a seq drawn by a transaction still in flight is never passed over. Keys above 2^44 fall in this range only.
 */
export const WRITER_MARK_BASE = 0x7261n << 44n;

/** Class of the per-record and per-mutation-id locks of concurrent pushes (two-int advisory keys: their own key space). */
export const RECORD_LOCK_CLASS = 7_261_003;

/** Writers NOTIFY this channel with a ChangeNotice; every server process LISTENs and wakes its live streams. */
export const CHANGES_CHANNEL = 'tandem_changes';

/** A trigger (migration 32) NOTIFYs this channel with "token:<hash>" or "user:<id>" when a token or a user row changes. */
export const SESSIONS_CHANNEL = 'tandem_sessions';

/**
 * The NOTIFY payload: the highest seq written and the teams whose members may see the change ('all' for shared
 * knowledge). Parsed where it is heard (server/live/hub.ts); migration 28's triggers (a record or a user leaving a
 * team) build it in SQL as well.
 */
export const ChangeNotice = z.object({ seq: z.number(), teams: z.union([z.array(z.string()), z.literal('all')]) });
export type ChangeNotice = z.infer<typeof ChangeNotice>;

export interface WriteOptions {
  /** Per record (same index), the field versions to store; records without one keep what the row has. */
  fieldVersions?: readonly (Record<string, number> | undefined)[];
}

export interface Written {
  id: string;
  seq: number;
}

/**
 * Inserts or replaces records of one entity, each taking the next value of change_seq in array order,
 * and notifies live streams when the transaction commits.
 * Records are parsed with their schema first, so the table only ever holds what the extension can read.
 * Call it inside db.transaction(); given the Db itself, it opens a transaction of its own.
 */
export async function writeRecords(q: Queryable, entity: SyncedEntityName, records: readonly unknown[], opts: WriteOptions = {}): Promise<Written[]> {
  if (records.length === 0) return [];
  if (isDb(q)) return q.transaction((tx) => writeRecords(tx, entity, records, opts));
  const schema = SYNCED_ENTITIES[entity];
  const parsed = records.map((r, i) => ({ r: schema.parse(r), fv: opts.fieldVersions?.[i] ?? null }));
  await markChangeWriter(q);
  // Each record takes the next seq in array order: volatile target-list functions run after the ORDER BY.
  const { rows } = await q.query<{ id: string; seq: number | string }>(
    `${upsertRecords(entity, `jsonb_array_elements($1::jsonb) with ordinality as t(x, n)`, `nextval('change_seq')`, 'order by n')} returning id, seq`,
    [JSON.stringify(parsed)],
  );
  const written = rows.map((row) => ({ id: row.id, seq: Number(row.seq) }));
  await notifyChange(q, {
    seq: Math.max(...written.map((w) => w.seq)),
    teams: teamsOf(
      entity,
      parsed.map((p) => p.r),
    ),
  });
  return written;
}

/**
 * The statement that inserts or replaces rows of `entity` from `source`, a FROM item yielding `x` = {r: record, fv:
 * field versions or null}, each row's seq being `seq` (an expression over x). A row given `{}` as field versions keeps
 * those it has. Table names come from the fixed entity list, never from input.
 */
export function upsertRecords(entity: SyncedEntityName, source: string, seq: string, orderBy = ''): string {
  const fieldVersions = FIELD_VERSIONED.has(entity);
  return `insert into ${entity} (id, team_id, seq, version, updated_at, deleted, data${fieldVersions ? ', field_versions' : ''})
     select x->'r'->>'id', x->'r'->>'teamId', ${seq}, (x->'r'->>'version')::int, (x->'r'->>'updatedAt')::timestamptz,
            coalesce((x->'r'->>'deleted')::boolean, false), x->'r'${fieldVersions ? `, case when jsonb_typeof(x->'fv') = 'object' then x->'fv' else '{}'::jsonb end` : ''}
     from ${source}
     ${orderBy}
     on conflict (id) do update set
       team_id = excluded.team_id, seq = excluded.seq, version = excluded.version,
       updated_at = excluded.updated_at, deleted = excluded.deleted, data = excluded.data
       ${fieldVersions ? `, field_versions = case when excluded.field_versions = '{}'::jsonb then ${entity}.field_versions else excluded.field_versions end` : ''}`;
}

/**
 * Serialises writers that read-then-write outside push (authored content, the seed, the incident detector's store), and
 * marks the transaction as a writer, in one round trip: the lock first, then the mark (target list order), so a writer
 * queued behind the lock holds back no reader meanwhile. Re-entrant within one transaction.
 */
export async function lockChanges(q: Queryable): Promise<void> {
  await q.query(`select pg_advisory_xact_lock(${CHANGE_LOCK_KEY}) is null as locked, (select ${WRITER_MARK} from change_seq) is null as marked`);
}

const WRITER_MARK = `pg_advisory_xact_lock_shared(${WRITER_MARK_BASE} + case when is_called then last_value + 1 else last_value end)`;

/** Locks of lockRecordKeys, one row per key in key order, over `keys`: a FROM item yielding t(k, x), x whether exclusive. */
const recordLocks = (keys: string) =>
  `select case when exclusive then pg_advisory_xact_lock(${RECORD_LOCK_CLASS}, h) else pg_advisory_xact_lock_shared(${RECORD_LOCK_CLASS}, h) end as l
     from (select hashtext(k) as h, bool_or(x) as exclusive from ${keys} group by 1 order by 1) s`;
/** The keys of lockRecordKeys as parameters: $1 the keys, $2 whether each is exclusive. */
const KEY_PARAMS = `unnest($1::text[], $2::bool[]) t(k, x)`;
const RECORD_LOCKS = recordLocks(KEY_PARAMS);

function recordLockParams(written: readonly string[], referenced: readonly string[]): unknown[] {
  return [
    [...written, ...referenced],
    [...written.map(() => true), ...referenced.map(() => false)],
  ];
}

/**
 * Announces, until the transaction ends, that it will draw change_seq values: the next value is read and held as a
 * shared lock before any is drawn (sequences only grow, so every seq it draws is at least that). Take it at the
 * transaction's top level: a mark taken inside a savepoint goes when the savepoint is rolled back.
 */
export async function markChangeWriter(q: Queryable): Promise<void> {
  await q.query(`select ${WRITER_MARK} from change_seq`);
}

/**
 * markChangeWriter, then lockRecordKeys, in one round trip (push: each statement a batch saves is a socket write less).
 * The mark comes first: its subquery is evaluated before the locks' (target list order). `also`: a query over
 * parameters from $3 on answering keys (`k`) to lock exclusively as well, in key order with the rest, read in the same
 * statement (push: the assignment turns of the teams that assign, a round trip of their own before); answers them.
 */
export async function markWriterAndLockRecords(
  q: Queryable,
  written: readonly string[],
  referenced: readonly string[] = [],
  also?: { sql: string; params: readonly unknown[] },
): Promise<string[]> {
  const keys = also ? `(select k, x from ${KEY_PARAMS} union all select k, true from also) t(k, x)` : KEY_PARAMS;
  const { rows } = await q.query<{ also: string[] | null }>(
    `${also ? `with also as (${also.sql}) ` : ''}select (select ${WRITER_MARK} from change_seq) is null as marked, (select count(l) from (${recordLocks(keys)}) locks) as locked, ${also ? 'array(select k from also)' : 'null::text[]'} as also`,
    [...recordLockParams(written, referenced), ...(also?.params ?? [])],
  );
  return rows[0]?.also ?? [];
}

/**
 * The highest seq below which every change is settled (committed, or rolled back for good): everything a later
 * statement reads with seq ≤ it is all there will ever be. Run it as its own statement, BEFORE the read: a writer that
 * commits between them is then visible to the read (see change_settled_seq() in server/db/migrations.ts).
 */
export async function settledSeq(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ seq: string | number }>('select change_settled_seq() as seq');
  return Number(rows[0]?.seq ?? 0);
}

/**
 * Transaction-scoped locks on named records ("cases:case-1") or mutation ids: exclusive on what the transaction writes,
 * shared on what it only relies on (a create's customer). Taken in one pass in key order, so two batches that share
 * keys queue rather than deadlock. They stand in, per record, for the one global lock writers used to share.
 */
export async function lockRecordKeys(q: Queryable, written: readonly string[], referenced: readonly string[] = []): Promise<void> {
  if (written.length === 0 && referenced.length === 0) return;
  await q.query(RECORD_LOCKS, recordLockParams(written, referenced));
}

/** The teams a notice names for records of one entity: their own teams, or 'all' for shared knowledge. */
export function teamsOf(entity: SyncedEntityName, records: readonly unknown[]): ChangeNotice['teams'] {
  return TEAM_OWNED.has(entity) ? [...new Set(records.map((r) => String((r as { teamId: string }).teamId)))] : 'all';
}

/**
 * Queues a notice that PostgreSQL delivers to every listener when (and only if) the transaction commits. `q` may be a
 * pipelined transaction's queryThenCommit (server/sync/push.ts): the notice is then the statement that carries the commit.
 */
export async function notifyChange(q: Pick<Queryable, 'query'>, notice: ChangeNotice): Promise<void> {
  const { sql, params } = changeNoticeSql(notice, 1);
  await q.query(`select ${sql}`, params);
}

/**
 * A new seq with nothing to pull, and a notice of it to `teams`, in one statement: their live streams wake and their
 * extensions sync, whose afterSync steps read what changed outside the synced tables (settings, incidents). Answers
 * the seq. Take the writer mark first (lockChanges), as for any seq drawn.
 */
export async function notifyNewSeq(q: Pick<Queryable, 'query'>, teams: ChangeNotice['teams']): Promise<number> {
  const { sql, params } = changeNoticeSql({ seq: 0, teams }, 1, 'drawn');
  const { rows } = await q.query<{ seq: string }>(`select drawn::text as seq, ${sql} from nextval('change_seq') as drawn`, params);
  return Number(rows[0]?.seq);
}

/**
 * The notice as a SQL expression over two parameters from `$first` on, for a writer that sends it within a statement
 * of its own. `seq`, when given: a SQL expression of that statement (a seq it draws) that replaces notice.seq.
 */
export function changeNoticeSql(notice: ChangeNotice, first: number, seq?: string): { sql: string; params: [string, string] } {
  const payload = seq === undefined ? `$${first + 1}` : `jsonb_set($${first + 1}::jsonb, '{seq}', to_jsonb(${seq}))::text`;
  return { sql: `pg_notify($${first}, ${payload})`, params: [CHANGES_CHANNEL, JSON.stringify(notice)] };
}

function isDb(q: Queryable): q is Queryable & { transaction: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T> } {
  return 'transaction' in q && typeof (q as { transaction?: unknown }).transaction === 'function';
}
