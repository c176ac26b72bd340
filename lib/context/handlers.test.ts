import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { applyChanges } from '../db';
import { customer, interaction, kase, useTestDatabase } from '../db/test-fixtures';
import type { PageContext } from '../schema';
import { createContextHandlers } from './handlers';
import { resolutionForTab, type TabContext, type TabContextStore } from './tab-contexts';

const db = useTestDatabase();

function page(url: string, handle = 'jane_doe'): PageContext {
  return {
    site: 'twitter',
    url,
    identities: [{ kind: 'twitter', value: handle }],
    displayName: null,
    recordId: null,
    subject: null,
    conversation: '',
    visibility: 'public',
    hasReplyBox: false,
  };
}

function memoryStore(): TabContextStore & { tabs: Map<number, TabContext> } {
  const tabs = new Map<number, TabContext>();
  return { tabs, get: async (tabId) => tabs.get(tabId) ?? null, set: async (tabId, value) => void tabs.set(tabId, value) };
}

const jane = customer('c-jane', { name: 'Jane Doe', identities: [{ kind: 'twitter', value: 'jane_doe' }] });

describe('context.report and context.forTab', () => {
  it('resolves the page from the cache, keeps it for the tab, and tells who watches pages', async () => {
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: jane },
      { entity: 'cases', seq: 2, record: kase('k-1', 'c-jane') },
    ]);
    const tabContexts = memoryStore();
    const onPageContext = vi.fn(async () => undefined);
    const handlers = createContextHandlers({ db: db(), tabContexts, onPageContext });
    const context = page('https://x.com/jane_doe/status/1');
    const resolution = await handlers['context.report']({ context }, { tab: { id: 3 } });
    expect(resolution.status === 'matched' && [resolution.view.customer.name, resolution.view.openCases.map((c) => c.id)]).toEqual(['Jane Doe', ['k-1']]);
    expect(tabContexts.tabs.get(3)).toEqual({ context, resolution });
    expect(onPageContext).toHaveBeenCalledWith(context);
  });

  it('answers the page only the timeline items the overlay shows, and other matches by name', async () => {
    const janeToo = customer('c-jane-2', { name: 'Jane D.', identities: [{ kind: 'twitter', value: 'jane_doe' }], lifetimeValueCents: 5_000_00 });
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: jane },
      { entity: 'customers', seq: 2, record: janeToo },
      ...['c-jane', 'c-jane-2'].flatMap((id, c) =>
        Array.from({ length: 8 }, (_, i) => ({ entity: 'interactions' as const, seq: 3 + c * 8 + i, record: interaction(`i-${id}-${i}`, id) })),
      ),
    ]);
    const tabContexts = memoryStore();
    const handlers = createContextHandlers({ db: db(), tabContexts, onPageContext: async () => undefined });
    const answer = await handlers['context.report']({ context: page('https://x.com/jane_doe/status/1') }, { tab: { id: 3 } });
    if (answer.status !== 'matched') throw new Error(`not matched: ${answer.status}`);
    expect(answer.view.timeline).toHaveLength(3);
    const other = answer.view.customer.id === 'c-jane' ? janeToo : jane;
    expect(answer.otherMatches).toEqual([{ id: other.id, name: other.name }]);
    // The side panel, an extension page, still gets the whole timeline.
    const { resolution } = await handlers['context.forTab']({ tabId: 3 }, {});
    expect(resolution?.status === 'matched' && resolution.view.timeline).toHaveLength(8);
  });

  it('answers busy, and looks nobody up, once a tab has looked up five people this minute', async () => {
    let ms = Date.parse('2026-11-20T09:00:00.000Z');
    const people = Array.from({ length: 7 }, (_, i) => customer(`c-${i}`, { name: `Person ${i}`, identities: [{ kind: 'twitter', value: `person_${i}` }] }));
    await applyChanges(
      db(),
      people.map((record, i) => ({ entity: 'customers' as const, seq: i + 1, record })),
    );
    const handlers = createContextHandlers({ db: db(), tabContexts: memoryStore(), onPageContext: async () => undefined, now: () => new Date(ms) });
    const report = (i: number, tabId = 3) =>
      handlers['context.report']({ context: page(`https://x.com/person_${i}/status/1`, `person_${i}`) }, { tab: { id: tabId } });
    const seen = [];
    for (let i = 0; i < 7; i++) seen.push((await report(i)).status);
    expect(seen).toEqual(['matched', 'matched', 'matched', 'matched', 'matched', 'busy', 'busy']);
    expect((await report(0)).status).toBe('matched');
    expect((await report(6, 4)).status).toBe('matched');
    ms += 60_000;
    expect((await report(6)).status).toBe('matched');
  });

  it('answers the report even when the page watcher fails', async () => {
    const handlers = createContextHandlers({ db: db(), tabContexts: memoryStore(), onPageContext: async () => Promise.reject(new Error('queue offline')) });
    expect(await handlers['context.report']({ context: page('https://x.com/sam/status/2', 'sam') }, {})).toEqual({
      status: 'unknown',
      identities: [{ kind: 'twitter', value: 'sam' }],
    });
  });

  it('re-resolves a tab’s page for the side panel, so a sync since the report shows', async () => {
    const tabContexts = memoryStore();
    const handlers = createContextHandlers({ db: db(), tabContexts, onPageContext: async () => undefined });
    const context = page('https://x.com/jane_doe/status/1');
    await handlers['context.report']({ context }, { tab: { id: 3 } });
    await applyChanges(db(), [{ entity: 'customers', seq: 1, record: jane }]);
    const { resolution } = await handlers['context.forTab']({ tabId: 3 }, {});
    expect(resolution?.status).toBe('matched');
    expect(await handlers['context.forTab']({ tabId: 4 }, {})).toEqual({ context: null, resolution: null });
  });
});

describe('card openings (the access log, docs/privacy.md)', () => {
  it('says whose card was shown: resolved on a page, then opened in the side panel; nothing for a page about nobody known', async () => {
    await applyChanges(db(), [{ entity: 'customers', seq: 1, record: jane }]);
    const onCardOpened = vi.fn(async () => undefined);
    const handlers = createContextHandlers({ db: db(), tabContexts: memoryStore(), onPageContext: async () => undefined, onCardOpened });
    await handlers['context.report']({ context: page('https://x.com/jane_doe/status/1') }, { tab: { id: 3 } });
    await handlers['context.forTab']({ tabId: 3 }, {});
    await handlers['context.report']({ context: page('https://x.com/someone_else/status/2', 'someone_else') }, { tab: { id: 4 } });
    expect(onCardOpened.mock.calls).toEqual([
      ['c-jane', 'page', 'twitter'],
      ['c-jane', 'sidepanel', 'twitter'],
    ]);
  });
});

describe('resolutionForTab', () => {
  it('reuses what the tab stored for the same page, and resolves any other page afresh', async () => {
    const tabContexts = memoryStore();
    const stored = page('https://x.com/jane_doe/status/1');
    await tabContexts.set(3, { context: stored, resolution: { status: 'none' } });
    expect(await resolutionForTab(db(), tabContexts, stored, 3)).toEqual({ status: 'none' });
    expect((await resolutionForTab(db(), tabContexts, page('https://x.com/jane_doe/status/2'), 3)).status).toBe('unknown');
    expect((await resolutionForTab(db(), tabContexts, stored, undefined)).status).toBe('unknown');
  });
});
