// Who is viewing or replying to a case. Kept in PostgreSQL (case_presence) so every server process answers the
// same list, and announced with NOTIFY on its own channel so every process's live streams tell the case's team.

import type { User } from '../../lib/schema/entities';
import { PRESENCE_TTL_MS, type PresenceEntry, PresenceEvent, type PresenceRequest } from '../../lib/schema/queue';
import { iso, type Queryable } from '../db/database';

export const PRESENCE_CHANNEL = 'tandem_presence';

export function parsePresenceNotice(payload: string): PresenceEvent | null {
  try {
    const parsed = PresenceEvent.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Records (or ends) the caller's presence on a case of `teamId` (one of their teams: the route checks), and tells the team. */
export async function setPresence(
  q: Queryable,
  user: User,
  teamId: string,
  { caseId, state }: PresenceRequest,
  now: Date,
  ttlMs = PRESENCE_TTL_MS,
): Promise<PresenceEvent> {
  const expiresAt = new Date(now.getTime() + (state === 'left' ? 0 : ttlMs)).toISOString();
  if (state === 'left') {
    await q.query('delete from case_presence where case_id = $1 and user_id = $2', [caseId, user.id]);
  } else {
    await q.query(
      `insert into case_presence (case_id, user_id, team_id, state, expires_at) values ($1, $2, $3, $4, $5)
       on conflict (case_id, user_id) do update set state = excluded.state, expires_at = excluded.expires_at, team_id = excluded.team_id`,
      [caseId, user.id, teamId, state, expiresAt],
    );
  }
  // Expired rows are only ever ignored by reads; sweep some now and then so the table stays small.
  if (Math.random() < 0.05) await q.query('delete from case_presence where expires_at < $1', [now.toISOString()]);
  const event: PresenceEvent = { caseId, teamId, userId: user.id, userName: user.name, state, expiresAt };
  await q.query('select pg_notify($1, $2)', [PRESENCE_CHANNEL, JSON.stringify(event)]);
  return event;
}

/** Everyone currently on a case of the caller's teams (the caller included; clients hide themselves). */
export async function listPresence(q: Queryable, user: User, now: Date): Promise<PresenceEntry[]> {
  const { rows } = await q.query<{ case_id: string; team_id: string; user_id: string; name: string; state: 'viewing' | 'replying'; expires_at: Date | string }>(
    `select p.case_id, p.team_id, p.user_id, u.name, p.state, p.expires_at
     from case_presence p join users u on u.id = p.user_id
     where p.team_id = any($1::text[]) and p.expires_at > $2
     order by p.case_id, p.user_id`,
    [user.teamIds, now.toISOString()],
  );
  return rows.map((r) => ({ caseId: r.case_id, teamId: r.team_id, userId: r.user_id, userName: r.name, state: r.state, expiresAt: iso(r.expires_at) }));
}
