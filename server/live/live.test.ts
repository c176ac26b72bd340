import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, LiveEvent, PushResponse, SignInResponse } from '../../lib/schema/api';
import { createApp, type App } from '../app';
import type { Db } from '../db/database';
import { DEMO_CLOCK, DEMO_PASSWORD } from '../seed/demo';
import { startServer } from '../start';
import { ENGINES, seededDb } from '../testing';

type Fetch = (path: string, init?: RequestInit) => Promise<Response>;

/** A live stream read as text, with a way to wait for what should arrive. */
async function openLive(fetchFn: Fetch, token: string) {
  const abort = new AbortController();
  const res = await fetchFn('/sync/live', { headers: { Authorization: `Bearer ${token}` }, signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = (res.body ?? new ReadableStream<Uint8Array>()).getReader();
  const decoder = new TextDecoder();
  let text = '';
  let ended = false;
  let reading: Promise<void> | undefined;
  const readMore = () =>
    (reading ??= reader.read().then(({ done, value }) => {
      reading = undefined;
      if (done) ended = true;
      else text += decoder.decode(value, { stream: true });
    }));
  return {
    get text() {
      return text;
    },
    get ended() {
      return ended;
    },
    /** Reads until pred holds on everything received so far (or the stream ends), failing after ms. */
    async until(pred: (text: string) => boolean, ms = 5000): Promise<string> {
      const deadline = Date.now() + ms;
      while (!pred(text) && !ended) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting; received so far:\n${text}`);
        await Promise.race([readMore(), new Promise((r) => setTimeout(r, left))]);
      }
      return text;
    },
    cursors(): number[] {
      return [...text.matchAll(/event: cursor\ndata: (.*)\n/g)].map((m) => LiveEvent.parse(JSON.parse(m[1] ?? '')).cursor);
    },
    close() {
      abort.abort();
      reader.cancel().catch(() => {});
    },
  };
}

async function signIn(fetchFn: Fetch, email: string): Promise<string> {
  const res = await fetchFn('/auth/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  return SignInResponse.parse(await res.json()).token;
}

async function createCase(fetchFn: Fetch, token: string, teamId: string, customerId: string): Promise<number> {
  const res = await fetchFn('/sync/push', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      mutations: [
        {
          id: randomUUID(),
          entity: 'cases',
          op: 'create',
          recordId: `case-${randomUUID()}`,
          data: { teamId, customerId, subject: 'Live test', status: 'new', priority: 'normal', channel: 'chat', source: { url: null, site: null, externalId: null } },
        },
      ],
    }),
  });
  const [result] = PushResponse.parse(await res.json()).results;
  if (result?.status !== 'applied') throw new Error(`push failed: ${JSON.stringify(result)}`);
  return result.change.seq;
}

describe.each(ENGINES)('live on %s', (engine) => {
  let db: Db & { url?: string };
  let app: App;
  let fetchApp: Fetch;

  beforeAll(async () => {
    db = await seededDb(engine);
    app = createApp({ db, now: () => DEMO_CLOCK, liveHeartbeatMs: 150 });
    fetchApp = async (path, init) => app.request(path, init);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('tells a connected client the new cursor after a commit it may see, and only those', async () => {
    const alex = await openLive(fetchApp, await signIn(fetchApp, 'agent@tandem.demo'));
    const cy = await openLive(fetchApp, await signIn(fetchApp, 'billing@tandem.demo'));
    try {
      await alex.until((t) => t.includes(': connected'));
      await cy.until((t) => t.includes(': connected'));
      const careSeq = await createCase(fetchApp, await signIn(fetchApp, 'agent2@tandem.demo'), 'team-care', 'cust-jane-doe');
      await alex.until(() => alex.cursors().includes(careSeq));
      const billingSeq = await createCase(fetchApp, await signIn(fetchApp, 'billing@tandem.demo'), 'team-billing', 'cust-olu-ade');
      await cy.until(() => cy.cursors().includes(billingSeq));
      expect(cy.cursors()).not.toContain(careSeq);
      expect(alex.text).toMatch(/^retry: 5000\n: connected\n\n/);
    } finally {
      alex.close();
      cy.close();
    }
  });

  it('sends heartbeats and ends the stream when the session is signed out', async () => {
    const token = await signIn(fetchApp, 'agent@tandem.demo');
    const live = await openLive(fetchApp, token);
    try {
      await live.until((t) => t.includes(': ping\n\n'));
      await app.request('/auth/sign-out', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      await live.until(() => false).catch(() => {});
      expect(live.ended).toBe(true);
    } finally {
      live.close();
    }
  });

  it('refuses a missing or forged token with 401', async () => {
    const res = await app.request('/sync/live', { headers: { Authorization: 'Bearer forged' } });
    expect(res.status).toBe(401);
    expect(ApiError.parse(await res.json()).error.code).toBe('unauthorized');
    expect((await app.request('/sync/live')).status).toBe(401);
  });

  it.skipIf(engine !== 'postgres')('pushes a write through one server process to a live client of another', async () => {
    const a = await startServer({ port: 0, databaseUrl: db.url, seed: false });
    const b = await startServer({ port: 0, databaseUrl: db.url, seed: false });
    expect([a.database, b.database]).toEqual(['postgres', 'postgres']);
    const via = (server: { url: string }): Fetch => (path, init) => fetch(`${server.url}${path}`, init);
    const live = await openLive(via(b), await signIn(via(b), 'agent@tandem.demo'));
    try {
      await live.until((t) => t.includes(': connected'));
      const started = Date.now();
      const seq = await createCase(via(a), await signIn(via(a), 'agent2@tandem.demo'), 'team-care', 'cust-jane-doe');
      await live.until(() => live.cursors().includes(seq));
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      live.close();
      await Promise.all([a.close(), b.close()]);
    }
  });
});
