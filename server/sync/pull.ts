import { PullResponse } from '../../lib/schema/api';
import type { SyncedEntityName, User } from '../../lib/schema/entities';
import type { Queryable } from '../db/database';
import { reachesAnyTeam, SYNCED_TABLES, TEAM_OWNED } from '../db/records';
import { FIELD_POLICY, type FieldPolicy, readerPolicy } from '../policy/field-policy';

/** Entities with a publication status; agents only see published ones. */
const HAS_STATUS: ReadonlySet<SyncedEntityName> = new Set(['articles', 'snippets']);

function tableQuery(entity: SyncedEntityName): string {
  const scope = TEAM_OWNED.has(entity) ? 'team_id = any($2::text[])' : reachesAnyTeam('$2::text[]');
  return `(select '${entity}' as entity, seq, data from ${entity} where seq > $1 and ${scope} order by seq limit $3)`;
}

const PULL_SQL = `select entity, seq, data from (${SYNCED_TABLES.map(tableQuery).join(' union all ')}) c order by seq limit $3`;

type Row = { entity: SyncedEntityName; seq: number | string | bigint; data: Record<string, unknown> };

/**
 * Records changed after `cursor` that the user may see, oldest change first.
 * An unpublished article or snippet reaches an agent as a tombstone without content,
 * so a record that is unpublished after the agent cached it disappears from their cache.
 */
export async function pullChanges(q: Queryable, user: User, cursor: number, limit: number, policy: FieldPolicy = FIELD_POLICY): Promise<PullResponse> {
  const { rows } = await q.query<Row>(PULL_SQL, [cursor, user.teamIds, limit + 1]);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const seesDrafts = user.role === 'manager' || user.role === 'admin';
  const reader = await readerPolicy(q, user, policy);
  const changes = page.map((row) => {
    let record: Record<string, unknown> = { ...row.data };
    if (HAS_STATUS.has(row.entity) && !seesDrafts && record.status !== 'published') record = redact(row.entity, record);
    record = reader.mask(row.entity, record);
    return { entity: row.entity, seq: Number(row.seq), record };
  });
  const last = changes[changes.length - 1];
  // Parsing the answer keeps the contract honest: a row the extension could not read fails here, not there.
  return PullResponse.parse({ changes, cursor: last ? last.seq : cursor, hasMore });
}

function redact(entity: SyncedEntityName, r: Record<string, unknown>): Record<string, unknown> {
  const common = { id: r.id, version: r.version, updatedAt: r.updatedAt, deleted: true, status: r.status, targeting: r.targeting, tags: [] };
  if (entity === 'snippets') return { ...common, title: 'Unavailable', shortcut: r.shortcut, body: '' };
  return { ...common, title: 'Unavailable', body: '', summary: '', url: null };
}
