// Scoped API tokens (docs/api.md): an admin creates one for an integration; it acts for that admin, limited to its
// scopes, until it expires or is revoked. Like sessions, only the secret's sha256 is stored.
import { randomBytes, randomUUID } from 'node:crypto';
import type { User } from '../../lib/schema/entities';
import type { ApiScope, ApiToken, CreateApiTokenRequest } from '../../lib/schema/tokens';
import { hashToken, type UserRow, userFromRow } from '../auth/tokens';
import type { Queryable } from '../db/database';

/** What every API token starts with, so it is told from a session token (and found by secret scanners). */
export const API_TOKEN_PREFIX = 'tdm_';
/** Characters of the secret kept in the clear, so an admin can tell tokens apart. */
const SHOWN_CHARS = API_TOKEN_PREFIX.length + 6;
const DAY_MS = 86_400_000;

interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_by: string | null;
  created_at: string | Date;
  expires_at: string | Date;
  last_used_at: string | Date | null;
  revoked_at: string | Date | null;
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

function apiToken(r: ApiTokenRow): ApiToken {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes as ApiScope[],
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
  };
}

const COLUMNS = 'id, name, prefix, scopes, created_by, created_at, expires_at, last_used_at, revoked_at';

export async function createApiToken(q: Queryable, input: CreateApiTokenRequest, by: User, now: Date): Promise<ApiToken & { token: string }> {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const { rows } = await q.query<ApiTokenRow>(
    `insert into api_tokens (id, name, token_hash, prefix, scopes, created_by, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${COLUMNS}`,
    [
      `tok-${randomUUID()}`,
      input.name,
      hashToken(token),
      token.slice(0, SHOWN_CHARS),
      [...new Set(input.scopes)].sort(),
      by.id,
      now.toISOString(),
      new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString(),
    ],
  );
  return { ...apiToken(rows[0] as ApiTokenRow), token };
}

/** Every token, newest first, revoked and expired ones included (so an admin sees what stopped working). */
export async function listApiTokens(q: Queryable): Promise<ApiToken[]> {
  const { rows } = await q.query<ApiTokenRow>(`select ${COLUMNS} from api_tokens order by created_at desc, id`);
  return rows.map(apiToken);
}

/** Revokes a token at once; false when there is no such token. Revoking twice keeps the first time. */
export async function revokeApiToken(q: Queryable, id: string, now: Date): Promise<boolean> {
  const { rows } = await q.query('update api_tokens set revoked_at = coalesce(revoked_at, $2) where id = $1 returning 1', [id, now.toISOString()]);
  return rows.length > 0;
}

export type ApiTokenCheck = { ok: true; user: User; scopes: ApiScope[]; tokenHash: string } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

/** The admin a token acts for and its scopes. A deactivated creator's tokens stop working with them. */
export async function checkApiToken(q: Queryable, token: string, now: Date): Promise<ApiTokenCheck> {
  const tokenHash = hashToken(token);
  const { rows } = await q.query<{ token_id: string; scopes: string[]; expires_at: string | Date; revoked_at: string | Date | null } & UserRow>(
    `select t.id as token_id, t.scopes, t.expires_at, t.revoked_at, u.id, u.email, u.name, u.role, u.team_ids
       from api_tokens t join users u on u.id = t.created_by
      where t.token_hash = $1 and u.deactivated_at is null`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  await q.query('update api_tokens set last_used_at = $2 where id = $1', [row.token_id, now.toISOString()]);
  return { ok: true, user: userFromRow(row), scopes: row.scopes as ApiScope[], tokenHash };
}
