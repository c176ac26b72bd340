import { describe, expect, it } from 'vitest';
import { LiveEvent } from '../../lib/schema/api';
import { DEMO_CLOCK } from '../seed/demo';
import { startServer } from '../start';
import { appForSuite, appliedChange, client, createCase, ENGINES, expectError, type TestClient } from '../testing';
import { LIVE_STREAMS_PER_USER } from './stream';

/** Creates a case of teamId for customerId, as the signed-in `email` through `via`; answers the seq it was written at. */
async function createCaseAs(via: TestClient, email: string, teamId: string, customerId: string): Promise<number> {
  return appliedChange(await via.pushOne(await via.signIn(email), createCase({ teamId, customerId }))).seq;
}

const cursors = (live: { events(name: string): unknown[] }) => live.events('cursor').map((e) => LiveEvent.parse(e).cursor);

describe.each(ENGINES)('live on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK, liveHeartbeatMs: 150 });

  it('tells a connected client the new cursor after a commit it may see, and only those', async () => {
    const alex = await api.openLive(await api.signIn('agent@tandem.demo'));
    const cy = await api.openLive(await api.signIn('billing@tandem.demo'));
    try {
      await alex.until((t) => t.includes(': connected'));
      await cy.until((t) => t.includes(': connected'));
      const careSeq = await createCaseAs(api, 'agent2@tandem.demo', 'team-care', 'cust-jane-doe');
      await alex.until(() => cursors(alex).includes(careSeq));
      const billingSeq = await createCaseAs(api, 'billing@tandem.demo', 'team-billing', 'cust-olu-ade');
      await cy.until(() => cursors(cy).includes(billingSeq));
      expect(cursors(cy)).not.toContain(careSeq);
      expect(alex.text).toMatch(/^retry: 5000\n: connected\n\n/);
    } finally {
      alex.close();
      cy.close();
    }
  });

  it('sends heartbeats and ends the stream when the session is signed out', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const live = await api.openLive(token);
    try {
      await live.until((t) => t.includes(': ping\n\n'));
      await api.post('/auth/sign-out', token);
      await live.until(() => false).catch(() => {});
      expect(live.ended).toBe(true);
    } finally {
      live.close();
    }
  });

  it('ends a user’s oldest stream past the per-user cap, so one token cannot fill the server with streams', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const other = await api.openLive(await api.signIn('billing@tandem.demo'));
    const streams: Awaited<ReturnType<typeof api.openLive>>[] = [];
    try {
      await other.until((t) => t.includes(': connected'));
      for (let i = 0; i <= LIVE_STREAMS_PER_USER; i++) {
        const live = await api.openLive(token);
        streams.push(live);
        await live.until((t) => t.includes(': connected'));
      }
      await streams[0]!.until(() => false).catch(() => {});
      expect(streams[0]!.ended).toBe(true);
      // The newest ones, and another user's, still hear commits.
      const seq = await createCaseAs(api, 'agent2@tandem.demo', 'team-care', 'cust-jane-doe');
      await streams[1]!.until(() => cursors(streams[1]!).includes(seq));
      await streams[LIVE_STREAMS_PER_USER]!.until(() => cursors(streams[LIVE_STREAMS_PER_USER]!).includes(seq));
      expect(other.ended).toBe(false);
    } finally {
      for (const live of streams) live.close();
      other.close();
    }
  });

  it('refuses a missing or forged token with 401', async () => {
    await expectError(await api.get('/sync/live', 'forged'), 401, 'unauthorized');
    await expectError(await api.get('/sync/live'), 401, 'unauthorized');
  });

  it.skipIf(engine !== 'postgres')('pushes a write through one server process to a live client of another', async () => {
    const a = await startServer({ port: 0, databaseUrl: db().url, seed: false });
    const b = await startServer({ port: 0, databaseUrl: db().url, seed: false });
    expect([a.database, b.database]).toEqual(['postgres', 'postgres']);
    const viaB = client(b.url);
    const live = await viaB.openLive(await viaB.signIn('agent@tandem.demo'));
    try {
      await live.until((t) => t.includes(': connected'));
      const started = Date.now();
      const seq = await createCaseAs(client(a.url), 'agent2@tandem.demo', 'team-care', 'cust-jane-doe');
      await live.until(() => cursors(live).includes(seq));
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      live.close();
      await Promise.all([a.close(), b.close()]);
    }
  });
});
