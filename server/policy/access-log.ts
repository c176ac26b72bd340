// The access log: who opened which customer's card, revealed a masked value, exported or erased a customer.
// Append-only (a trigger refuses UPDATE and DELETE, migration 8); entries older than the retention period are purged.
import {
  type AccessAction,
  type AccessDetails,
  type AccessLogEntry,
  type AccessLogQuery,
  type CardSurface,
  AccessLogEntry as Entry,
} from '../../lib/schema/privacy';
import type { Db, Queryable } from '../db/database';

/** Days an entry is kept; TANDEM_ACCESS_LOG_DAYS changes it. */
export const ACCESS_LOG_RETENTION_DAYS = 365;

export interface AccessRecord {
  userId: string;
  teamId: string;
  customerId: string | null;
  action: AccessAction;
  at: Date | string;
  surface?: CardSurface | null;
  field?: string | null;
  reason?: string | null;
  /** What a retention run or an erasure removed (counts, never content). */
  details?: AccessDetails | null;
  /** The extension's id of a card_opened event; an id seen before is not logged twice. */
  eventId?: string | null;
}

/** Appends entries in one statement. Returns how many were new (replayed event ids are skipped). */
export async function appendAccess(q: Queryable, records: readonly AccessRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const rows = records.map((r) => ({
    at: new Date(r.at).toISOString(),
    userId: r.userId,
    teamId: r.teamId,
    customerId: r.customerId,
    action: r.action,
    surface: r.surface ?? null,
    field: r.field ?? null,
    reason: r.reason ?? null,
    details: r.details ?? null,
    eventId: r.eventId ?? null,
  }));
  const { rows: inserted } = await q.query<{ id: string }>(
    `insert into access_log (at, user_id, team_id, customer_id, action, surface, field, reason, details, event_id)
     select (e->>'at')::timestamptz, e->>'userId', e->>'teamId', e->>'customerId', e->>'action', e->>'surface', e->>'field', e->>'reason',
       nullif(e->'details', 'null'::jsonb), e->>'eventId'
     from jsonb_array_elements($1::jsonb) with ordinality as t(e, n) order by n
     on conflict (event_id) do nothing
     returning id`,
    [JSON.stringify(rows)],
  );
  return inserted.length;
}

/** Entries of the given teams matching the filters, newest first. */
export async function listAccess(q: Queryable, teamIds: readonly string[], query: AccessLogQuery): Promise<AccessLogEntry[]> {
  const { rows } = await q.query<{
    id: string | number;
    at: Date | string;
    user_id: string;
    user_name: string | null;
    team_id: string;
    customer_id: string | null;
    action: AccessAction;
    surface: CardSurface | null;
    field: string | null;
    reason: string | null;
    details: unknown;
  }>(
    `select a.id, a.at, a.user_id, u.name as user_name, a.team_id, a.customer_id, a.action, a.surface, a.field, a.reason, a.details
     from access_log a left join users u on u.id = a.user_id
     where a.team_id = any($1::text[])
       and ($2::text is null or a.customer_id = $2) and ($3::text is null or a.user_id = $3) and ($4::text is null or a.action = $4)
       and ($5::timestamptz is null or a.at >= $5) and ($6::timestamptz is null or a.at < $6) and ($7::bigint is null or a.id < $7)
     order by a.id desc limit $8`,
    [teamIds, query.customerId ?? null, query.userId ?? null, query.action ?? null, query.from ?? null, query.to ?? null, query.before ?? null, query.limit],
  );
  return rows.map((r) =>
    Entry.parse({
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      userId: r.user_id,
      userName: r.user_name,
      teamId: r.team_id,
      customerId: r.customer_id,
      action: r.action,
      surface: r.surface,
      field: r.field,
      reason: r.reason,
      details: r.details ?? null,
    }),
  );
}

/**
 * The retention job: deletes entries older than `days` before `now`, the only delete the append-only trigger lets
 * through (it sets tandem.purge for its own transaction). startServer runs it at start and daily.
 */
export async function purgeAccessLog(db: Db, now: Date, days: number = ACCESS_LOG_RETENTION_DAYS): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 24 * 3600_000).toISOString();
  return db.transaction(async (tx) => {
    await tx.query(`select set_config('tandem.purge', 'on', true)`);
    const { rows } = await tx.query<{ id: string }>('delete from access_log where at < $1 returning id', [cutoff]);
    return rows.length;
  });
}
