import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import {
  HealthResponse,
  MAX_PUSH_MUTATIONS,
  MeResponse,
  PullQuery,
  PushRequest,
  PushResponse,
  SignInRequest,
  SignInResponse,
} from '../lib/schema/api';
import type { User } from '../lib/schema/entities';
import { getDummyHash, verifyPassword } from './auth/passwords';
import { RateLimiter } from './auth/rate-limit';
import { issueToken, revokeToken, userFromRow, type UserRow } from './auth/tokens';
import type { Db } from './db/database';
import { errorBody, HttpError, parseInput, readJson, readJsonValue } from './http';
import { LiveHub } from './live/hub';
import { HEARTBEAT_MS, liveStream } from './live/stream';
import { FIELD_POLICY, type FieldPolicy, pullChanges } from './sync/pull';
import { pushMutations } from './sync/push';
import { adminRoutes, inviteRoutes } from './routes/admin';
import { managerRoutes } from './routes/manager';
import { usageRoutes } from './routes/usage';
import { queueRoutes } from './routes/queue';
import { requireUser as requireSignedIn } from './routes/access';
import { siteRuleRoutes } from './routes/site-rules';
import { slaRoutes } from './routes/sla';
import { attachmentRoutes } from './routes/attachments';

export const MAX_BODY_BYTES = 1024 * 1024;

const VERSION = readVersion();

function readVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export interface AppOptions {
  db: Db;
  now?: () => Date;
  /** Which optional fields each role does not receive; defaults to FIELD_POLICY. */
  fieldPolicy?: FieldPolicy;
  /** Failed sign-ins allowed per email and IP per minute. */
  signInLimit?: number;
  /** Interval of `: ping` comments on live streams; default 15 s. */
  liveHeartbeatMs?: number;
}

type Env = {
  Bindings: { incoming?: IncomingMessage };
  Variables: { user: User; tokenHash: string };
};

export function createApp({
  db,
  now = () => new Date(),
  fieldPolicy = FIELD_POLICY,
  signInLimit = 10,
  liveHeartbeatMs = HEARTBEAT_MS,
}: AppOptions) {
  const app = new Hono<Env>();
  const signInFailures = new RateLimiter(signInLimit, 60_000);
  const liveHub = new LiveHub(db);

  app.use('*', cors({ origin: '*', allowHeaders: ['Authorization', 'Content-Type'], allowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'], maxAge: 600 }));
  const jsonBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes.`), 413),
  });
  // Attachment uploads are raw images with a limit of their own (server/routes/attachments.ts).
  app.use('*', (c, next) => (c.req.path.startsWith('/attachments/') ? next() : jsonBodyLimit(c, next)));


  app.get('/health', (c) => c.json(HealthResponse.parse({ ok: true, version: VERSION, database: db.kind })));

  app.post('/auth/sign-in', async (c) => {
    const { email, password } = await readJson(c, SignInRequest);
    const at = now();
    const key = `${email.toLowerCase()}|${clientIp(c.env)}`;
    const wait = signInFailures.retryAfter(key, at.getTime());
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
      signInFailures.hit(key, at.getTime());
      throw new HttpError(401, 'invalid_credentials', 'The email or password is not right.');
    }
    const user = userFromRow(row);
    const { token, expiresAt } = await issueToken(db, user.id, at);
    return c.json(SignInResponse.parse({ token, expiresAt: expiresAt.toISOString(), user }));
  });

  const requireUser = requireSignedIn(db, now);

  app.post('/auth/sign-out', requireUser, async (c) => {
    await revokeToken(db, c.get('tokenHash'), now());
    return c.json({ ok: true });
  });

  app.get('/auth/me', requireUser, (c) => c.json(MeResponse.parse({ user: c.get('user') })));

  app.get('/sync/pull', requireUser, async (c) => {
    const { cursor, limit } = parseInput(PullQuery, c.req.query());
    const user = c.get('user');
    const scopeSeq = await checkScope(db, c.get('tokenHash'), cursor);
    const page = await pullChanges(db, user, cursor, limit, fieldPolicy);
    // Everything below scopeSeq is committed and was scanned, so a finished pull may resume after it without a loop of 409s.
    if (!page.hasMore && page.cursor < scopeSeq) page.cursor = scopeSeq;
    return c.json(page);
  });

  app.post('/sync/push', requireUser, async (c) => {
    const raw = await readJsonValue(c);
    const count = typeof raw === 'object' && raw !== null && 'mutations' in raw && Array.isArray(raw.mutations) ? raw.mutations.length : 0;
    if (count > MAX_PUSH_MUTATIONS) {
      throw new HttpError(400, 'too_many_mutations', `A push may carry at most ${MAX_PUSH_MUTATIONS} mutations; this one has ${count}. Send them in batches.`, {
        max: MAX_PUSH_MUTATIONS,
        count,
      });
    }
    const { mutations } = parseInput(PushRequest, raw);
    const results = await pushMutations(db, c.get('user'), mutations, now(), fieldPolicy);
    return c.json(PushResponse.parse({ results }));
  });

  app.get('/sync/live', requireUser, (c) =>
    liveStream(c, { hub: liveHub, db, user: c.get('user'), tokenHash: c.get('tokenHash'), now, heartbeatMs: liveHeartbeatMs }),
  );

  app.route('/manager', managerRoutes({ db, now }));
  app.route('/admin', adminRoutes({ db, now }));
  app.route('/auth', inviteRoutes({ db, now }));
  app.route('/usage', usageRoutes({ db, now }));
  app.route('/queue', queueRoutes({ db, now }));
  app.route('/sla', slaRoutes({ db, now }));
  app.route('/site-rules', siteRuleRoutes({ db, now }));
  // PUT/GET /attachments/:id and GET /cases/:id/attachments; auth is per route, so nothing else is caught.
  app.route('/', attachmentRoutes({ db, now }));

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));

  app.onError((err, c) => {
    if (err instanceof HttpError) {
      for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
      return c.json(errorBody(err.code, err.message, err.details), err.status);
    }
    console.error('[tandem-server] unexpected error', err);
    return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;

/**
 * scope_changed: users.scope_seq is the change_seq value drawn when the user's teams or role last changed. A cursor
 * below it predates the change unless this session has restarted from 0 since (tokens.scope_seen). Returns scope_seq.
 */
async function checkScope(db: Db, tokenHash: string, cursor: number): Promise<number> {
  const { rows } = await db.query<{ scope_seq: number | string; scope_seen: number | string }>(
    'select u.scope_seq, t.scope_seen from tokens t join users u on u.id = t.user_id where t.token_hash = $1',
    [tokenHash],
  );
  const scopeSeq = Number(rows[0]?.scope_seq ?? 0);
  const seen = Number(rows[0]?.scope_seen ?? 0);
  if (seen >= scopeSeq) return scopeSeq;
  if (cursor === 0) {
    await db.query('update tokens set scope_seen = $2 where token_hash = $1', [tokenHash, scopeSeq]);
    return scopeSeq;
  }
  if (cursor < scopeSeq) {
    throw new HttpError(409, 'scope_changed', 'What you may see has changed since this cursor. Clear the local copy and pull again from cursor 0.', {
      scopeSeq,
    });
  }
  return scopeSeq;
}

function clientIp(env: Env['Bindings'] | undefined): string {
  return env?.incoming?.socket.remoteAddress ?? 'local';
}
