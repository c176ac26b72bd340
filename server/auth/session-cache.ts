// The push route's sessions, held in memory: a push of one mutation spent one of its six statements on its token.
// Safe because it is not the last word: each push reads its token again, under lock, in the read its transaction makes
// anyway (server/sync/push.ts), and is refused there if the token was revoked, has expired or its user changed. The
// cache only saves the statement before the transaction. It is kept fresh by a trigger's NOTIFY on every change of a
// token or a user (migration 32), and forgotten whole when the LISTEN connection was lost.
import type { Db } from '../db/database';
import { SESSIONS_CHANNEL } from '../db/records';
import { checkSession, type SessionCheck } from './tokens';

/** Sessions held at most; past it the oldest goes (a Map keeps insertion order). */
const MAX_SESSIONS = 10_000;
/** How long a session is trusted without a notice, should one be lost while the LISTEN connection stays up. */
const MAX_AGE_MS = 60_000;

type Ok = Extract<SessionCheck, { ok: true }>;

export class SessionCache {
  private readonly sessions = new Map<string, { check: Ok; until: number }>();
  private listening: Promise<unknown> | undefined;
  /** Notices are being received. */
  private ready = false;
  /** Bumped by every notice: a look-up that began before one does not store what it read. */
  private generation = 0;

  constructor(private readonly db: Db) {}

  /** The session as checkSession answers it, from memory while nothing about its token or user changed. */
  async check(tokenHash: string, now: Date): Promise<SessionCheck> {
    this.listen();
    const held = this.sessions.get(tokenHash);
    if (held && now.getTime() < held.until) return held.check;
    const generation = this.generation;
    const listening = this.ready;
    const check = await checkSession(this.db, tokenHash, now);
    this.sessions.delete(tokenHash);
    // Held only when notices were heard from before the read: one sent meanwhile bumped the generation.
    if (check.ok && listening && generation === this.generation) this.store(tokenHash, check, Math.min(check.expiresAt.getTime(), now.getTime() + MAX_AGE_MS));
    return check;
  }

  /** Forgets a token (a push found it stale), so the next request reads it again. */
  forget(tokenHash: string): void {
    this.sessions.delete(tokenHash);
  }

  get size(): number {
    return this.sessions.size;
  }

  private store(tokenHash: string, check: Ok, until: number): void {
    this.sessions.set(tokenHash, { check, until });
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value as string);
  }

  private listen(): void {
    this.listening ??= this.db
      .listen(
        SESSIONS_CHANNEL,
        (payload) => this.changed(payload),
        () => this.changed('*'),
      )
      .then(
        () => {
          this.ready = true;
        },
        () => {
          // Not listening: nothing is held until a later request listens again.
          this.listening = undefined;
        },
      );
  }

  private changed(payload: string): void {
    this.generation += 1;
    if (payload.startsWith('token:')) {
      this.sessions.delete(payload.slice('token:'.length));
      return;
    }
    if (payload.startsWith('user:')) {
      const userId = payload.slice('user:'.length);
      for (const [hash, { check }] of this.sessions) if (check.user.id === userId) this.sessions.delete(hash);
      return;
    }
    this.sessions.clear();
  }
}
