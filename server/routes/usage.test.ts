import { beforeAll, describe, expect, it } from 'vitest';
import type { Case, Interaction } from '../../lib/schema/entities';
import { AnalyticsResponse, UsageEventsResponse } from '../../lib/schema/manager';
import { writeRecords } from '../db/records';
import { addUser, appForSuite, ENGINES, expectError, expectOk } from '../testing';

// A small hand-made data set on an empty database, so every expected figure below can be counted by hand.
const NOW = new Date('2027-01-02T12:00:00.000Z');
const WINDOW = 'from=2027-01-01&to=2027-01-03';
const T0 = '2027-01-01T00:00:00.000Z';

function article(id: string, title: string, status: 'draft' | 'published', teamIds: string[]) {
  return { id, version: 1, updatedAt: T0, title, body: '', summary: '', status, targeting: { teamIds, sites: [], tags: [] } };
}
function snippet(id: string, title: string, teamIds: string[]) {
  return { id, version: 1, updatedAt: T0, title, shortcut: `;${id}`, body: 'x', status: 'published', targeting: { teamIds, sites: [], tags: [] } };
}
function kase(id: string, teamId: string, status: Case['status'], slaDueAt: string | null, updatedAt: string, channel: Case['channel']): Case {
  return {
    id,
    version: 1,
    updatedAt,
    deleted: false,
    teamId,
    customerId: 'cust-1',
    subject: id,
    status,
    priority: 'normal',
    channel,
    slaDueAt,
    assigneeId: null,
    tags: [],
    source: { url: null, site: null, externalId: null, pageTitle: null },
    createdAt: T0,
  };
}
function reply(id: string, teamId: string, caseId: string, occurredAt: string, direction: Interaction['direction'] = 'outbound'): Interaction {
  return {
    id,
    version: 1,
    updatedAt: occurredAt,
    deleted: false,
    teamId,
    customerId: 'cust-1',
    caseId,
    channel: 'email',
    visibility: 'private',
    direction,
    text: 'hi',
    sourceUrl: null,
    authorName: null,
    occurredAt,
  };
}
const ev = (id: string, type: string, itemKind: string, itemId: string, occurredAt: string) => ({ id, type, itemKind, itemId, site: 'zendesk', occurredAt });
const counts = (c: Partial<Record<'suggested' | 'opened' | 'inserted' | 'helpful' | 'notHelpful', number>>) => ({
  suggested: 0,
  opened: 0,
  inserted: 0,
  helpful: 0,
  notHelpful: 0,
  ...c,
});

describe.each(ENGINES)('usage events and analytics on %s', (engine) => {
  const { db, api } = appForSuite(engine, { data: 'empty', now: () => NOW });
  const t: Record<'ann' | 'ben' | 'dee' | 'max' | 'root', string> = { ann: '', ben: '', dee: '', max: '', root: '' };

  beforeAll(async () => {
    await db().query(`insert into teams (id, name) values ('t-a', 'Alpha'), ('t-b', 'Beta')`);
    await Promise.all([
      addUser(db(), { id: 'u-ann', email: 'ann@x.test', name: 'Ann', role: 'agent', teamIds: ['t-a'] }),
      addUser(db(), { id: 'u-ben', email: 'ben@x.test', name: 'Ben', role: 'agent', teamIds: ['t-b'] }),
      addUser(db(), { id: 'u-dee', email: 'dee@x.test', name: 'Dee', role: 'agent', teamIds: ['t-a', 't-b'] }),
      addUser(db(), { id: 'u-max', email: 'max@x.test', name: 'Max', role: 'manager', teamIds: ['t-a'] }),
      addUser(db(), { id: 'u-root', email: 'root@x.test', name: 'Root', role: 'admin', teamIds: [] }),
    ]);
    await writeRecords(db(), 'articles', [
      article('art-1', 'Roaming charges', 'published', ['t-a']),
      article('art-2', 'eSIM setup', 'published', []),
      article('art-3', 'Draft notes', 'draft', ['t-a']),
      article('art-4', 'Billing dates', 'published', ['t-b']),
    ]);
    await writeRecords(db(), 'snippets', [snippet('snip-1', 'Roaming reply', ['t-a']), snippet('snip-2', 'eSIM reply', [])]);
    // now = 2027-01-02T12:00Z. Deadlines in the window [2027-01-01, 2027-01-03):
    await writeRecords(db(), 'cases', [
      kase('c1', 't-a', 'solved', '2027-01-01T12:00:00.000Z', '2027-01-01T11:00:00.000Z', 'twitter'), // FR met, resolved in time
      kase('c2', 't-a', 'solved', '2027-01-01T12:00:00.000Z', '2027-01-01T13:00:00.000Z', 'email'), // FR met, resolved late
      kase('c3', 't-a', 'open', '2027-01-02T10:00:00.000Z', T0, 'twitter'), // no reply, past due: both breached
      kase('c4', 't-a', 'pending', '2027-01-02T18:00:00.000Z', T0, 'chat'), // FR met, resolution pending
      kase('c5', 't-a', 'new', '2027-01-02T20:00:00.000Z', T0, 'chat'), // both pending
      kase('c7', 't-a', 'open', '2027-01-05T00:00:00.000Z', T0, 'chat'), // deadline outside the window
      kase('c8', 't-a', 'open', null, T0, 'chat'), // no SLA
      kase('c6', 't-b', 'closed', '2027-01-01T12:00:00.000Z', '2027-01-01T12:00:00.000Z', 'email'), // FR breached, resolved exactly on time
    ]);
    await writeRecords(db(), 'interactions', [
      reply('i1', 't-a', 'c1', '2027-01-01T10:00:00.000Z'),
      reply('i2', 't-a', 'c2', '2027-01-01T12:30:00.000Z'),
      reply('i3', 't-a', 'c2', '2027-01-01T11:30:00.000Z'),
      reply('i4', 't-a', 'c3', '2027-01-01T09:00:00.000Z', 'inbound'),
      reply('i5', 't-a', 'c4', '2027-01-02T11:00:00.000Z'),
      reply('i6', 't-b', 'c6', '2027-01-01T13:00:00.000Z'),
    ]);
    for (const name of ['ann', 'ben', 'dee', 'max', 'root'] as const) t[name] = await api.signIn(`${name}@x.test`);

    const d1 = (h: string) => `2027-01-01T${h}:00.000Z`;
    const d2 = (h: string) => `2027-01-02T${h}:00.000Z`;
    const annEvents = [
      ev('e1', 'suggested', 'article', 'art-1', d1('09:00')),
      ev('e2', 'opened', 'article', 'art-1', d1('09:01')),
      ev('e3', 'suggested', 'snippet', 'snip-1', d1('09:02')),
      ev('e4', 'inserted', 'snippet', 'snip-1', d1('09:03')),
      ev('e5', 'not_helpful', 'article', 'art-1', d1('10:00')),
      ev('e6', 'suggested', 'article', 'art-1', d2('08:00')),
      ev('e7', 'inserted', 'snippet', 'snip-1', d2('08:01')),
      ev('e8', 'helpful', 'snippet', 'snip-1', d2('08:02')),
      ev('e9', 'not_helpful', 'article', 'art-1', d2('09:00')),
      ev('e10', 'suggested', 'article', 'art-2', d2('10:00')), // suggested only: art-2 stays unused
      ev('e11', 'opened', 'article', 'art-2', '2026-12-31T23:59:59.000Z'), // before the window
      ev('e15', 'captured', 'case', 'c1', d1('08:00')),
      ev('e16', 'captured', 'case', 'c2', d1('08:10')),
      ev('e17', 'captured', 'case', 'c3', d2('07:00')),
      ev('e18', 'captured', 'case', 'case-not-synced', d2('07:30')),
    ];
    const benEvents = [
      ev('e12', 'inserted', 'snippet', 'snip-2', d1('11:00')),
      ev('e13', 'opened', 'article', 'art-4', d1('11:05')),
      ev('e14', 'not_helpful', 'snippet', 'snip-2', d2('11:00')),
      ev('e19', 'captured', 'case', 'c6', d1('07:00')),
    ];
    expect(await expectOk(await api.post('/usage/events', t.ann, { events: annEvents }), UsageEventsResponse)).toEqual({ accepted: 15, duplicates: 0 });
    expect(await expectOk(await api.post('/usage/events', t.ben, { events: benEvents }), UsageEventsResponse)).toEqual({ accepted: 4, duplicates: 0 });
  }, 60_000);

  const later = (id: string) => ev(id, 'suggested', 'article', 'art-9', '2026-06-01T00:00:00.000Z'); // outside the window, unknown item
  async function eventCount(): Promise<number> {
    const { rows } = await db().query<{ n: number }>('select count(*)::int as n from usage_events');
    return Number(rows[0]?.n);
  }

  describe('POST /usage/events', () => {
    it('is idempotent by event id', async () => {
      const batch = { events: [later('x1'), later('x2')] };
      expect(await expectOk(await api.post('/usage/events', t.ann, batch), UsageEventsResponse)).toEqual({ accepted: 2, duplicates: 0 });
      const n = await eventCount();
      expect(await expectOk(await api.post('/usage/events', t.ann, batch), UsageEventsResponse)).toEqual({ accepted: 0, duplicates: 2 });
      expect(await eventCount()).toBe(n);
      // Another user replaying the same ids changes nothing either.
      expect(await expectOk(await api.post('/usage/events', t.ben, { events: [later('x1'), later('x3')] }), UsageEventsResponse)).toEqual({
        accepted: 1,
        duplicates: 1,
      });
      const { rows } = await db().query('select id, user_id, team_id from usage_events where id in ($1, $2, $3) order by id', ['x1', 'x2', 'x3']);
      expect(rows).toEqual([
        { id: 'x1', user_id: 'u-ann', team_id: 't-a' },
        { id: 'x2', user_id: 'u-ann', team_id: 't-a' },
        { id: 'x3', user_id: 'u-ben', team_id: 't-b' },
      ]);
    });

    it('takes the user and team from the token and refuses a batch claiming anyone else, storing none of it', async () => {
      const n = await eventCount();
      await expectError(await api.post('/usage/events', t.ann, { events: [later('s1'), { ...later('s2'), userId: 'u-ben' }] }), 403, 'forbidden');
      await expectError(await api.post('/usage/events', t.ann, { events: [later('s3'), { ...later('s4'), teamId: 't-b' }] }), 403, 'forbidden');
      expect(await eventCount()).toBe(n);
      // Naming oneself is fine; a member of two teams may say which, and defaults to the first.
      await expectOk(await api.post('/usage/events', t.ann, { events: [{ ...later('s5'), userId: 'u-ann', teamId: 't-a' }] }), UsageEventsResponse);
      await expectOk(await api.post('/usage/events', t.dee, { events: [{ ...later('s6'), teamId: 't-b' }, later('s7')] }), UsageEventsResponse);
      const { rows } = await db().query('select id, user_id, team_id from usage_events where id like $1 order by id', ['s%']);
      expect(rows).toEqual([
        { id: 's5', user_id: 'u-ann', team_id: 't-a' },
        { id: 's6', user_id: 'u-dee', team_id: 't-b' },
        { id: 's7', user_id: 'u-dee', team_id: 't-a' },
      ]);
      // An admin in no team has nowhere to count usage.
      await expectError(await api.post('/usage/events', t.root, { events: [later('s8')] }), 403, 'forbidden');
    });

    it('refuses bad input with stable codes', async () => {
      const n = await eventCount();
      const bad: [unknown, number, string][] = [
        ['{"events": [', 400, 'invalid_json'],
        [{ events: [] }, 400, 'invalid_request'],
        [{ events: [later('b1')], extra: 1 }, 400, 'invalid_request'],
        [{ events: [{ ...later('b2'), mood: 'happy' }] }, 400, 'invalid_request'],
        [{ events: [{ ...later('b3'), type: 'liked' }] }, 400, 'invalid_request'],
        [{ events: [{ ...later('b4'), occurredAt: 'yesterday' }] }, 400, 'invalid_request'],
        [{ events: [{ ...later('b5'), id: 'x'.repeat(65) }] }, 400, 'invalid_request'],
        [{ events: Array.from({ length: 501 }, (_, i) => later(`b-${i}`)) }, 400, 'too_many_events'],
      ];
      for (const [body, status, code] of bad) await expectError(await api.post('/usage/events', t.ann, body), status, code);
      await expectError(await api.post('/usage/events', undefined, { events: [later('b6')] }), 401, 'unauthorized');
      await expectError(
        await api.post('/usage/events', t.ann, JSON.stringify({ events: [{ ...later('b7'), site: 'x'.repeat(1_100_000) }] })),
        413,
        'payload_too_large',
      );
      expect(await eventCount()).toBe(n);
    });
  });

  describe('GET /manager/analytics', () => {
    it("counts a manager's own team, by item, team and day", async () => {
      const a = await expectOk(await api.get(`/manager/analytics?${WINDOW}`, t.max), AnalyticsResponse);
      expect(a.from).toBe('2027-01-01T00:00:00.000Z');
      expect(a.to).toBe('2027-01-03T00:00:00.000Z');
      expect(a.teamIds).toEqual(['t-a']);
      expect(a.items).toEqual([
        { kind: 'snippet', id: 'snip-1', title: 'Roaming reply', counts: counts({ suggested: 1, inserted: 2, helpful: 1 }) },
        { kind: 'article', id: 'art-1', title: 'Roaming charges', counts: counts({ suggested: 2, opened: 1, notHelpful: 2 }) },
        { kind: 'article', id: 'art-2', title: 'eSIM setup', counts: counts({ suggested: 1 }) },
      ]);
      expect(a.byTeam).toEqual([
        { teamId: 't-a', kind: 'article', counts: counts({ suggested: 3, opened: 1, notHelpful: 2 }) },
        { teamId: 't-a', kind: 'snippet', counts: counts({ suggested: 1, inserted: 2, helpful: 1 }) },
      ]);
      expect(a.byDay).toEqual([
        { day: '2027-01-01', teamId: 't-a', kind: 'article', counts: counts({ suggested: 1, opened: 1, notHelpful: 1 }) },
        { day: '2027-01-01', teamId: 't-a', kind: 'snippet', counts: counts({ suggested: 1, inserted: 1 }) },
        { day: '2027-01-02', teamId: 't-a', kind: 'article', counts: counts({ suggested: 2, notHelpful: 1 }) },
        { day: '2027-01-02', teamId: 't-a', kind: 'snippet', counts: counts({ inserted: 1, helpful: 1 }) },
      ]);
      // Published items reaching t-a: art-1, art-2, snip-1, snip-2. Opened or inserted by t-a: art-1, snip-1.
      expect(a.unused).toEqual([
        { kind: 'article', id: 'art-2', title: 'eSIM setup' },
        { kind: 'snippet', id: 'snip-2', title: 'eSIM reply' },
      ]);
      expect(a.capturesByChannel).toEqual([
        { channel: 'twitter', count: 2 },
        { channel: 'email', count: 1 },
        { channel: 'unknown', count: 1 },
      ]);
      // Cases c1–c5. First response: c1 met, c2 met (first reply 11:30), c3 breached, c4 met, c5 pending.
      // Resolution: c1 met, c2 breached (late), c3 breached (open, past due), c4 and c5 pending.
      expect(a.sla).toEqual({
        firstResponse: { cases: 5, met: 3, breached: 1, pending: 1, attainment: 0.75 },
        resolution: { cases: 5, met: 1, breached: 2, pending: 2, attainment: 1 / 3 },
      });
      expect(a.notHelpful).toEqual([{ kind: 'article', id: 'art-1', title: 'Roaming charges', count: 2, lastAt: '2027-01-02T09:00:00.000Z' }]);
    });

    it('covers every team for an admin, or the one asked for', async () => {
      const all = await expectOk(await api.get(`/manager/analytics?${WINDOW}`, t.root), AnalyticsResponse);
      expect(all.teamIds).toEqual(['t-a', 't-b']);
      expect(all.unused).toEqual([{ kind: 'article', id: 'art-2', title: 'eSIM setup' }]);
      expect(all.capturesByChannel).toEqual([
        { channel: 'email', count: 2 },
        { channel: 'twitter', count: 2 },
        { channel: 'unknown', count: 1 },
      ]);
      // Adds c6: first reply after the deadline (breached), closed exactly at it (met).
      expect(all.sla).toEqual({
        firstResponse: { cases: 6, met: 3, breached: 2, pending: 1, attainment: 0.6 },
        resolution: { cases: 6, met: 2, breached: 2, pending: 2, attainment: 0.5 },
      });
      expect(all.notHelpful.map((n) => [n.id, n.count])).toEqual([
        ['art-1', 2],
        ['snip-2', 1],
      ]);
      const b = await expectOk(await api.get(`/manager/analytics?${WINDOW}&teamId=t-b`, t.root), AnalyticsResponse);
      expect(b.items).toEqual([
        { kind: 'snippet', id: 'snip-2', title: 'eSIM reply', counts: counts({ inserted: 1, notHelpful: 1 }) },
        { kind: 'article', id: 'art-4', title: 'Billing dates', counts: counts({ opened: 1 }) },
      ]);
      expect(b.byDay.map((d) => d.teamId)).toEqual(['t-b', 't-b', 't-b']);
    });

    it('defaults to the 30 days before now', async () => {
      const a = await expectOk(await api.get('/manager/analytics', t.max), AnalyticsResponse);
      expect(a).toMatchObject({ from: '2026-12-03T12:00:00.000Z', to: NOW.toISOString() });
    });

    it('refuses agents, other teams and bad windows', async () => {
      await expectError(await api.get(`/manager/analytics?${WINDOW}`, t.ann), 403, 'forbidden');
      await expectError(await api.get(`/manager/analytics?${WINDOW}&teamId=t-b`, t.max), 403, 'forbidden');
      await expectError(await api.get('/manager/analytics?from=2027-01-03&to=2027-01-01', t.max), 400, 'invalid_request');
      await expectError(await api.get('/manager/analytics?from=2025-01-01&to=2027-01-01', t.max), 400, 'invalid_request');
      await expectError(await api.get('/manager/analytics?from=last-week', t.max), 400, 'invalid_request');
      await expectError(await api.get(`/manager/analytics?${WINDOW}&groupBy=hour`, t.max), 400, 'invalid_request');
    });
  });
});
