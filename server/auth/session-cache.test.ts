import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { DEMO_CLOCK } from '../seed/demo';
import { ENGINES, openTestDb, type TestDb } from '../testing';
import { SessionCache } from './session-cache';
import { hashToken, issueToken } from './tokens';

/** Resolves once `done()` holds: a notice is delivered after its commit, by the LISTEN connection, not at once. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(done()).toBe(true);
}

describe.each(ENGINES)('session cache on %s', (engine) => {
  let db: TestDb;
  let counted: Db & { lookups: number };
  let cache: SessionCache;
  beforeAll(async () => {
    db = await openTestDb(engine, 'demo');
    // Counts the session look-ups the cache makes (its other statements are the LISTEN's).
    counted = {
      ...db,
      lookups: 0,
      query(sql, params) {
        if (sql.includes('from tokens t join users u')) counted.lookups += 1;
        return db.query(sql, params);
      },
    };
    cache = new SessionCache(counted);
  }, 60_000);
  afterAll(() => db?.close());

  const now = DEMO_CLOCK;
  const tokenOf = async (userId: string) => {
    const { token } = await issueToken(db, userId, now);
    return hashToken(token);
  };

  it('answers a session from memory until its token changes, then reads it again', async () => {
    const hash = await tokenOf('user-alex');
    // The first look-up starts listening; only one made once notices are heard is kept.
    await cache.check(hash, now);
    await until(() => {
      void cache.check(hash, now);
      return cache.size > 0;
    });
    const before = counted.lookups;
    const held = await cache.check(hash, now);
    expect(held).toMatchObject({ ok: true, user: { id: 'user-alex' } });
    expect(counted.lookups).toBe(before);

    await db.query('update tokens set revoked_at = $2 where token_hash = $1', [hash, now.toISOString()]);
    await until(() => cache.size === 0);
    expect(await cache.check(hash, now)).toEqual({ ok: false, reason: 'revoked' });
    expect(counted.lookups).toBe(before + 1);
  });

  it('drops every session of a user whose role or teams change', async () => {
    const [first, second, other] = [await tokenOf('user-bea'), await tokenOf('user-bea'), await tokenOf('user-cy')];
    for (const hash of [first, second, other]) await cache.check(hash, now);
    const size = cache.size;
    expect(size).toBeGreaterThanOrEqual(3);
    await db.query(`update users set team_ids = array['team-care', 'team-billing'] where id = 'user-bea'`);
    await until(() => cache.size === size - 2);
    expect(await cache.check(first, now)).toMatchObject({ ok: true, user: { id: 'user-bea', teamIds: ['team-care', 'team-billing'] } });
    await db.query(`update users set team_ids = array['team-care'] where id = 'user-bea'`);
  });

  it('never holds a session past its expiry', async () => {
    const hash = await tokenOf('user-cy');
    await cache.check(hash, now);
    const later = new Date(now.getTime() + 13 * 60 * 60 * 1000);
    expect(await cache.check(hash, later)).toEqual({ ok: false, reason: 'expired' });
  });
});
