// The LISTEN connection lost mid-burst, on real PostgreSQL (PGlite's notifications are in-process: nothing to lose).
import { describe, expect, it } from 'vitest';
import { LiveEvent } from '../../lib/schema/api';
import { createApp } from '../app';
import { openPostgres } from '../db/database';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, appliedChange, client, createCase, databaseRelay, TEST_DATABASE_URL, terminateBackends } from '../testing';

const LISTENER = "application_name = 'tandem-server-listen'";

const lastCursor = (live: { events(name: string): unknown[] }) => Math.max(0, ...live.events('cursor').map((e) => LiveEvent.parse(e).cursor));

describe.skipIf(!TEST_DATABASE_URL)('live streams when the LISTEN connection drops, on postgres', () => {
  const { db, api } = appForSuite('postgres', { now: () => DEMO_CLOCK });

  it('still brings a stream to the newest cursor when the LISTEN connection is terminated in the middle of a burst', async () => {
    const writer = await api.signIn('agent2@tandem.demo');
    const live = await api.openLive(await api.signIn('agent@tandem.demo'));
    try {
      await live.until((t) => t.includes(': connected'));
      let last = 0;
      for (let i = 0; i < 20; i++) {
        if (i === 10) expect(await terminateBackends(db(), LISTENER)).toBe(1);
        last = appliedChange(await api.pushOne(writer, createCase({ subject: `burst ${i}` }))).seq;
      }
      await live.until(() => lastCursor(live) >= last, 10_000);
    } finally {
      live.close();
    }
  });

  it('tells a stream of a change committed while LISTEN was down, with nothing committed after it', async () => {
    const writer = await api.signIn('agent2@tandem.demo');
    const live = await api.openLive(await api.signIn('agent@tandem.demo'));
    try {
      await live.until((t) => t.includes(': connected'));
      expect(await terminateBackends(db(), LISTENER)).toBe(1);
      // Reconnecting waits a second, so this commit's notice goes to nobody.
      const seq = appliedChange(await api.pushOne(writer, createCase({ subject: 'while nobody listened' }))).seq;
      await live.until(() => lastCursor(live) >= seq, 10_000);
    } finally {
      live.close();
    }
  });

  it('reconnects with growing waits while the database is unreachable, and then catches the stream up', async () => {
    const relay = await databaseRelay(db().url ?? '');
    const relayed = await openPostgres(relay.url, { max: 2, listenRetryMs: 50 });
    const viaRelay = client(createApp({ db: relayed, now: () => DEMO_CLOCK }));
    const live = await viaRelay.openLive(await viaRelay.signIn('agent@tandem.demo'));
    try {
      await live.until((t) => t.includes(': connected'));
      relay.cut();
      // Written through the suite's own app, which still reaches the database.
      const seq = appliedChange(await api.pushOne(await api.signIn('agent2@tandem.demo'), createCase({ subject: 'while the database was away' }))).seq;
      await new Promise((r) => setTimeout(r, 1600));
      // Waits of 50, 100, 200, 400, 800 ms: five tries in 1.6 s, where a fixed 50 ms would make thirty.
      expect(relay.refused).toBeGreaterThanOrEqual(3);
      expect(relay.refused).toBeLessThanOrEqual(6);
      relay.restore();
      await live.until(() => lastCursor(live) >= seq, 10_000);
    } finally {
      live.close();
      await relayed.close();
      await relay.close();
    }
  });
});
