import { PullResponse } from '../../lib/schema/api';
import type { SyncedEntityName, User } from '../../lib/schema/entities';
import type { Db, Queryable } from '../db/database';
import { reachesAnyTeam, SYNCED_TABLES, settledSeq, TEAM_OWNED } from '../db/records';
import { pulledDataSql } from '../knowledge/embed';
import { FIELD_POLICY, type FieldPolicy, readerPolicy } from '../policy/field-policy';
import { REVOCATION_ARMS, revokedTombstone } from './revocations';

/** Entities with a publication status; agents only see published ones. */
const HAS_STATUS: ReadonlySet<SyncedEntityName> = new Set(['articles', 'snippets']);

function tableQuery(entity: SyncedEntityName): string {
  const scope = TEAM_OWNED.has(entity) ? 'team_id = any($2::text[])' : reachesAnyTeam('$2::text[]');
  return `(select '${entity}' as entity, seq, ${pulledDataSql(entity)} as data, null::text as lost_team from ${entity} where seq > $1 and seq <= $4 and ${scope} order by seq limit $3)`;
}

/** The pull query (exported for bench/server/pull-plan.ts, which prints its plan at 300k rows). */
export const PULL_SQL = `select entity, seq, data, lost_team from (${[...SYNCED_TABLES.map(tableQuery), ...REVOCATION_ARMS].join(' union all ')}) c order by seq limit $3`;

/** `lost_team`: set on a revocation (server/sync/revocations.ts), the caller's team the record left. */
type Row = { entity: SyncedEntityName; seq: number | string | bigint; data: Record<string, unknown>; lost_team: string | null };

/**
 * Records changed after `cursor` that the user may see, oldest change first, up to the settled seq: a change whose
 * transaction is still in flight holds back every later one, so a client never moves its cursor past a seq that
 * commits afterwards. The last page answers the settled seq as its cursor (everything up to it was scanned).
 * An unpublished article or snippet reaches an agent as a tombstone without content,
 * so a record that is unpublished after the agent cached it disappears from their cache. A customer, case or interaction
 * that left one of the user's teams for a team they are not in reaches them as a content-free tombstone marked
 * `revoked` (server/sync/revocations.ts).
 */
export async function pullChanges(q: Queryable, user: User, cursor: number, limit: number, policy: FieldPolicy = FIELD_POLICY): Promise<PullResponse> {
  // Its own statement, before the read: see settledSeq.
  const settled = await settledSeq(q);
  const { rows } = await q.query<Row>(PULL_SQL, [cursor, user.teamIds, limit + 1, settled]);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const seesDrafts = user.role === 'manager' || user.role === 'admin';
  const reader = await readerPolicy(q, user, policy);
  const changes = page.map((row) => {
    if (row.lost_team !== null)
      return { entity: row.entity, seq: Number(row.seq), record: revokedTombstone(row.entity, row.data, row.lost_team), revoked: true };
    let record: Record<string, unknown> = { ...row.data };
    if (HAS_STATUS.has(row.entity) && !seesDrafts && record.status !== 'published') record = redact(row.entity, record);
    record = reader.mask(row.entity, record);
    return { entity: row.entity, seq: Number(row.seq), record };
  });
  const last = changes[changes.length - 1];
  // Parsing the answer keeps the contract honest: a row the extension could not read fails here, not there.
  const next = hasMore ? (last?.seq ?? cursor) : Math.max(cursor, settled);
  return PullResponse.parse({ changes, cursor: next, hasMore });
}

/**
 * Keeps the planner's statistics fresh on PGlite, which runs no autovacuum. Without statistics its planner reads every
 * row after the cursor through the team index and sorts them for each page (2–4 s a page of 2,000 at 300k rows); with
 * them it reads only the page through the seq indexes (2–7 ms, docs/server.md "Performance"). So before a pull, when the
 * change feed grew past autovacuum's default threshold (50 changes + 10%) since the last ANALYZE, one runs, as
 * autovacuum's would. PostgreSQL has autovacuum: nothing to do there.
 */
export function plannerStatistics(db: Pick<Db, 'kind' | 'query'>): { beforePull(): Promise<void> } {
  let analyzedAt = 0;
  let running: Promise<void> | null = null;
  const refresh = async () => {
    const { rows } = await db.query<{ head: number | string }>(HEAD_SQL);
    const head = Number(rows[0]?.head ?? 0);
    if (head - analyzedAt <= 50 + analyzedAt / 10) return;
    // Best effort: without fresh statistics the pull is slower, not wrong.
    await db.query('analyze').then(
      () => (analyzedAt = head),
      () => undefined,
    );
  };
  return {
    beforePull: () => (db.kind === 'pglite' ? (running ??= refresh().finally(() => (running = null))) : Promise.resolve()),
  };
}

/**
 * What a client needs to tell that this is not the change feed it synced with (docs/sync-protocol.md,
 * "Restored or replaced server"): the database's id, the current epoch and the newest change.
 */
export interface FeedIdentity {
  /** Generated once per database, so it travels with a backup and differs for another database. */
  serverId: string;
  /** Drawn afresh by each server start; `since` is the newest seq when it was drawn. */
  epoch: string;
  since: number;
  /** The newest seq drawn from change_seq: no cursor this database answered is above it. */
  head: number;
}

const HEAD_SQL = 'select case when is_called then last_value else 0 end as head from change_seq';

const IDENTITY_SQL = `select (select value #>> '{}' from meta where key = 'server_id') as server_id,
  (select value from meta where key = 'epoch') as epoch, (${HEAD_SQL}) as head`;

type IdentityRow = { server_id: string | null; epoch: { id: string; since: number } | null; head: number | string };

/**
 * Opens this process's epoch: names the database if nothing has yet, and records a new epoch that
 * starts at the newest change. Run before the process serves a sync request, so every cursor a client
 * got before it is at most `since`, and a cursor above it can only come from a state the database lost.
 */
export async function openEpoch(q: Queryable): Promise<void> {
  await q.query(`insert into meta (key, value) values ('server_id', to_jsonb($1::text)) on conflict (key) do nothing`, [crypto.randomUUID()]);
  const { rows } = await q.query<{ head: number | string }>(HEAD_SQL);
  const epoch = { id: crypto.randomUUID(), since: Number(rows[0]?.head ?? 0) };
  await q.query(`insert into meta (key, value) values ('epoch', $1::jsonb) on conflict (key) do update set value = excluded.value`, [JSON.stringify(epoch)]);
}

export async function feedIdentity(q: Queryable): Promise<FeedIdentity> {
  const { rows } = await q.query<IdentityRow>(IDENTITY_SQL);
  const row = rows[0];
  if (!row?.server_id || !row.epoch) throw new Error('The change feed has no identity: openEpoch was not run.');
  return { serverId: row.server_id, epoch: row.epoch.id, since: Number(row.epoch.since), head: Number(row.head) };
}

function redact(entity: SyncedEntityName, r: Record<string, unknown>): Record<string, unknown> {
  const common = { id: r.id, version: r.version, updatedAt: r.updatedAt, deleted: true, status: r.status, targeting: r.targeting, tags: [] };
  if (entity === 'snippets') return { ...common, title: 'Unavailable', shortcut: r.shortcut, body: '' };
  return { ...common, title: 'Unavailable', body: '', summary: '', url: null };
}
