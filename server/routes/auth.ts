// Sessions: sign in with a password, redeem an invitation (which signs in too), sign out, and who the caller is.
// Tokens are issued and checked in server/auth/tokens.ts; admins create users and invitations in ./admin.ts.
import { Hono } from 'hono';
import { MeResponse, SignInRequest, SignInResponse } from '../../lib/schema/api';
import { AcceptInviteRequest } from '../../lib/schema/manager';
import { getDummyHash, hashPassword, verifyPassword } from '../auth/passwords';
import { RateLimiter } from '../auth/rate-limit';
import { hashToken, issueToken, revokeToken, type UserRow, userFromRow } from '../auth/tokens';
import { HttpError, readJson } from '../http';
import { type RouteDeps, type RouteEnv, requireUser } from './access';

export interface AuthRouteDeps extends RouteDeps {
  /** Failed sign-ins allowed per email and IP per minute. */
  signInLimit: number;
}

/** One address may fail this many times the per-email limit in a minute, whatever the emails: one password sprayed over many accounts. */
export const ADDRESS_LIMIT_FACTOR = 5;

export function authRoutes({ db, now, signInLimit }: AuthRouteDeps) {
  const router = new Hono<RouteEnv>();
  const failuresPerAccount = new RateLimiter(signInLimit, 60_000);
  const failuresPerAddress = new RateLimiter(signInLimit * ADDRESS_LIMIT_FACTOR, 60_000);
  const signedIn = requireUser(db, now);

  router.post('/sign-in', async (c) => {
    const { email, password } = await readJson(c, SignInRequest);
    const at = now();
    const address = c.env?.incoming?.socket.remoteAddress ?? 'local';
    const account = `${email.toLowerCase()}|${address}`;
    const wait = Math.max(failuresPerAccount.retryAfter(account, at.getTime()), failuresPerAddress.retryAfter(address, at.getTime()));
    if (wait > 0) {
      throw new HttpError(429, 'rate_limited', 'Too many failed sign-in attempts. Wait a minute and try again.', undefined, {
        'Retry-After': String(Math.ceil(wait / 1000)),
      });
    }
    const { rows } = await db.query<UserRow & { password_hash: string }>(
      'select id, email, name, role, team_ids, password_hash from users where lower(email) = lower($1)',
      [email],
    );
    const row = rows[0];
    const ok = await verifyPassword(password, row ? row.password_hash : await getDummyHash());
    if (!row || !ok) {
      failuresPerAccount.hit(account, at.getTime());
      failuresPerAddress.hit(address, at.getTime());
      throw new HttpError(401, 'invalid_credentials', 'The email or password is not right.');
    }
    const user = userFromRow(row);
    const { token, expiresAt } = await issueToken(db, user.id, at);
    return c.json(SignInResponse.parse({ token, expiresAt: expiresAt.toISOString(), user }));
  });

  /** `{ token, password }` from an admin's invitation: sets the password and signs the user in. */
  router.post('/accept-invite', async (c) => {
    const { token, password } = await readJson(c, AcceptInviteRequest);
    const hash = await hashPassword(password);
    const at = now();
    const result = await db.transaction(async (tx) => {
      const { rows } = await tx.query<UserRow & { deactivated_at: Date | string | null; expires_at: Date | string; used_at: Date | string | null }>(
        `select u.id, u.email, u.name, u.role, u.team_ids, u.deactivated_at, i.expires_at, i.used_at
         from invitations i join users u on u.id = i.user_id where i.token_hash = $1 for update of i`,
        [hashToken(token)],
      );
      const row = rows[0];
      if (!row || row.used_at !== null || row.deactivated_at !== null || new Date(row.expires_at).getTime() <= at.getTime()) {
        throw new HttpError(
          400,
          'invalid_invitation',
          'This invitation is not valid: it was used already, has expired or was withdrawn. Ask an admin for a new one.',
        );
      }
      await tx.query('update invitations set used_at = $2 where token_hash = $1', [hashToken(token), at.toISOString()]);
      await tx.query('update users set password_hash = $2 where id = $1', [row.id, hash]);
      const issued = await issueToken(tx, row.id, at);
      return { token: issued.token, expiresAt: issued.expiresAt.toISOString(), user: userFromRow(row) };
    });
    return c.json(SignInResponse.parse(result));
  });

  router.post('/sign-out', signedIn, async (c) => {
    await revokeToken(db, c.get('tokenHash'), now());
    return c.json({ ok: true });
  });

  router.get('/me', signedIn, (c) => c.json(MeResponse.parse({ user: c.get('user') })));

  return router;
}
