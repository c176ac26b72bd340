import { beforeAll, describe, expect, it } from 'vitest';
import { LearnedAssociationsResponse, LearningPicksResponse } from '../../lib/schema/knowledge-learning';
import { addUser, appForSuite, ENGINES, expectError, expectOk } from '../testing';

const NOW = new Date('2027-03-01T12:00:00.000Z');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY).toISOString();
const pick = (id: string, itemId: string, terms: string[], occurredAt = daysAgo(0), extra: Record<string, unknown> = {}) => ({
  id,
  itemKind: 'article',
  itemId,
  signal: 'inserted',
  terms,
  occurredAt,
  ...extra,
});

describe.each(ENGINES)('learning from agents on %s', (engine) => {
  const { db, api } = appForSuite(engine, { data: 'empty', now: () => NOW });
  const t = { ann: '', amy: '', ben: '' };

  beforeAll(async () => {
    await db().query(`insert into teams (id, name) values ('t-a', 'Alpha'), ('t-b', 'Beta')`);
    await Promise.all([
      addUser(db(), { id: 'u-ann', email: 'ann@x.test', name: 'Ann', role: 'agent', teamIds: ['t-a'] }),
      addUser(db(), { id: 'u-amy', email: 'amy@x.test', name: 'Amy', role: 'agent', teamIds: ['t-a'] }),
      addUser(db(), { id: 'u-ben', email: 'ben@x.test', name: 'Ben', role: 'agent', teamIds: ['t-b'] }),
    ]);
    t.ann = await api.signIn('ann@x.test');
    t.amy = await api.signIn('amy@x.test');
    t.ben = await api.signIn('ben@x.test');
  });

  it("shares one agent's pick with the teammates, decayed, and not with other teams", async () => {
    const sent = await expectOk(
      await api.post('/knowledge/learning/picks', t.ann, {
        picks: [pick('p1', 'esim', ['virtual', 'sim', 'regist']), pick('p2', 'esim', ['virtual'], daysAgo(60))],
      }),
      LearningPicksResponse,
    );
    expect(sent).toEqual({ accepted: 2, duplicates: 0 });
    // A retry of the same pick changes nothing.
    expect(await expectOk(await api.post('/knowledge/learning/picks', t.ann, { picks: [pick('p1', 'esim', ['virtual'])] }), LearningPicksResponse)).toEqual({
      accepted: 0,
      duplicates: 1,
    });

    const teammate = await expectOk(await api.get('/knowledge/learning/associations', t.amy), LearnedAssociationsResponse);
    const esim = teammate.items.find((i) => i.itemId === 'esim');
    const weight = (term: string) => esim?.terms.find((x) => x.term === term)?.weight ?? 0;
    expect(weight('virtual')).toBeCloseTo(1.5); // today's pick, plus half of one 60 days old
    expect(weight('sim')).toBeCloseTo(1);

    const other = await expectOk(await api.get('/knowledge/learning/associations', t.ben), LearnedAssociationsResponse);
    expect(other.items).toEqual([]);
  });

  it('refuses digits and other teams, and stores nothing of a refused batch', async () => {
    await expectError(await api.post('/knowledge/learning/picks', t.ann, { picks: [pick('p3', 'card', ['refund', '4242'])] }), 400, 'invalid_request');
    await expectError(await api.post('/knowledge/learning/picks', t.ann, { picks: [pick('p4', 'card', ['maria@example.com'])] }), 400, 'invalid_request');
    await expectError(
      await api.post('/knowledge/learning/picks', t.ann, {
        picks: [pick('p5', 'card', ['refund']), pick('p6', 'card', ['refund'], daysAgo(0), { teamId: 't-b' })],
      }),
      403,
      'forbidden',
    );
    const { rows } = await db().query<{ n: number | string }>(`select count(*)::int as n from knowledge_picks where id in ('p3', 'p4', 'p5', 'p6')`);
    expect(Number(rows[0]?.n)).toBe(0);
    await expectError(await api.get('/knowledge/learning/associations'), 401, 'unauthorized');
  });
});
