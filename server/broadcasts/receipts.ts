// Broadcast read receipts: agents' acknowledgements, stored once per agent and broadcast, and each live broadcast's
// readers for the console: the agents of the manager's teams it is aimed at, with when they acknowledged it.
import type { BroadcastReads, BroadcastReceipt } from '../../lib/schema/broadcast-receipts';
import { Broadcast } from '../../lib/schema/entities';
import { iso, type Queryable } from '../db/database';

/** The console shows this many broadcasts, the newest first. */
export const MAX_BROADCASTS_SHOWN = 20;

/** A broadcast reaches a user when it names none of the teams, or one of theirs (lib/broadcasts/active.ts says the same on the device). */
const AIMED_AT = (teams: string) => `(jsonb_array_length(b.data->'targeting'->'teamIds') = 0 or b.data->'targeting'->'teamIds' ?| ${teams})`;

/**
 * Keeps the first acknowledgement of each broadcast aimed at the user; one from the future counts as now. Receipts for
 * broadcasts that are gone or not aimed at the user are ignored (queued offline, they may outlive their broadcast).
 */
export async function storeReceipts(
  q: Queryable,
  user: { id: string; teamIds: readonly string[] },
  receipts: readonly BroadcastReceipt[],
  now: Date,
): Promise<{ accepted: number; ignored: number }> {
  const { rows } = await q.query<{ aimed: number }>(
    `with aimed as (
       select r->>'broadcastId' as broadcast_id, least((r->>'seenAt')::timestamptz, $3::timestamptz) as seen_at
       from jsonb_array_elements($1::jsonb) r
       join broadcasts b on b.id = r->>'broadcastId' and not b.deleted
       where ${AIMED_AT('$4::text[]')}
     ), stored as (
       insert into broadcast_receipts (broadcast_id, user_id, seen_at, received_at)
       select distinct on (broadcast_id) broadcast_id, $2, seen_at, $3::timestamptz from aimed order by broadcast_id, seen_at
       on conflict (broadcast_id, user_id) do nothing
       returning 1
     )
     select (select count(*) from aimed)::int as aimed, (select count(*) from stored)::int as stored`,
    [JSON.stringify(receipts), user.id, now.toISOString(), user.teamIds],
  );
  const accepted = rows[0]?.aimed ?? 0;
  return { accepted, ignored: receipts.length - accepted };
}

/**
 * The live broadcasts aimed at any of these teams (the caller's view), newest first, each with the agents of these
 * teams it reaches and when each acknowledged it.
 */
export async function broadcastReads(q: Queryable, teamIds: readonly string[]): Promise<BroadcastReads[]> {
  const { rows: broadcasts } = await q.query<{ data: unknown }>(
    `select b.data from broadcasts b
     where not b.deleted and ${AIMED_AT('$1::text[]')}
     order by b.data->>'startsAt' desc, b.id
     limit ${MAX_BROADCASTS_SHOWN}`,
    [teamIds],
  );
  const list = broadcasts.map((r) => Broadcast.parse(r.data));
  if (list.length === 0) return [];
  const { rows: readers } = await q.query<{ broadcast_id: string; user_id: string; name: string; seen_at: Date | string | null }>(
    `select b.id as broadcast_id, u.id as user_id, u.name, r.seen_at
     from broadcasts b
     join users u on u.role = 'agent' and u.deactivated_at is null and u.team_ids && $2::text[]
       and (jsonb_array_length(b.data->'targeting'->'teamIds') = 0 or b.data->'targeting'->'teamIds' ?| u.team_ids)
     left join broadcast_receipts r on r.broadcast_id = b.id and r.user_id = u.id
     where b.id = any($1::text[])
     order by u.name, u.id`,
    [list.map((b) => b.id), teamIds],
  );
  return list.map((b) => ({
    id: b.id,
    title: b.title,
    severity: b.severity,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    readers: readers
      .filter((r) => r.broadcast_id === b.id)
      .map((r) => ({ userId: r.user_id, name: r.name, seenAt: r.seen_at === null ? null : iso(r.seen_at) })),
  }));
}
