import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { applyChanges, restartChangeFeed, TandemDatabase } from '../db';
import { customer, useTestDatabase } from '../db/test-fixtures';
import type { LearningPick, PageContext, Resolution } from '../schema';
import type { KnowledgeGap } from '../schema/knowledge-gaps';
import type { KnowledgeFlag } from '../schema/knowledge-review';
import type { FrameUpdate } from '../schema/messages';
import { createKnowledgeHandlers, createKnowledgeService } from './background';
import { readIndexRows } from './index-rows';
import { type LearnedTerm, learn } from './learning';
import { suggestAnswer } from './rank';
import { KnowledgeIndex, saveIndex } from './search-index';
import { pageKey } from './semantic/page-key';
import { EMBEDDING_DIMENSIONS, EMBEDDING_MODEL, encodeVector, quantizeVector } from './semantic/vector';
import { article, snippet } from './test-fixtures';

// The real ranker, counted: the semantic stage must re-order the pool the lexical answer was ranked with, not rank again.
vi.mock('./rank', async (original) => {
  const rank = await original<typeof import('./rank')>();
  return { ...rank, suggestAnswer: vi.fn(rank.suggestAnswer) };
});

const db = useTestDatabase();
const agent = { id: 'u-ana', name: 'Ana Lima', teamIds: ['team-care'] };

const context: PageContext = {
  site: 'twitter',
  url: 'https://x.com/jane_doe/status/1',
  identities: [{ kind: 'twitter', value: 'jane_doe' }],
  displayName: null,
  recordId: null,
  subject: null,
  conversation: 'I want a refund for my order, it never arrived',
  visibility: 'public',
  hasReplyBox: true,
};

const janeOnThePage: Resolution = {
  status: 'matched',
  view: { customer: customer('c-jane', { name: 'Jane Doe' }), openCases: [], timeline: [], matchedBy: [] },
  otherMatches: [],
};

async function setup() {
  await applyChanges(db(), [
    {
      entity: 'snippets',
      seq: 1,
      record: snippet('refund', {
        title: 'Refund for an order that never arrived',
        body: 'Hi {{customer.firstName}}, your refund is on its way. {{agent.firstName}}',
        tags: ['refund'],
      }),
    },
    { entity: 'snippets', seq: 2, record: snippet('draft', { body: 'Not yet', status: 'draft' }) },
    { entity: 'articles', seq: 3, record: article('returns', { title: 'Returns', body: '# Returns' }) },
    { entity: 'articles', seq: 4, record: article('old', { deleted: true }) },
  ]);
  const resolve = vi.fn(async () => janeOnThePage);
  const handlers = createKnowledgeHandlers({
    knowledge: createKnowledgeService({ db: db(), now: () => new Date('2026-11-20T09:00:00.000Z') }),
    agent: async () => agent,
    resolve,
  });
  return { handlers, resolve };
}

describe('knowledge handlers', () => {
  it('suggest: fills the reply with who the sender tab’s page is about', async () => {
    const { handlers, resolve } = await setup();
    const { suggestions } = await handlers['knowledge.suggest']({ context }, { tab: { id: 7 } });
    expect(resolve).toHaveBeenCalledWith(context, 7);
    expect(suggestions.find((s) => s.id === 'refund')?.insertText).toBe('Hi Jane, your refund is on its way. Ana');
  });

  it('expand: a published shortcut with the page’s placeholders; nothing for a draft or unknown one', async () => {
    const { handlers } = await setup();
    expect(await handlers['knowledge.expand']({ shortcut: ';REFUND', context }, {})).toEqual({
      text: 'Hi Jane, your refund is on its way. Ana',
      snippetId: 'refund',
    });
    expect(await handlers['knowledge.expand']({ shortcut: ';draft', context: null }, {})).toEqual({ text: null, snippetId: null });
    expect(await handlers['knowledge.expand']({ shortcut: ';nope', context: null }, {})).toEqual({ text: null, snippetId: null });
  });

  it('article: the cached article, not a deleted one', async () => {
    const { handlers } = await setup();
    expect((await handlers['knowledge.article']({ id: 'returns' }, {})).article?.title).toBe('Returns');
    expect(await handlers['knowledge.article']({ id: 'old' }, {})).toEqual({ article: null });
  });

  it('search: finds what the agent types', async () => {
    const { handlers } = await setup();
    const { results } = await handlers['knowledge.search']({ text: 'refund', limit: 5 }, {});
    expect(results.map((r) => r.id)).toContain('refund');
  });
});

describe('the knowledge service when the local copy starts over', () => {
  const titles = async (knowledge: ReturnType<typeof createKnowledgeService>, text: string) =>
    (await knowledge.search(text, { limit: 5 }, agent)).map((r) => r.title);

  it('rebuilds from the new copy: an article the restored server has at an older version, or not at all, is not found as it was', async () => {
    const knowledge = createKnowledgeService({ db: db() });
    const before = [
      { entity: 'articles' as const, seq: 10, record: article('returns', { version: 3, title: 'Returns accepted within ninety days' }) },
      { entity: 'articles' as const, seq: 11, record: article('lost', { title: 'Loyalty points explained' }) },
    ];
    await applyChanges(db(), before);
    knowledge.onPulled(before, 11);
    await vi.waitFor(async () => expect(await titles(knowledge, 'ninety days')).toEqual(['Returns accepted within ninety days']));

    // A server restored from a backup taken before version 3 and before the second article.
    await restartChangeFeed(db());
    await knowledge.reset();
    const restored = [{ entity: 'articles' as const, seq: 2, record: article('returns', { version: 2, title: 'Returns accepted within thirty days' }) }];
    await applyChanges(db(), restored);
    knowledge.onPulled(restored, 2);

    await vi.waitFor(async () => expect(await titles(knowledge, 'thirty days')).toEqual(['Returns accepted within thirty days']));
    expect(await titles(knowledge, 'ninety')).toEqual([]);
    expect(await titles(knowledge, 'loyalty points')).toEqual([]);
  });
});

describe('a woken worker', () => {
  it("loads the index from the rows its start read (not read again), and after a reset from the cache's own", async () => {
    // The rows as another cache saved them: only the rows the start read can make this article findable.
    const elsewhere = new TandemDatabase(`elsewhere-${crypto.randomUUID()}`);
    await saveIndex(elsewhere, KnowledgeIndex.build({ articles: [article('warranty', { title: 'Warranty claims for a broken kettle' })] }));
    const knowledge = createKnowledgeService({ db: db(), indexRows: readIndexRows(indexedDB, elsewhere.name) });
    const titles = async (text: string) => (await knowledge.search(text, { limit: 5 }, agent)).map((r) => r.title);
    expect(await titles('warranty kettle')).toEqual(['Warranty claims for a broken kettle']);

    await knowledge.reset();
    expect(await titles('warranty kettle')).toEqual([]);
    await elsewhere.delete();
  });

  it("suggest: reads the agent while the page's look-up is still running, not after it", async () => {
    await setup();
    let agentAsked!: () => void;
    const asked = new Promise<void>((resolve) => (agentAsked = resolve));
    const handlers = createKnowledgeHandlers({
      knowledge: createKnowledgeService({ db: db() }),
      agent: async () => {
        agentAsked();
        return agent;
      },
      // Held until the agent is asked: in sequence, the suggestion would never be answered.
      resolve: async () => {
        await asked;
        return janeOnThePage;
      },
    });
    const { suggestions } = await handlers['knowledge.suggest']({ context }, { tab: { id: 7 } });
    expect(suggestions.find((s) => s.id === 'refund')?.insertText).toBe('Hi Jane, your refund is on its way. Ana');
  });
});

describe('honest silence and learning from agents', () => {
  const esimPage = (conversation: string, url: string): PageContext => ({ ...context, url, conversation });
  const NOW = new Date('2026-11-20T09:00:00.000Z');

  async function knowledgeBase() {
    await applyChanges(db(), [
      {
        entity: 'articles',
        seq: 1,
        record: article('esim', { title: 'Activate an eSIM on a new phone', body: 'Scan the eSIM QR code on Wi-Fi; activation takes up to 15 minutes.' }),
      },
      { entity: 'articles', seq: 2, record: article('roaming', { title: 'Roaming charges abroad', body: 'Roaming in the EU costs nothing extra.' }) },
      { entity: 'articles', seq: 3, record: article('invoice', { title: 'Download your invoice', body: 'Invoices are in the app under Billing.' }) },
    ]);
  }

  /** A stand-in for the learning and flag routes: keeps the picks and flags, and answers every team member with the picks. */
  function fakeServer() {
    const picks: LearningPick[] = [];
    const flags: KnowledgeFlag[] = [];
    const gaps: KnowledgeGap[] = [];
    return {
      picks,
      flags,
      gaps,
      api: {
        knowledgeReview: {
          sendFlags: vi.fn(async (batch: KnowledgeFlag[]) => {
            flags.push(...batch);
            return { accepted: batch.length, duplicates: 0 };
          }),
          sendGaps: vi.fn(async (batch: KnowledgeGap[]) => {
            gaps.push(...batch);
            return { accepted: batch.length, duplicates: 0 };
          }),
        },
        knowledgePicks: vi.fn(async (batch: LearningPick[]) => {
          picks.push(...batch);
          return { accepted: batch.length, duplicates: 0 };
        }),
        knowledgeAssociations: vi.fn(async () => {
          const items = new Map<string, { itemKind: 'article' | 'snippet'; itemId: string; terms: LearnedTerm[] }>();
          for (const p of picks) {
            const key = `${p.itemKind}:${p.itemId}`;
            const item = items.get(key) ?? { itemKind: p.itemKind, itemId: p.itemId, terms: [] };
            item.terms = learn(item.terms, p.terms, NOW);
            items.set(key, item);
          }
          return { at: NOW.toISOString(), items: [...items.values()] };
        }),
      },
    };
  }

  it('suggest: quiet, with no guess, when the page is off-topic; answered when it is on topic', async () => {
    await knowledgeBase();
    const knowledge = createKnowledgeService({ db: db(), now: () => NOW });
    const offTopic = await knowledge.suggestFor(
      esimPage('What a lovely sunset at the beach tonight, the sky turned pink', 'https://x.com/a/status/2'),
      null,
      agent,
    );
    expect(offTopic).toEqual({ suggestions: [], quiet: true, quietReason: expect.stringMatching(/no-match|not-confident/) });
    const onTopic = await knowledge.suggestFor(esimPage('My eSIM will not activate on my new phone', 'https://x.com/a/status/3'), null, agent);
    expect(onTopic.quiet).toBe(false);
    expect(onTopic.suggestions[0]?.id).toBe('esim');
  });

  it('an insert on one page teaches the team: another agent’s page with the same problem in other words finds the article', async () => {
    await knowledgeBase();
    const server = fakeServer();
    const first = createKnowledgeService({ db: db(), now: () => NOW });
    // Agent one's page names the eSIM and how it looks: the knowledge base lacks the words "spinner", "frozen".
    const pageOne = esimPage('my new esim will not activate: the phone is frozen on a spinner', 'https://x.com/a/status/4');
    const shown = await first.suggestFor(pageOne, null, agent);
    expect(shown.suggestions[0]?.id).toBe('esim');
    // Agent two's page says the same without "eSIM": nothing fits yet.
    const pageTwo = esimPage('screen frozen on a spinner, @NorthwindMobile help', 'https://x.com/b/status/5');
    const second = createKnowledgeService({ db: db(), now: () => NOW });
    expect((await second.suggestFor(pageTwo, null, agent)).suggestions.map((s) => s.id)).not.toContain('esim');

    await first.usageRecorded([{ type: 'inserted', itemKind: 'article', itemId: 'esim' }]);
    await first.syncLearning(server.api);
    expect(server.picks).toEqual([
      expect.objectContaining({ itemKind: 'article', itemId: 'esim', signal: 'inserted', terms: expect.arrayContaining(['spinner', 'frozen']) }),
    ]);
    // Never the page's identities or anything with digits.
    expect(server.picks[0]!.terms.join(' ')).not.toMatch(/jane|doe|\d/);

    await second.syncLearning(server.api);
    const learned = await second.suggestFor(pageTwo, null, agent);
    expect(learned.suggestions[0]?.id).toBe('esim');
  });

  it('keeps picks the server could not take, and sends them once with the next sync', async () => {
    await knowledgeBase();
    const server = fakeServer();
    const knowledge = createKnowledgeService({ db: db(), now: () => NOW });
    await knowledge.suggestFor(esimPage('my new esim will not activate: the phone is frozen on a spinner', 'https://x.com/a/status/6'), null, agent);
    await knowledge.usageRecorded([{ type: 'helpful', itemKind: 'article', itemId: 'esim' }]);
    server.api.knowledgePicks.mockRejectedValueOnce(new Error('offline'));
    await expect(knowledge.syncLearning(server.api)).rejects.toThrow('offline');
    await knowledge.syncLearning(server.api);
    await knowledge.syncLearning(server.api);
    expect(server.picks.map((p) => p.signal)).toEqual(['helpful']);
  });

  it("a flag is kept offline and reaches the team's review list with the next sync, with the page's site and terms, never its people", async () => {
    await knowledgeBase();
    const server = fakeServer();
    const knowledge = createKnowledgeService({ db: db(), now: () => NOW });
    await knowledge.suggestFor(esimPage('my new esim will not activate: the phone is frozen on a spinner', 'https://x.com/a/status/7'), null, agent);
    await knowledge.flag({ itemKind: 'article', itemId: 'esim', reason: 'outdated', note: ' The QR step moved in iOS 18. ' });
    server.api.knowledgeReview.sendFlags.mockRejectedValueOnce(new Error('offline'));
    await expect(knowledge.syncLearning(server.api)).rejects.toThrow('offline');
    expect(server.flags).toEqual([]);

    await knowledge.syncLearning(server.api);
    await knowledge.syncLearning(server.api);
    expect(server.flags).toEqual([
      expect.objectContaining({
        itemKind: 'article',
        itemId: 'esim',
        reason: 'outdated',
        note: 'The QR step moved in iOS 18.',
        site: 'twitter',
        terms: expect.arrayContaining(['spinner', 'frozen']),
      }),
    ]);
    expect(server.flags[0]!.terms.join(' ')).not.toMatch(/jane|doe|\d/);
  });

  it('a flag from the side panel’s search carries the search’s site and informative words instead of a page', async () => {
    await knowledgeBase();
    const server = fakeServer();
    const knowledge = createKnowledgeService({ db: db(), now: () => NOW });
    await knowledge.flag({ itemKind: 'article', itemId: 'esim', reason: 'wrong', note: '', searched: { text: 'esim spinner frozen 4411', site: 'zendesk' } });
    await knowledge.syncLearning(server.api);
    expect(server.flags).toEqual([
      expect.objectContaining({ itemId: 'esim', reason: 'wrong', site: 'zendesk', terms: expect.arrayContaining(['spinner', 'frozen']) }),
    ]);
    expect(server.flags[0]!.terms.join(' ')).not.toMatch(/\d/);
  });

  it('a quiet page and a search that finds nothing are content gaps, kept offline and sent as terms with the next sync', async () => {
    await knowledgeBase();
    const server = fakeServer();
    const knowledge = createKnowledgeService({ db: db(), now: () => NOW });
    const offTopic = {
      ...esimPage('Jane Doe asks: my parcel 4711 was left with the neighbour and the courier will not answer', 'https://x.com/a/status/8'),
      displayName: 'Jane Doe',
    };
    expect((await knowledge.suggestFor(offTopic, null, agent)).quiet).toBe(true);
    // The same page answered again (a re-rank) is the same gap; an on-topic page is none.
    await knowledge.suggestFor(offTopic, null, agent);
    await knowledge.suggestFor(esimPage('My eSIM will not activate on my new phone', 'https://x.com/a/status/9'), null, agent);
    expect(await knowledge.search('courier tracking', { limit: 5 }, agent)).toEqual([]);
    await knowledge.search('roaming', { limit: 5 }, agent);

    server.api.knowledgeReview.sendGaps.mockRejectedValueOnce(new Error('offline'));
    await expect(knowledge.syncLearning(server.api)).rejects.toThrow('offline');
    expect(server.gaps).toEqual([]);
    await knowledge.syncLearning(server.api);
    await knowledge.syncLearning(server.api);
    expect(server.gaps.map((g) => [g.source, g.site])).toEqual([
      ['page', 'twitter'],
      ['search', null],
    ]);
    expect(server.gaps[0]!.terms).toEqual(expect.arrayContaining(['parcel', 'courier']));
    expect(server.gaps[1]!.terms).toEqual(expect.arrayContaining(['courier']));
    expect(server.gaps.flatMap((g) => g.terms).join(' ')).not.toMatch(/jane|doe|\d/);
  });

  it('an insert of something never suggested teaches nothing', async () => {
    await knowledgeBase();
    const server = fakeServer();
    const knowledge = createKnowledgeService({ db: db(), now: () => NOW });
    await knowledge.usageRecorded([{ type: 'inserted', itemKind: 'article', itemId: 'roaming' }]);
    await knowledge.syncLearning(server.api);
    expect(server.picks).toEqual([]);
  });
});

describe('verification badges', () => {
  it('marks an item past its verify-by date as stale, in suggestions and in search', async () => {
    await applyChanges(db(), [
      { entity: 'articles', seq: 1, record: article('old-pin', { title: 'Reset your voicemail PIN', verifyBy: '2026-11-01T00:00:00.000Z' }) },
      { entity: 'articles', seq: 2, record: article('pin-fees', { title: 'Voicemail PIN fees', verifyBy: '2027-01-01T00:00:00.000Z' }) },
    ]);
    const knowledge = createKnowledgeService({ db: db(), now: () => new Date('2026-11-20T09:00:00.000Z') });
    const staleness = (items: Array<{ id: string; stale?: boolean }>) => Object.fromEntries(items.map((s) => [s.id, s.stale]));
    expect(staleness(await knowledge.search('voicemail PIN', { limit: 5 }, agent))).toEqual({ 'old-pin': true, 'pin-fees': false });
    const { suggestions } = await knowledge.suggestFor({ ...context, conversation: 'reset my voicemail PIN please' }, null, agent);
    expect(staleness(suggestions)['old-pin']).toBe(true);
  });
});

describe('the semantic stage (suggestions by meaning)', () => {
  const AXIS: Record<string, number> = { 'late-order': 1, 'lost-parcel': 2 };
  const axis = (i: number) => Float32Array.from({ length: EMBEDDING_DIMENSIONS }, (_, j) => (j === i ? 1 : 0));
  const synced = (id: string) => ({ model: EMBEDDING_MODEL, vector: encodeVector(quantizeVector(axis(AXIS[id] ?? 0))) });
  const page: PageContext = { ...context, conversation: 'My parcel is late, the order never arrived' };

  /** Three matching articles, two with synced vectors; the encoder puts the page along `closest()`'s vector. */
  async function stage(on: boolean, closest: () => string) {
    await applyChanges(db(), [
      {
        entity: 'articles',
        seq: 1,
        record: article('late-order', { title: 'Late order', body: 'An order that has not arrived yet', embedding: synced('late-order') }),
      },
      {
        entity: 'articles',
        seq: 2,
        record: article('lost-parcel', { title: 'Lost parcel', body: 'A parcel that never arrived', embedding: synced('lost-parcel') }),
      },
      { entity: 'articles', seq: 3, record: article('no-vector', { title: 'Order arrived late', body: 'When an order arrived late' }) },
    ]);
    const embed = vi.fn(async (_text: string) => quantizeVector(axis(AXIS[closest()] ?? 0)));
    const publish = vi.fn();
    const knowledge = createKnowledgeService({ db: db(), semantic: { enabled: async () => on, encoder: () => ({ embed }) } });
    const handlers = createKnowledgeHandlers({ knowledge, agent: async () => agent, resolve: async () => janeOnThePage, frames: { publish } });
    return { knowledge, handlers, embed, publish };
  }

  it('answers the lexical list at once, then pushes the re-order to the tab’s frame: the closest first, an item without a vector in its place', async () => {
    let behind = '';
    const { handlers, embed, publish } = await stage(true, () => behind);
    const answer = await handlers['knowledge.suggest']({ context: page }, { tab: { id: 7 } });
    const lexical = answer.suggestions.map((s) => s.id);
    expect([...lexical].sort()).toEqual(['late-order', 'lost-parcel', 'no-vector']);
    // The page is closest to the vectored article the lexical ranker put behind the other.
    behind = lexical.filter((id) => id !== 'no-vector')[1] ?? '';
    await vi.waitFor(() => expect(publish).toHaveBeenCalledTimes(1));
    const [tabId, update] = publish.mock.calls[0] as [number, FrameUpdate];
    expect(tabId).toBe(7);
    if (update.kind !== 'suggestions') throw new Error(update.kind);
    expect(update.replaces).toEqual(lexical);
    expect(update.page).toBe(pageKey(page));
    const order = update.suggestions.map((s) => s.id);
    expect(order.indexOf('no-vector')).toBe(lexical.indexOf('no-vector'));
    expect(order.filter((id) => id !== 'no-vector')[0]).toBe(behind);
    expect(embed).toHaveBeenCalledWith(page.conversation);
  });

  it('ranks the page once: the re-order is made from the candidates the lexical answer was ranked with', async () => {
    let behind = '';
    const { handlers, publish } = await stage(true, () => behind);
    vi.mocked(suggestAnswer).mockClear();
    const answer = await handlers['knowledge.suggest']({ context: page }, { tab: { id: 7 } });
    // What the frame is sent is the answer only: the pool stays in the background.
    expect(answer).not.toHaveProperty('ranked');
    behind = answer.suggestions.map((s) => s.id).filter((id) => id !== 'no-vector')[1] ?? '';
    await vi.waitFor(() => expect(publish).toHaveBeenCalledTimes(1));
    expect(suggestAnswer).toHaveBeenCalledTimes(1);
    const update = publish.mock.calls[0]?.[1] as FrameUpdate;
    if (update.kind !== 'suggestions') throw new Error(update.kind);
    expect(update.suggestions.filter((s) => s.id !== 'no-vector')[0]?.id).toBe(behind);
  });

  it('pushes the re-order even when it keeps the lexical order: it corrects one the frame got before every vector had synced', async () => {
    let first = '';
    const { handlers, publish } = await stage(true, () => first);
    const answer = await handlers['knowledge.suggest']({ context: page }, { tab: { id: 7 } });
    const lexical = answer.suggestions.map((s) => s.id);
    first = lexical.filter((id) => id !== 'no-vector')[0] ?? '';
    await vi.waitFor(() => expect(publish).toHaveBeenCalledTimes(1));
    const update = publish.mock.calls[0]?.[1] as FrameUpdate;
    if (update.kind !== 'suggestions') throw new Error(update.kind);
    expect(update.suggestions.map((s) => s.id)).toEqual(lexical);
  });

  it('re-orders nothing and never starts the encoder while the setting is off', async () => {
    const off = await stage(false, () => 'lost-parcel');
    const answer = await off.knowledge.suggestFor(page, janeOnThePage, agent);
    expect(answer.suggestions.length).toBe(3);
    expect(await off.knowledge.semanticOrder(page, janeOnThePage, agent, answer)).toBeNull();
    expect(off.embed).not.toHaveBeenCalled();
  });
});
