import { beforeAll, describe, expect, it } from 'vitest';
import { ManagedItem, PullResponse } from '../../lib/schema';
import { GapGroupsResponse, GapsSentResponse } from '../../lib/schema/knowledge-gaps';
import { FlagsSentResponse, OpenFlagsResponse, ToVerifyResponse, VerifyIntervalsResponse } from '../../lib/schema/knowledge-review';
import { writeRecords } from '../db/records';
import { addUser, appForSuite, ENGINES, expectError, expectOk } from '../testing';

const NOW = new Date('2027-03-01T12:00:00.000Z');
const DAY = 86_400_000;
const daysFromNow = (n: number) => new Date(NOW.getTime() + n * DAY).toISOString();

const article = (id: string, teamIds: string[], extra: Record<string, unknown> = {}) => ({
  id,
  version: 1,
  updatedAt: daysFromNow(-100),
  deleted: false,
  title: `Article ${id}`,
  body: 'How to do it.',
  summary: '',
  url: null,
  tags: [],
  language: 'en',
  status: 'published',
  targeting: { teamIds, sites: [], tags: [] },
  ...extra,
});

describe.each(ENGINES)('keeping knowledge verified on %s', (engine) => {
  const { db, api } = appForSuite(engine, { data: 'empty', now: () => NOW });
  const t = { mia: '', max: '', ann: '' };

  beforeAll(async () => {
    await db().query(`insert into teams (id, name) values ('t-a', 'Alpha'), ('t-b', 'Beta')`);
    await Promise.all([
      addUser(db(), { id: 'u-mia', email: 'mia@x.test', name: 'Mia', role: 'manager', teamIds: ['t-a'] }),
      addUser(db(), { id: 'u-max', email: 'max@x.test', name: 'Max', role: 'manager', teamIds: ['t-b'] }),
      addUser(db(), { id: 'u-ann', email: 'ann@x.test', name: 'Ann', role: 'agent', teamIds: ['t-a'] }),
    ]);
    await writeRecords(db(), 'articles', [
      article('a-overdue', ['t-a'], { owner: 'u-mia', verifyBy: daysFromNow(-10), verifiedAt: daysFromNow(-100) }),
      article('a-long-overdue', ['t-a'], { owner: null, verifyBy: daysFromNow(-40) }),
      article('a-current', ['t-a'], { owner: 'u-mia', verifyBy: daysFromNow(5) }),
      article('a-archived', ['t-a'], { owner: 'u-mia', verifyBy: daysFromNow(-10), status: 'archived' }),
      article('b-overdue', ['t-b'], { owner: 'u-max', verifyBy: daysFromNow(-1) }),
    ]);
    t.mia = await api.signIn('mia@x.test');
    t.max = await api.signIn('max@x.test');
    t.ann = await api.signIn('ann@x.test');
  });

  it("lists the manager's teams' stale items, longest overdue first, with owner and last verification", async () => {
    const list = await expectOk(await api.get('/knowledge/review/to-verify', t.mia), ToVerifyResponse);
    expect(list.items.map((i) => i.id)).toEqual(['a-long-overdue', 'a-overdue']);
    expect(list.items[1]).toMatchObject({ kind: 'articles', owner: { id: 'u-mia', name: 'Mia' }, verifiedAt: daysFromNow(-100), verifyBy: daysFromNow(-10) });
    expect(list.items[0]?.owner).toBeNull();
    await expectError(await api.get('/knowledge/review/to-verify', t.ann), 403, 'forbidden');
  });

  it("sets a team's interval, refuses other teams' and agents", async () => {
    const before = await expectOk(await api.get('/knowledge/review/intervals', t.mia), VerifyIntervalsResponse);
    expect(before.teams).toEqual([{ teamId: 't-a', teamName: 'Alpha', days: 90, isDefault: true }]);
    const after = await expectOk(await api.put('/knowledge/review/intervals/t-a', t.mia, { days: 30 }), VerifyIntervalsResponse);
    expect(after.teams).toEqual([{ teamId: 't-a', teamName: 'Alpha', days: 30, isDefault: false }]);
    await expectError(await api.put('/knowledge/review/intervals/t-b', t.mia, { days: 30 }), 403, 'forbidden');
    await expectError(await api.put('/knowledge/review/intervals/t-a', t.mia, { days: 0 }), 400, 'invalid_request');
    await expectError(await api.put('/knowledge/review/intervals/t-a', t.ann, { days: 10 }), 403, 'forbidden');
  });

  it('one click verifies: the item leaves the list, is current for the team interval, and reaches agents by pull', async () => {
    await expectOk(await api.put('/knowledge/review/intervals/t-a', t.mia, { days: 30 }), VerifyIntervalsResponse);
    const done = await expectOk(await api.post('/manager/articles/a-long-overdue/verify', t.mia, { baseVersion: 1 }), ManagedItem);
    expect(done.record).toMatchObject({ version: 2, owner: 'u-mia', verifiedAt: NOW.toISOString(), verifyBy: daysFromNow(30) });

    const list = await expectOk(await api.get('/knowledge/review/to-verify', t.mia), ToVerifyResponse);
    expect(list.items.map((i) => i.id)).toEqual(['a-overdue']);

    const pulled = await expectOk(await api.get('/sync/pull?cursor=0&limit=500', t.ann), PullResponse);
    const synced = pulled.changes.find((ch) => ch.entity === 'articles' && ch.record.id === 'a-long-overdue');
    expect(synced?.record).toMatchObject({ verifyBy: daysFromNow(30), owner: 'u-mia' });

    // Verifying is a version of its own in the history.
    const history = await (await api.get('/manager/articles/a-long-overdue/versions', t.mia)).json();
    expect(history.versions[0]).toMatchObject({ version: 2, action: 'verify', authorId: 'u-mia' });
  });

  it('refuses a stale version, another team’s item, and kinds without verification', async () => {
    await expectError(await api.post('/manager/articles/a-overdue/verify', t.mia, { baseVersion: 7 }), 409, 'conflict');
    await expectError(await api.post('/manager/articles/b-overdue/verify', t.mia, {}), 403, 'forbidden');
    await expectError(await api.post('/manager/broadcasts/a-overdue/verify', t.mia, {}), 400, 'invalid_request');
  });

  const flag = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    itemKind: 'article',
    itemId: 'a-current',
    reason: 'wrong',
    note: 'The steps changed last week.',
    site: 'twitter',
    terms: ['esim', 'activ'],
    occurredAt: NOW.toISOString(),
    ...extra,
  });

  it("an agent's flag reaches their team's managers with the page's site and terms, once, until one resolves it", async () => {
    expect(await expectOk(await api.post('/knowledge/review/flags', t.ann, { flags: [flag('f-1')] }), FlagsSentResponse)).toEqual({
      accepted: 1,
      duplicates: 0,
    });
    // A retry after a lost answer adds nothing.
    expect(await expectOk(await api.post('/knowledge/review/flags', t.ann, { flags: [flag('f-1')] }), FlagsSentResponse)).toEqual({
      accepted: 0,
      duplicates: 1,
    });

    const mine = await expectOk(await api.get('/knowledge/review/flags', t.mia), OpenFlagsResponse);
    expect(mine.flags).toEqual([
      {
        id: 'f-1',
        kind: 'articles',
        itemId: 'a-current',
        title: 'Article a-current',
        reason: 'wrong',
        note: 'The steps changed last week.',
        site: 'twitter',
        terms: ['esim', 'activ'],
        flaggedBy: 'Ann',
        flaggedAt: NOW.toISOString(),
      },
    ]);
    expect((await expectOk(await api.get('/knowledge/review/flags', t.max), OpenFlagsResponse)).flags).toEqual([]);
    await expectError(await api.post('/knowledge/review/flags/f-1/resolve', t.max), 404, 'not_found');

    const after = await expectOk(await api.post('/knowledge/review/flags/f-1/resolve', t.mia), OpenFlagsResponse);
    expect(after.flags).toEqual([]);
    await expectError(await api.post('/knowledge/review/flags/f-1/resolve', t.mia), 404, 'not_found');
  });

  it('refuses flags carrying digits or addresses, for another team, and agents reading the list', async () => {
    await expectError(await api.post('/knowledge/review/flags', t.ann, { flags: [flag('f-2', { terms: ['order', '4242'] })] }), 400, 'invalid_request');
    await expectError(await api.post('/knowledge/review/flags', t.ann, { flags: [flag('f-3', { terms: ['maria@example.com'] })] }), 400, 'invalid_request');
    await expectError(await api.post('/knowledge/review/flags', t.ann, { flags: [flag('f-4', { teamId: 't-b' })] }), 403, 'forbidden');
    await expectError(await api.get('/knowledge/review/flags', t.ann), 403, 'forbidden');
    expect((await expectOk(await api.get('/knowledge/review/flags', t.mia), OpenFlagsResponse)).flags).toEqual([]);
  });

  it("groups the teams' content gaps by similar terms for their managers, never another team's", async () => {
    const gap = (id: string, terms: string[], extra: Record<string, unknown> = {}) => ({
      id,
      source: 'page',
      site: 'twitter',
      terms,
      occurredAt: daysFromNow(-1),
      ...extra,
    });
    const sent = await api.post('/knowledge/review/gaps', t.ann, {
      gaps: [
        gap('g-1', ['esim', 'spinner', 'frozen']),
        gap('g-2', ['esim', 'spinner', 'hang'], { source: 'search', site: null, occurredAt: daysFromNow(-0.5) }),
        gap('g-3', ['invoice', 'vat', 'refund']),
        gap('g-old', ['esim', 'spinner'], { occurredAt: daysFromNow(-40) }),
      ],
    });
    expect(await expectOk(sent, GapsSentResponse)).toEqual({ accepted: 4, duplicates: 0 });
    expect(await expectOk(await api.post('/knowledge/review/gaps', t.ann, { gaps: [gap('g-1', ['esim'])] }), GapsSentResponse)).toEqual({
      accepted: 0,
      duplicates: 1,
    });

    const { groups } = await expectOk(await api.get('/knowledge/review/gaps', t.mia), GapGroupsResponse);
    // The 40-day-old gap is outside the window.
    expect(groups).toEqual([
      { terms: ['esim', 'spinner', 'frozen', 'hang'], count: 2, pages: 1, searches: 1, sites: ['twitter'], lastSeenAt: daysFromNow(-0.5) },
      { terms: ['invoice', 'refund', 'vat'], count: 1, pages: 1, searches: 0, sites: ['twitter'], lastSeenAt: daysFromNow(-1) },
    ]);
    expect((await expectOk(await api.get('/knowledge/review/gaps', t.max), GapGroupsResponse)).groups).toEqual([]);
    await expectError(await api.get('/knowledge/review/gaps', t.ann), 403, 'forbidden');
    await expectError(await api.post('/knowledge/review/gaps', t.ann, { gaps: [gap('g-4', ['order', '4242'])] }), 400, 'invalid_request');
    await expectError(await api.post('/knowledge/review/gaps', t.ann, { gaps: [gap('g-5', ['esim'], { teamId: 't-b' })] }), 403, 'forbidden');
  });
});
