import { beforeAll, describe, expect, it } from 'vitest';
import { BroadcastReadsResponse, ReceiptsSentResponse } from '../../lib/schema/broadcast-receipts';
import { writeRecords } from '../db/records';
import { addUser, appForSuite, ENGINES, expectError, expectOk } from '../testing';

const NOW = new Date('2027-03-01T12:00:00.000Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

const broadcast = (id: string, teamIds: string[], startsAt: string, deleted = false) => ({
  id,
  version: 1,
  updatedAt: startsAt,
  deleted,
  title: `Broadcast ${id}`,
  message: 'Something happened.',
  severity: 'major',
  startsAt,
  endsAt: null,
  suggestedSnippetId: null,
  targeting: { teamIds, sites: [], tags: [] },
});

describe.each(ENGINES)('broadcast read receipts on %s', (engine) => {
  const { db, api } = appForSuite(engine, { data: 'empty', now: () => NOW });
  const t = { mia: '', ann: '', bob: '', cyd: '' };
  const receipt = (broadcastId: string, seenAt = at(-5)) => ({ receipts: [{ broadcastId, seenAt }] });
  const readsFor = async (token: string) => (await expectOk(await api.get('/broadcasts/receipts', token), BroadcastReadsResponse)).broadcasts;

  beforeAll(async () => {
    await db().query(`insert into teams (id, name) values ('t-a', 'Alpha'), ('t-b', 'Beta')`);
    await Promise.all([
      addUser(db(), { id: 'u-mia', email: 'mia@x.test', name: 'Mia', role: 'manager', teamIds: ['t-a'] }),
      addUser(db(), { id: 'u-ann', email: 'ann@x.test', name: 'Ann', role: 'agent', teamIds: ['t-a'] }),
      addUser(db(), { id: 'u-bob', email: 'bob@x.test', name: 'Bob', role: 'agent', teamIds: ['t-a'] }),
      addUser(db(), { id: 'u-cyd', email: 'cyd@x.test', name: 'Cyd', role: 'agent', teamIds: ['t-b'] }),
    ]);
    await writeRecords(db(), 'broadcasts', [
      broadcast('bc-all', [], at(-60)),
      broadcast('bc-a', ['t-a'], at(-30)),
      broadcast('bc-b', ['t-b'], at(-20)),
      broadcast('bc-gone', [], at(-10), true),
    ]);
    t.mia = await api.signIn('mia@x.test');
    t.ann = await api.signIn('ann@x.test');
    t.bob = await api.signIn('bob@x.test');
    t.cyd = await api.signIn('cyd@x.test');
  });

  it("lists the manager's teams' agents per live broadcast, newest first, none of them seen yet", async () => {
    const list = await readsFor(t.mia);
    expect(list.map((b) => b.id)).toEqual(['bc-a', 'bc-all']);
    // Only the manager's teams' agents: Cyd (Beta) is not Mia's to see, and Mia is not an agent.
    expect(list[1]?.readers).toEqual([
      { userId: 'u-ann', name: 'Ann', seenAt: null },
      { userId: 'u-bob', name: 'Bob', seenAt: null },
    ]);
    await expectError(await api.get('/broadcasts/receipts', t.ann), 403, 'forbidden');
  });

  it('records the first acknowledgement of a broadcast aimed at the agent, and ignores the rest', async () => {
    expect(await expectOk(await api.post('/broadcasts/receipts', t.ann, receipt('bc-all', at(-5))), ReceiptsSentResponse)).toEqual({ accepted: 1, ignored: 0 });
    // A retry, or a later click on another device, keeps the first time.
    await expectOk(await api.post('/broadcasts/receipts', t.ann, receipt('bc-all', at(-1))), ReceiptsSentResponse);
    // Another team's broadcast, a deleted one and an unknown one are ignored, not refused: the queue must drain.
    for (const id of ['bc-b', 'bc-gone', 'bc-unknown']) {
      expect(await expectOk(await api.post('/broadcasts/receipts', t.ann, receipt(id)), ReceiptsSentResponse)).toEqual({ accepted: 0, ignored: 1 });
    }
    // A clock ahead of the server's counts as now.
    await expectOk(await api.post('/broadcasts/receipts', t.bob, receipt('bc-a', at(90))), ReceiptsSentResponse);

    const [a, all] = await readsFor(t.mia);
    expect(all?.readers).toEqual([
      { userId: 'u-ann', name: 'Ann', seenAt: at(-5) },
      { userId: 'u-bob', name: 'Bob', seenAt: null },
    ]);
    expect(a?.readers).toEqual([
      { userId: 'u-ann', name: 'Ann', seenAt: null },
      { userId: 'u-bob', name: 'Bob', seenAt: NOW.toISOString() },
    ]);
  });

  it('refuses a batch over the limit and a malformed receipt', async () => {
    const many = { receipts: Array.from({ length: 51 }, () => ({ broadcastId: 'bc-all', seenAt: at(-1) })) };
    await expectError(await api.post('/broadcasts/receipts', t.cyd, many), 400, 'invalid_request');
    await expectError(await api.post('/broadcasts/receipts', t.cyd, { receipts: [{ broadcastId: 'bc-all' }] }), 400, 'invalid_request');
  });
});
