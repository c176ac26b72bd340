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

/** Taken (transaction-scoped) before any change_seq value is drawn, so sequence numbers become visible in order. */
export const CHANGE_LOCK_KEY = 7_261_001;

/** Writers NOTIFY this channel with a ChangeNotice; every server process LISTENs and wakes its live streams. */
export const CHANGES_CHANNEL = 'tandem_changes';

/** The NOTIFY payload: the highest seq written and the teams whose members may see the change ('all' for shared knowledge). */
export interface ChangeNotice {
  seq: number;
  teams: string[] | 'all';
}

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
  await lockChanges(q);
  const fieldVersions = FIELD_VERSIONED.has(entity);
  // Table name comes from the fixed entity list above, never from input.
  const { rows } = await q.query<{ id: string; seq: number | string }>(
    `insert into ${entity} (id, team_id, seq, version, updated_at, deleted, data${fieldVersions ? ', field_versions' : ''})
     select x->'r'->>'id', x->'r'->>'teamId', nextval('change_seq'), (x->'r'->>'version')::int, (x->'r'->>'updatedAt')::timestamptz,
            coalesce((x->'r'->>'deleted')::boolean, false), x->'r'${fieldVersions ? `, case when jsonb_typeof(x->'fv') = 'object' then x->'fv' else '{}'::jsonb end` : ''}
     from jsonb_array_elements($1::jsonb) with ordinality as t(x, n)
     order by n
     on conflict (id) do update set
       team_id = excluded.team_id, seq = excluded.seq, version = excluded.version,
       updated_at = excluded.updated_at, deleted = excluded.deleted, data = excluded.data
       ${fieldVersions ? `, field_versions = case when excluded.field_versions = '{}'::jsonb then ${entity}.field_versions else excluded.field_versions end` : ''}
     returning id, seq`,
    [JSON.stringify(parsed)],
  );
  const written = rows.map((row) => ({ id: row.id, seq: Number(row.seq) }));
  const teams = TEAM_OWNED.has(entity) ? [...new Set(parsed.map((p) => String((p.r as { teamId: string }).teamId)))] : 'all';
  await notifyChange(q, { seq: Math.max(...written.map((w) => w.seq)), teams });
  return written;
}

/** Serialises writers: call before drawing from change_seq in a transaction. Re-entrant within one transaction. */
export async function lockChanges(q: Queryable): Promise<void> {
  await q.query(`select pg_advisory_xact_lock(${CHANGE_LOCK_KEY})`);
}

/** Queues a notice that PostgreSQL delivers to every listener when (and only if) the transaction commits. */
export async function notifyChange(q: Queryable, notice: ChangeNotice): Promise<void> {
  await q.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
}

function isDb(q: Queryable): q is Queryable & { transaction: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T> } {
  return 'transaction' in q && typeof (q as { transaction?: unknown }).transaction === 'function';
}
