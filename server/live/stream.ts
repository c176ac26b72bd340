import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { User } from '../../lib/schema/entities';
import type { PresenceEvent } from '../../lib/schema/queue';
import { checkSession } from '../auth/tokens';
import type { Queryable } from '../db/database';
import type { LiveHub, LiveSubscriber } from './hub';

export const HEARTBEAT_MS = 15_000;

/** Live streams one user may hold open on a process: a few browsers each, with room for a reconnect's overlap. */
export const LIVE_STREAMS_PER_USER = 10;

/**
 * The live streams open per user on this process. Without a cap one token could fill the server's sockets with streams
 * (1,000 from one agent locked every other client out); past it the user's OLDEST stream ends, so a client reconnecting
 * over a half-dead connection is never the one refused.
 */
export class LiveStreamsPerUser {
  private readonly open = new Map<string, (() => void)[]>();

  constructor(readonly cap: number) {}

  /** Counts a stream of userId, which `end` closes; ends the user's oldest streams past the cap. Answers the release. */
  add(userId: string, end: () => void): () => void {
    let streams = this.open.get(userId);
    if (!streams) this.open.set(userId, (streams = []));
    streams.push(end);
    while (streams.length > this.cap) streams.shift()?.();
    const mine = streams;
    return () => {
      const at = mine.indexOf(end);
      if (at >= 0) mine.splice(at, 1);
      if (mine.length === 0 && this.open.get(userId) === mine) this.open.delete(userId);
    };
  }
}

export interface LiveOptions {
  hub: LiveHub;
  /** This process's count of each user's streams (the cap ends the oldest). */
  perUser: LiveStreamsPerUser;
  db: Queryable;
  user: User;
  tokenHash: string;
  now: () => Date;
  heartbeatMs?: number;
}

/**
 * The `GET /sync/live` stream: `event: cursor` with the newest seq after each commit the user may see
 * (several commits in quick succession coalesce into one event), `event: presence` when a teammate opens,
 * replies to or leaves a case of the user's teams, and a `: ping` comment every heartbeat.
 * At each heartbeat the session is checked again: a revoked or expired token ends the stream, changed teams apply.
 */
export function liveStream(c: Context, { hub, perUser, db, user, tokenHash, now, heartbeatMs = HEARTBEAT_MS }: LiveOptions): Response {
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    let pending: number | null = null;
    // Presence events are few and each matters (who started or stopped replying), so they queue rather than coalesce.
    const presence: PresenceEvent[] = [];
    let ping = false;
    let done = false;
    let wake: () => void = () => {};
    const nudge = () => wake();
    const sub: LiveSubscriber = {
      teamIds: user.teamIds,
      onChange(seq) {
        pending = Math.max(pending ?? 0, seq);
        nudge();
      },
      onPresence(event) {
        if (presence.length < 1000) presence.push(event);
        nudge();
      },
    };
    const end = () => {
      done = true;
      nudge();
    };
    stream.onAbort(end);
    const release = perUser.add(user.id, end);
    const unsubscribe = await hub.subscribe(sub);
    const timer = setInterval(() => {
      ping = true;
      nudge();
    }, heartbeatMs);
    try {
      await stream.write('retry: 5000\n: connected\n\n');
      while (!done && !stream.aborted && !stream.closed) {
        if (pending === null && !ping && presence.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        if (done || stream.aborted) break;
        if (pending !== null) {
          const cursor = pending;
          pending = null;
          await stream.writeSSE({ event: 'cursor', data: JSON.stringify({ cursor }) });
        }
        for (let event = presence.shift(); event; event = presence.shift()) {
          await stream.writeSSE({ event: 'presence', data: JSON.stringify(event) });
        }
        if (ping) {
          ping = false;
          const session = await checkSession(db, tokenHash, now());
          if (!session.ok) break;
          sub.teamIds = session.user.teamIds;
          await stream.write(': ping\n\n');
        }
      }
    } finally {
      clearInterval(timer);
      unsubscribe();
      release();
    }
  });
}
