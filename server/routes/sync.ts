// Sync: pull the changes the caller may see after a cursor, push a batch of mutations, and the live stream that says
// when to pull again. The work is in server/sync/ (pull, push) and server/live/ (the stream and the process's hub).
import { Hono } from 'hono';
import { MAX_PUSH_MUTATIONS, PullQuery, PushRequest } from '../../lib/schema/api';
import type { User } from '../../lib/schema/entities';
import { SessionCache } from '../auth/session-cache';
import { checkSession } from '../auth/tokens';
import type { Db } from '../db/database';
import { batchLength, HttpError, parseInput, readJsonValue } from '../http';
import { LiveHub } from '../live/hub';
import { LiveStreamsPerUser, liveStream } from '../live/stream';
import type { FieldPolicy } from '../policy/field-policy';
import { feedIdentity, openEpoch, plannerStatistics, pullPageJson } from '../sync/pull';
import { encodePullPage } from '../sync/pull-encoding';
import { pushMutations, SessionRefused } from '../sync/push';
import { checkedPushAnswer } from '../sync/push-answer';
import { type RouteDeps, type RouteEnv, requireUser, sessionRefused } from './access';

export interface SyncRouteDeps extends RouteDeps {
  /** The default field policy per role, under the stored rules (server/policy/field-policy.ts). */
  fieldPolicy: FieldPolicy;
  /** Interval of `: ping` comments on live streams. */
  liveHeartbeatMs: number;
  /** Live streams a user may hold open on this process (server/live/stream.ts). */
  liveStreamsPerUser: number;
}

export function syncRoutes({ db, now, fieldPolicy, liveHeartbeatMs, liveStreamsPerUser }: SyncRouteDeps) {
  const router = new Hono<RouteEnv>();
  const signedIn = requireUser(db, now);
  // Push looks sessions up in memory: each push checks its session again, under lock, in its own transaction.
  const sessions = new SessionCache(db);
  const pushSignedIn = requireUser(db, now, sessions);
  const liveHub = new LiveHub(db);
  const liveStreams = new LiveStreamsPerUser(liveStreamsPerUser);
  const statistics = plannerStatistics(db);
  // This process's epoch opens before it serves a sync request (and is tried again if the database was away).
  let epochOpened: Promise<void> | null = null;
  const epochOpen = () =>
    (epochOpened ??= openEpoch(db).catch((error: unknown) => {
      epochOpened = null;
      throw error;
    }));
  void epochOpen().catch(() => undefined);
  router.use('*', async (_c, next) => {
    await epochOpen();
    await next();
  });

  router.get('/pull', signedIn, async (c) => {
    const { cursor, limit } = parseInput(PullQuery, c.req.query());
    await checkScope(db, c.get('tokenHash'), cursor);
    await statistics.beforePull();
    // A finished pull answers the settled seq, at least scope_seq once that has settled, so it resumes without a loop of 409s.
    const page = await pullPageJson(db, c.get('user'), cursor, limit, fieldPolicy);
    // Read after the page, so an epoch opened meanwhile starts at or after the page's cursor.
    const { serverId, epoch, since, head } = await feedIdentity(db);
    if (cursor > head) {
      // The client has seen changes this database never made: it was restored from an older backup.
      throw new HttpError(
        409,
        'cursor_ahead',
        'This server is older than your copy (it was restored from a backup). Clear the local copy, pull again from cursor 0 and push your unsynced writes again.',
        { head },
      );
    }
    // JSON text written by the pull itself (server/sync/pull.ts pullPageJson), gzipped when a client across a network asks for it.
    const { body, headers } = encodePullPage(page({ id: serverId, epoch, since }), {
      acceptEncoding: c.req.header('accept-encoding'),
      peer: c.env?.incoming?.socket.remoteAddress,
    });
    return c.body(body, 200, headers);
  });

  router.post('/push', pushSignedIn, async (c) => {
    const raw = await readJsonValue(c);
    const count = batchLength(raw, 'mutations');
    if (count > MAX_PUSH_MUTATIONS) {
      throw new HttpError(400, 'too_many_mutations', `A push may carry at most ${MAX_PUSH_MUTATIONS} mutations; this one has ${count}. Send them in batches.`, {
        max: MAX_PUSH_MUTATIONS,
        count,
      });
    }
    const { mutations } = parseInput(PushRequest, raw);
    const tokenHash = c.get('tokenHash');
    const push = (user: User) => pushMutations(db, user, mutations, now(), fieldPolicy, c.get('bySession') ? { tokenHash } : undefined);
    const results = await push(c.get('user')).catch(async (err: unknown) => {
      if (!(err instanceof SessionRefused)) throw err;
      sessions.forget(tokenHash);
      if (err.reason !== 'changed') throw sessionRefused(err.reason);
      // The user changed (role, teams) since the session was read: read it again and push as they are now, once.
      const check = await checkSession(db, tokenHash, now());
      if (!check.ok) throw sessionRefused(check.reason);
      return push(check.user).catch((again: unknown) => {
        throw again instanceof SessionRefused ? sessionRefused(again.reason === 'changed' ? 'revoked' : again.reason) : again;
      });
    });
    return c.json(checkedPushAnswer(results));
  });

  router.get('/live', signedIn, (c) =>
    liveStream(c, {
      hub: liveHub,
      perUser: liveStreams,
      db,
      user: c.get('user'),
      tokenHash: c.get('tokenHash'),
      now,
      heartbeatMs: liveHeartbeatMs,
    }),
  );

  return router;
}

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
