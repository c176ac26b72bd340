import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../api/client';
import { slaDueAt } from '../cases/sla-policy';
import { applyChanges, TandemDatabase, toCachedCustomer, writeLocal } from '../db';
import type { Case, Customer, Interaction } from '../schema';
import type { QueueCase } from '../schema/queue';
import { readLiveEvents } from '../sync/live';
import { createQueueService } from './background';
import { applyFilters, facetCounts, NO_FILTERS } from './filters';
import { commandFor, moveSelection } from './keyboard';
import { sortQueue } from './sort';
import { minutesFromNow, QUEUE_TEST_NOW, queueRow } from './test-rows';
import { assigneeLabel, presenceByCase, presenceLabel } from './view';

const NOW = QUEUE_TEST_NOW;
const min = minutesFromNow;

const row = queueRow;

describe('queue order', () => {
  it('puts breached cases first, then the soonest deadline, then tier and value within a 15-minute slot, then the oldest', () => {
    const rows = [
      row('later', { slaDueAt: min(300) }),
      row('none', { slaDueAt: null }),
      row('breached-recently', { slaDueAt: min(-5) }),
      row('breached-long', { slaDueAt: min(-600) }),
      row('soon-standard', { slaDueAt: min(31) }),
      row('soon-platinum', { slaDueAt: min(37), customerTier: 'platinum' }),
      row('soon-gold-rich', { slaDueAt: min(38), customerTier: 'gold', customerValueCents: 900_000 }),
      row('soon-gold-poor', { slaDueAt: min(39), customerTier: 'gold', customerValueCents: 100 }),
      row('later-old', { slaDueAt: min(300), createdAt: min(-6000) }),
    ];
    expect(sortQueue(rows, NOW).map((r) => r.id)).toEqual([
      'breached-long',
      'breached-recently',
      'soon-platinum',
      'soon-gold-rich',
      'soon-gold-poor',
      'soon-standard',
      'later-old',
      'later',
      'none',
    ]);
  });
});

describe('queue order by value band (field policy masks the value, issue 15)', () => {
  it('sorts by band where only the band is known, and banded rows among exact ones by the band floor', () => {
    const band = (id: string, customerValueBand: QueueCase['customerValueBand']) =>
      row(id, { slaDueAt: min(31), customerTier: 'gold', customerValueCents: null, customerValueBand });
    const rows = [band('low', 'low'), band('none', null), band('top', 'top'), band('medium', 'medium'), band('high', 'high')];
    expect(sortQueue(rows, NOW).map((r) => r.id)).toEqual(['top', 'high', 'medium', 'low', 'none']);
    // A "high" band ($10,000 and up) sorts above an exact $9,000, below an exact $60,000.
    const mixed = [
      row('exact-9k', { slaDueAt: min(31), customerTier: 'gold', customerValueCents: 900_000, customerValueBand: 'medium' }),
      band('banded-high', 'high'),
      row('exact-60k', { slaDueAt: min(31), customerTier: 'gold', customerValueCents: 6_000_000, customerValueBand: 'top' }),
    ];
    expect(sortQueue(mixed, NOW).map((r) => r.id)).toEqual(['exact-60k', 'banded-high', 'exact-9k']);
  });

  it('filters and counts by band', () => {
    const rows = [row('a', { customerValueBand: 'top' }), row('b', { customerValueBand: 'top', channel: 'twitter' }), row('c', { customerValueBand: 'low' })];
    expect(applyFilters(rows, { ...NO_FILTERS, value: 'top' }, null).map((r) => r.id)).toEqual(['a', 'b']);
    expect(Object.fromEntries(facetCounts(rows, { ...NO_FILTERS, channel: 'twitter' }, null).value)).toEqual({ top: 1 });
  });
});

describe('queue filters', () => {
  const rows = [
    row('a', { channel: 'twitter', assigneeId: 'me', tags: ['vip'] }),
    row('b', { channel: 'twitter', assigneeId: null, tags: ['vip', 'refunds'] }),
    row('c', { channel: 'email', assigneeId: 'bea', status: 'new' }),
    row('d', { channel: 'zendesk', teamId: 'team-billing' }),
  ];
  it('filters by channel, team, status, assignee and tag together', () => {
    expect(applyFilters(rows, { ...NO_FILTERS, channel: 'twitter', assignee: 'unassigned' }, 'me').map((r) => r.id)).toEqual(['b']);
    expect(applyFilters(rows, { ...NO_FILTERS, assignee: 'others' }, 'me').map((r) => r.id)).toEqual(['c']);
    expect(applyFilters(rows, { ...NO_FILTERS, tag: 'vip', teamId: 'team-care', status: 'open' }, 'me').map((r) => r.id)).toEqual(['a', 'b']);
  });
  it('counts each value with the other filters applied but not its own', () => {
    const counts = facetCounts(rows, { ...NO_FILTERS, channel: 'twitter' }, 'me');
    expect(Object.fromEntries(counts.channel)).toEqual({ twitter: 2, email: 1, zendesk: 1 });
    expect(Object.fromEntries(counts.assignee)).toEqual({ me: 1, unassigned: 1, anyone: 2 });
    expect(Object.fromEntries(counts.tag)).toEqual({ vip: 2, refunds: 1 });
  });
});

describe('queue keys and labels', () => {
  it('maps j/k/Enter/c/r and ignores typing in fields', () => {
    expect(commandFor({ key: 'j' })).toBe('next');
    expect(commandFor({ key: 'c' })).toBe('claim');
    expect(commandFor({ key: 'r', ctrlKey: true })).toBe(null);
    expect(commandFor({ key: 'j', target: { tagName: 'INPUT' } as unknown as EventTarget })).toBe(null);
    expect(moveSelection(['a', 'b', 'c'], null, 1)).toBe('a');
    expect(moveSelection(['a', 'b', 'c'], 'c', 1)).toBe('c');
    expect(moveSelection(['a', 'b', 'c'], 'b', -1)).toBe('a');
  });
  it('says who has a case and who else is on it', () => {
    const names = new Map([['bea', 'Bea Berg']]);
    expect(assigneeLabel('bea', 'me', names)).toBe('Claimed by Bea Berg');
    expect(assigneeLabel('me', 'me', names)).toBe('You');
    const entries = [
      { caseId: 'x', teamId: 't', userId: 'bea', userName: 'Bea Berg', state: 'replying' as const, expiresAt: min(1) },
      { caseId: 'x', teamId: 't', userId: 'cy', userName: 'Cy Cole', state: 'viewing' as const, expiresAt: min(1) },
      { caseId: 'x', teamId: 't', userId: 'me', userName: 'Me', state: 'viewing' as const, expiresAt: min(1) },
      { caseId: 'y', teamId: 't', userId: 'old', userName: 'Old', state: 'viewing' as const, expiresAt: min(-1) },
    ];
    const byCase = presenceByCase(entries, 'me', NOW);
    expect(presenceLabel(byCase.get('x') ?? [])).toBe('Bea Berg is replying; Cy Cole is viewing');
    expect(byCase.has('y')).toBe(false);
  });
});

describe('live stream presence events', () => {
  it('reads presence events beside cursor events', async () => {
    const presence = { caseId: 'c1', teamId: 'team-care', userId: 'user-bea', userName: 'Bea Berg', state: 'replying', expiresAt: min(1) };
    const text = `event: cursor\ndata: {"cursor": 4}\n\nevent: presence\ndata: ${JSON.stringify(presence)}\n\nevent: presence\ndata: {"bad": 1}\n\n`;
    const body = new Response(text).body!;
    const seen = [];
    for await (const e of readLiveEvents(body)) seen.push(e);
    expect(seen).toEqual([
      { type: 'cursor', cursor: 4 },
      { type: 'presence', presence },
    ]);
  });
});

describe('queue in the background', () => {
  const bea = { id: 'user-bea', name: 'Bea Berg', email: 'b@x', role: 'agent', teamIds: ['team-care'] };

  /** The queue over the real API client; `network` answers what the server would (teammates by default). */
  async function setup(
    network: (url: string, init: RequestInit) => Promise<Response> = async () => new Response(JSON.stringify({ teammates: [bea] })),
    signedIn = true,
  ) {
    const db = new TandemDatabase(`queue-${Math.random()}`);
    const customer: Customer = {
      id: 'cust-1',
      version: 1,
      updatedAt: min(0),
      deleted: false,
      teamId: 'team-care',
      name: 'Jane Doe',
      identities: [{ kind: 'email', value: 'j@example.com' }],
      tier: 'gold',
      lifetimeValueCents: 5000,
      currency: 'USD',
      language: 'en',
      tags: [],
      createdAt: min(-9000),
    };
    const kase = (id: string, assigneeId: string | null, teamId = 'team-care'): Case => ({
      id,
      version: 3,
      updatedAt: min(0),
      deleted: false,
      teamId,
      customerId: 'cust-1',
      subject: id,
      status: 'open',
      priority: 'high',
      channel: 'twitter',
      slaDueAt: slaDueAt('twitter', 'high', min(-10)),
      assigneeId,
      tags: [],
      source: { url: 'https://x.com/a/status/1', site: 'twitter', externalId: '1', pageTitle: null },
      createdAt: min(-10),
    });
    await db.customers.put(toCachedCustomer(customer));
    await db.cases.bulkPut([kase('free', null), kase('beas', 'user-bea'), kase('other-team', null, 'team-billing')]);
    const announce = vi.fn();
    const fetch = vi.fn(async (url: RequestInfo | URL, init: RequestInit = {}) => network(String(url), init));
    const api = createApiClient({ baseUrl: 'http://server', token: 't', fetch });
    const service = createQueueService({
      db,
      now: () => NOW,
      announce,
      live: () => true,
      write: (writes) => writeLocal(db, writes, NOW),
      me: async () => ({ id: 'user-alex', name: 'Alex Agent', teamIds: ['team-care'] }),
      api: async () => (signedIn ? api : null),
    });
    return { db, service, announce, fetch };
  }

  it("lists the open cases of the agent's teams with the customer's tier and value", async () => {
    const { service } = await setup();
    const snap = await service.handlers['queue.list']({}, {});
    expect(snap.cases.map((c) => c.id).sort()).toEqual(['beas', 'free']);
    expect(snap.cases[0]).toMatchObject({ customerName: 'Jane Doe', customerTier: 'gold', customerValueCents: 5000, customerValueBand: 'low' });
    expect(snap.teammates.map((t) => t.name)).toEqual(['Bea Berg']);
  });

  it("carries each case's customer effort, for the most-effort-first order", async () => {
    const { db, service } = await setup();
    const inbound = (id: string, channel: 'email' | 'twitter', at: string): Interaction => ({
      id,
      version: 1,
      updatedAt: at,
      deleted: false,
      teamId: 'team-care',
      customerId: 'cust-1',
      caseId: 'free',
      channel,
      visibility: 'private',
      direction: 'inbound',
      text: 'Still no signal',
      sourceUrl: null,
      authorName: null,
      occurredAt: at,
    });
    await applyChanges(db, [
      { entity: 'interactions', seq: 1, record: inbound('msg-1', 'email', min(-300)) },
      { entity: 'interactions', seq: 2, record: inbound('msg-2', 'twitter', min(-60)) },
    ]);
    const snap = await service.handlers['queue.list']({}, {});
    expect(snap.cases.find((c) => c.id === 'free')?.effort).toMatchObject({ contacts: 2, channels: ['email', 'twitter'], switches: 1, repeats: 1 });
    expect(snap.cases.find((c) => c.id === 'beas')?.effort).toBeNull();
  });

  it("carries the band the server sent where the agent's policy masks the value", async () => {
    const { db, service } = await setup();
    const masked = (await db.customers.get('cust-1')) as Customer;
    const { lifetimeValueCents: _hidden, ...withoutValue } = masked;
    await db.customers.put(toCachedCustomer({ ...withoutValue, valueBand: 'top', masking: { masked: ['lifetimeValueCents'], revealable: false } }));
    const snap = await service.handlers['queue.list']({}, {});
    expect(snap.cases[0]).toMatchObject({ customerValueCents: null, customerValueBand: 'top' });
  });

  it("claims through the outbox, and refuses to take a teammate's case unless told to", async () => {
    const { db, service } = await setup();
    await service.handlers['queue.assign']({ caseId: 'free', assigneeId: 'user-alex', force: false }, {});
    expect((await db.cases.get('free'))?.assigneeId).toBe('user-alex');
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ recordId: 'free', baseVersion: 3, data: { assigneeId: 'user-alex' } })]);
    await expect(service.handlers['queue.assign']({ caseId: 'beas', assigneeId: 'user-alex', force: false }, {})).rejects.toMatchObject({
      code: 'claimed',
      message: 'Bea Berg has this case.',
    });
    await service.handlers['queue.assign']({ caseId: 'beas', assigneeId: 'user-alex', force: true }, {});
    expect((await db.cases.get('beas'))?.assigneeId).toBe('user-alex');
  });

  it('sends an open queue page only the row a claim changed, read from the cache', async () => {
    const { service } = await setup();
    const first = await service.handlers['queue.changes']({ after: null }, {});
    if (first.kind !== 'snapshot') throw new Error('expected a snapshot first');
    expect(first.snapshot.cases.map((c) => c.id).sort()).toEqual(['beas', 'free']);
    await service.handlers['queue.assign']({ caseId: 'free', assigneeId: 'user-alex', force: false }, {});
    const next = await service.handlers['queue.changes']({ after: { feed: first.feed, version: first.version } }, {});
    expect(next).toMatchObject({ kind: 'delta', from: first.version, version: first.version + 1, remove: [] });
    expect(next.kind === 'delta' && next.upsert).toEqual([expect.objectContaining({ id: 'free', assigneeId: 'user-alex', pending: true })]);
  });

  it('shows a claim that crossed another on the server, and keeps presence from the live stream', async () => {
    const { db, service, announce } = await setup();
    await db.conflicts.put({ mutationId: 'm1', entity: 'cases', recordId: 'beas', local: { assigneeId: 'user-alex' }, server: {}, at: min(0) });
    service.onPresence({ caseId: 'free', teamId: 'team-care', userId: 'user-bea', userName: 'Bea Berg', state: 'replying', expiresAt: min(1) });
    expect(announce).toHaveBeenCalled();
    const snap = await service.handlers['queue.list']({}, {});
    expect(snap.cases.find((c) => c.id === 'beas')?.claimConflict).toEqual({ mutationId: 'm1', wanted: 'user-alex' });
    expect(snap.presence).toEqual([expect.objectContaining({ caseId: 'free', userName: 'Bea Berg', state: 'replying' })]);
    service.onPresence({ caseId: 'free', teamId: 'team-care', userId: 'user-bea', userName: 'Bea Berg', state: 'left', expiresAt: min(0) });
    expect((await service.handlers['queue.list']({}, {})).presence).toEqual([]);
  });

  it('tells the team where the agent is, and keeps working when signed out or offline', async () => {
    const presence = { caseId: 'free', teamId: 'team-care', userId: 'user-alex', userName: 'Alex Agent', state: 'viewing', expiresAt: min(1) };
    const online = await setup(
      async (url, init) => new Response(JSON.stringify(url.endsWith('/queue/presence') && init.method === 'POST' ? presence : { teammates: [bea] })),
    );
    expect(await online.service.handlers['queue.presence']({ caseId: 'free', state: 'viewing' }, {})).toEqual({ sent: true });
    expect(online.fetch).toHaveBeenCalledWith(
      'http://server/queue/presence',
      expect.objectContaining({ method: 'POST', body: '{"caseId":"free","state":"viewing"}' }),
    );

    const offline = await setup(async () => {
      throw new TypeError('network down');
    });
    expect(await offline.service.handlers['queue.presence']({ caseId: 'free', state: 'viewing' }, {})).toEqual({ sent: false });
    expect((await offline.service.handlers['queue.list']({}, {})).cases).toHaveLength(2);

    const signedOut = await setup(undefined, false);
    expect(await signedOut.service.handlers['queue.presence']({ caseId: 'free', state: 'viewing' }, {})).toEqual({ sent: false });
    expect((await signedOut.service.handlers['queue.list']({}, {})).teammates).toEqual([]);
    expect(signedOut.fetch).not.toHaveBeenCalled();
  });

  it('warns an agent who starts replying on the source of a case a teammate holds, and tells the team', async () => {
    const { service, fetch } = await setup();
    const tweet = {
      site: 'twitter',
      url: 'https://x.com/a/status/1',
      identities: [],
      displayName: null,
      recordId: '1',
      subject: null,
      conversation: '',
      visibility: 'public' as const,
      hasReplyBox: true,
    };
    expect(await service.handlers['presence.reply']({ context: tweet, replying: true }, {})).toEqual({ claimedBy: 'Bea Berg' });
    expect(fetch).toHaveBeenCalledWith(
      'http://server/queue/presence',
      expect.objectContaining({ method: 'POST', body: '{"caseId":"beas","state":"replying"}' }),
    );
    await service.handlers['queue.assign']({ caseId: 'beas', assigneeId: 'user-alex', force: true }, {});
    expect(await service.handlers['presence.reply']({ context: tweet, replying: true }, {})).toEqual({ claimedBy: null });
  });
});
