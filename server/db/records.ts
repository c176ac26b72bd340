import { SYNCED_ENTITIES, type SyncedEntityName } from '../../lib/schema/entities';
import type { Queryable } from './index';

export const SYNCED_TABLES = Object.keys(SYNCED_ENTITIES) as SyncedEntityName[];

/** Entities whose rows belong to one team; the others are shared knowledge scoped by targeting. */
export const TEAM_OWNED: ReadonlySet<SyncedEntityName> = new Set(['customers', 'interactions', 'cases']);

/**
 * Inserts or replaces records of one entity, each taking the next value of change_seq in array order.
 * Records are parsed with their schema first, so the table only ever holds what the extension can read.
 */
export async function writeRecords(q: Queryable, entity: SyncedEntityName, records: readonly unknown[]): Promise<void> {
  if (records.length === 0) return;
  const schema = SYNCED_ENTITIES[entity];
  const parsed = records.map((r) => schema.parse(r));
  // Table name comes from the fixed entity list above, never from input.
  await q.query(
    `insert into ${entity} (id, team_id, seq, version, updated_at, deleted, data)
     select r->>'id', r->>'teamId', nextval('change_seq'), (r->>'version')::int, (r->>'updatedAt')::timestamptz,
            coalesce((r->>'deleted')::boolean, false), r
     from jsonb_array_elements($1::jsonb) with ordinality as t(r, n)
     order by n
     on conflict (id) do update set
       team_id = excluded.team_id, seq = excluded.seq, version = excluded.version,
       updated_at = excluded.updated_at, deleted = excluded.deleted, data = excluded.data`,
    [JSON.stringify(parsed)],
  );
}
