import { createHash, randomBytes } from 'node:crypto';
import { User } from '../../lib/schema/entities';
import type { Queryable } from '../db/database';

export const TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A fresh secret for userId, stored in `table` (bearer tokens or invitations) until now + ttlMs: 32 random bytes,
 * of which only the sha256 is stored, so a database leak leaks neither sessions nor invitations.
 */
export async function issueSecret(
  q: Queryable,
  table: 'tokens' | 'invitations',
  userId: string,
  now: Date,
  ttlMs: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs);
  await q.query(`insert into ${table} (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)`, [
    hashToken(token),
    userId,
    now.toISOString(),
    expiresAt.toISOString(),
  ]);
  return { token, expiresAt };
}

/** A bearer token, valid for TOKEN_TTL_MS. */
export function issueToken(q: Queryable, userId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  return issueSecret(q, 'tokens', userId, now, TOKEN_TTL_MS);
}

export type SessionCheck = { ok: true; user: User; tokenHash: string; expiresAt: Date } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

/** The session a token's hash stands for: requests check it once, live streams again at every heartbeat. */
export async function checkSession(q: Queryable, tokenHash: string, now: Date): Promise<SessionCheck> {
  const { rows } = await q.query<{ expires_at: Date | string; revoked_at: Date | string | null } & UserRow>(
    `select t.expires_at, t.revoked_at, u.id, u.email, u.name, u.role, u.team_ids
     from tokens t join users u on u.id = t.user_id where t.token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, user: userFromRow(row), tokenHash, expiresAt: new Date(row.expires_at) };
}

export async function revokeToken(q: Queryable, tokenHash: string, now: Date): Promise<void> {
  await q.query('update tokens set revoked_at = $2 where token_hash = $1 and revoked_at is null', [tokenHash, now.toISOString()]);
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  team_ids: string[];
}

export function userFromRow(row: UserRow): User {
  return User.parse({ id: row.id, email: row.email, name: row.name, role: row.role, teamIds: row.team_ids });
}
