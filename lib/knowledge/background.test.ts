import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { applyChanges, restartChangeFeed } from '../db';
import { customer, useTestDatabase } from '../db/test-fixtures';
import type { PageContext, Resolution } from '../schema';
import { createKnowledgeHandlers, createKnowledgeService } from './background';
import { article, snippet } from './test-fixtures';

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
