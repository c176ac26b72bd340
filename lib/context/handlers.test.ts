import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { applyChanges } from '../db';
import { AT, customer, interaction, kase, useTestDatabase } from '../db/test-fixtures';
import type { PageContext } from '../schema';
import type { FrameUpdate, OverlayState } from '../schema/messages';
import { createFrameHub } from './frames';
import { type ContextHandlerDeps, createContextService } from './handlers';
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
  return {
    tabs,
    get: async (tabId) => tabs.get(tabId) ?? null,
    set: async (tabId, value) => void tabs.set(tabId, value),
    clear: async (tabId) => void tabs.delete(tabId),
  };
}

/** A connected overlay frame: what the background sent it. */
function framePort() {
  const received: FrameUpdate[] = [];
  const port = { postMessage: (update: FrameUpdate) => void received.push(update), onDisconnect: { addListener: () => undefined } };
  const lastState = (): OverlayState | undefined => received.findLast((u) => u.kind === 'state')?.state;
  return { port, received, lastState };
}

function setup(deps: Partial<ContextHandlerDeps> = {}) {
  const frames = createFrameHub();
  const tabContexts = memoryStore();
  const service = createContextService({
    db: db(),
    tabContexts,
    frames,
    onPageContext: async () => undefined,
    noteReply: async () => ({ claimedBy: null }),
    toPage: async () => ({ ok: true }),
    ...deps,
  });
  return { ...service, frames, tabContexts };
}

const jane = customer('c-jane', { name: 'Jane Doe', identities: [{ kind: 'twitter', value: 'jane_doe' }] });

describe('context.report: the content script is answered a status, the tab’s frame what it shows', () => {
  it('resolves the page, keeps it for the tab, sends the customer to that tab’s frame only, and tells who watches pages', async () => {
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: jane },
      { entity: 'cases', seq: 2, record: kase('k-1', 'c-jane') },
    ]);
    const onPageContext = vi.fn(async () => undefined);
    const { handlers, frames, tabContexts } = setup({ onPageContext });
    const mine = framePort();
    const otherTab = framePort();
    frames.add(3, mine.port);
    frames.add(4, otherTab.port);
    const context = page('https://x.com/jane_doe/status/1');
    const answer = await handlers['context.report']({ context, readAt: 1234.5 }, { tab: { id: 3 } });
    // The content script runs in the page's renderer: no name, no record, nothing but the status.
    expect(answer).toEqual({ status: 'matched' });
    const shown = mine.lastState()?.resolution;
    expect(shown?.status === 'matched' && [shown.view.customer.name, shown.view.openCases.map((c) => c.id)]).toEqual(['Jane Doe', ['k-1']]);
    expect(mine.lastState()).toMatchObject({ context, readAt: 1234.5, replyFocused: false });
    expect(otherTab.received).toEqual([]);
    expect(tabContexts.tabs.get(3)?.context).toEqual(context);
    expect(onPageContext).toHaveBeenCalledWith(context);
  });

  it('neither shows nor keeps an earlier report answered after a later one from the same tab', async () => {
    await applyChanges(db(), [{ entity: 'customers', seq: 1, record: jane }]);
    let letEarlierOn: () => void = () => undefined;
    const earlierHeld = new Promise<void>((resolve) => {
      letEarlierOn = resolve;
    });
    // The earlier report is held at the org-hosts check, after it was received, while the later one is answered.
    const mayReadPage = async (url: URL) => {
      if (url.pathname === '/jane_doe/status/1') await earlierHeld;
      return true;
    };
    const { handlers, frames, tabContexts } = setup({ mayReadPage });
    const mine = framePort();
    frames.add(3, mine.port);
    const earlier = handlers['context.report']({ context: page('https://x.com/jane_doe/status/1'), readAt: 1 }, { tab: { id: 3 } });
    const later = page('https://x.com/sam/status/2', 'sam');
    await handlers['context.report']({ context: later, readAt: 2 }, { tab: { id: 3 } });
    letEarlierOn();
    expect(await earlier).toEqual({ status: 'matched' });
    expect(mine.received.map((u) => u.kind === 'state' && u.state.readAt)).toEqual([2]);
    expect(tabContexts.tabs.get(3)?.context).toEqual(later);
  });

  it('sends a frame that connects its tab’s state at once, and nothing of another tab’s', async () => {
    await applyChanges(db(), [{ entity: 'customers', seq: 1, record: jane }]);
    const { handlers, frameConnected } = setup();
    const context = page('https://x.com/jane_doe/status/1');
    await handlers['context.report']({ context, readAt: 99 }, { tab: { id: 3 } });
    const mine = framePort();
    const otherTab = framePort();
    await frameConnected(3, mine.port);
    await frameConnected(4, otherTab.port);
    const shown = mine.lastState()?.resolution;
    expect(shown?.status === 'matched' && shown.view.customer.name).toBe('Jane Doe');
    expect(mine.lastState()).toMatchObject({ context, readAt: 99 });
    expect(otherTab.lastState()).toMatchObject({ context: null, resolution: null, readAt: null });
    // Joined the tab's frames: the next report reaches it too.
    await handlers['context.report']({ context: null, readAt: 100 }, { tab: { id: 3 } });
    expect(mine.lastState()).toMatchObject({ context: null, readAt: 100 });
    expect(otherTab.received).toHaveLength(1);
  });

  it('looks nobody up for a page Tandem may not read (a tenant that is not the organisation’s), whatever the report says', async () => {
    await applyChanges(db(), [{ entity: 'customers', seq: 1, record: jane }]);
    const onPageContext = vi.fn(async () => undefined);
    const { handlers, frames, tabContexts } = setup({ onPageContext, mayReadPage: async (url) => url.hostname !== 'evil-tenant.zendesk.com' });
    const mine = framePort();
    frames.add(3, mine.port);
    // The sender's URL is the browser's, not the report's: a report claiming x.com from the tenant's page is refused too.
    const answer = await handlers['context.report'](
      { context: page('https://x.com/jane_doe/status/1') },
      { tab: { id: 3 }, url: 'https://evil-tenant.zendesk.com/agent/tickets/1' },
    );
    expect(answer).toEqual({ status: 'none' });
    expect(mine.lastState()?.resolution ?? null).toBeNull();
    expect(tabContexts.tabs.get(3)).toBeUndefined();
    expect(onPageContext).not.toHaveBeenCalled();
  });

  it('sends the frame only the timeline items it shows, and other matches by name; the side panel gets everything', async () => {
    const janeToo = customer('c-jane-2', { name: 'Jane D.', identities: [{ kind: 'twitter', value: 'jane_doe' }], lifetimeValueCents: 5_000_00 });
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: jane },
      { entity: 'customers', seq: 2, record: janeToo },
      ...['c-jane', 'c-jane-2'].flatMap((id, c) =>
        Array.from({ length: 8 }, (_, i) => ({ entity: 'interactions' as const, seq: 3 + c * 8 + i, record: interaction(`i-${id}-${i}`, id) })),
      ),
    ]);
    const { handlers } = setup();
    await handlers['context.report']({ context: page('https://x.com/jane_doe/status/1') }, { tab: { id: 3 } });
    const answer = (await handlers['overlay.state']({ fresh: false }, { tab: { id: 3 } })).resolution;
    if (answer?.status !== 'matched') throw new Error(`not matched: ${answer?.status}`);
    expect(answer.view.timeline).toHaveLength(3);
    const other = answer.view.customer.id === 'c-jane' ? janeToo : jane;
    // Both hold the same identity: the other is a plausible pick (lib/recognition/rank.ts).
    expect(answer.otherMatches).toEqual([{ id: other.id, name: other.name, plausible: true }]);
    // The side panel, an extension page the agent opened, still gets the whole timeline.
    const { resolution } = await handlers['context.forTab']({ tabId: 3 }, {});
    expect(resolution?.status === 'matched' && resolution.view.timeline).toHaveLength(8);
  });

  it('warns about private matters found anywhere in the timeline, not only in the three items the frame shows', async () => {
    const recent = (hoursAgo: number) => new Date(Date.parse(AT) - hoursAgo * 3_600_000).toISOString();
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: jane },
      // The three newest items are public; the private DM is fourth.
      ...[1, 2, 3].map((h, i) => ({
        entity: 'interactions' as const,
        seq: 2 + i,
        record: interaction(`i-public-${h}`, 'c-jane', { visibility: 'public', channel: 'twitter', occurredAt: recent(h) }),
      })),
      { entity: 'interactions', seq: 9, record: interaction('i-dm', 'c-jane', { visibility: 'private', channel: 'twitter', occurredAt: recent(5) }) },
    ]);
    const { handlers } = setup({ now: () => new Date(AT) });
    await handlers['context.report']({ context: page('https://x.com/jane_doe/status/1') }, { tab: { id: 3 } });
    const state = await handlers['overlay.state']({ fresh: false }, { tab: { id: 3 } });
    expect(state.resolution?.status === 'matched' && state.resolution.view.timeline.map((i) => i.visibility)).toEqual(['public', 'public', 'public']);
    expect(state.publicReplyWarning).toEqual({ customerName: 'Jane Doe', privateCases: [], privateInteractions: 1 });
  });

  it('answers busy, and looks nobody up, once a tab has looked up five people this minute; knowledge lookups share the budget', async () => {
    let ms = Date.parse('2026-11-20T09:00:00.000Z');
    const people = Array.from({ length: 8 }, (_, i) => customer(`c-${i}`, { name: `Person ${i}`, identities: [{ kind: 'twitter', value: `person_${i}` }] }));
    await applyChanges(
      db(),
      people.map((record, i) => ({ entity: 'customers' as const, seq: i + 1, record })),
    );
    const { handlers, resolveForTab } = setup({ now: () => new Date(ms) });
    const personPage = (i: number) => page(`https://x.com/person_${i}/status/1`, `person_${i}`);
    const report = (i: number, tabId = 3) => handlers['context.report']({ context: personPage(i) }, { tab: { id: tabId } });
    const seen = [];
    for (let i = 0; i < 7; i++) seen.push((await report(i)).status);
    expect(seen).toEqual(['matched', 'matched', 'matched', 'matched', 'matched', 'busy', 'busy']);
    expect((await report(0)).status).toBe('matched');
    // knowledge.suggest / knowledge.expand for a page the tab did not report: the same budget, so no sixth person either.
    expect((await resolveForTab(personPage(7), 3)).status).toBe('busy');
    expect((await report(6, 4)).status).toBe('matched');
    ms += 60_000;
    expect((await report(6)).status).toBe('matched');
  });

  it('tells the frame when the page shows nobody any more', async () => {
    await applyChanges(db(), [{ entity: 'customers', seq: 1, record: jane }]);
    const { handlers, frames } = setup();
    const frame = framePort();
    frames.add(3, frame.port);
    await handlers['context.report']({ context: page('https://x.com/jane_doe/status/1') }, { tab: { id: 3 } });
    expect(await handlers['context.report']({ context: null }, { tab: { id: 3 } })).toEqual({ status: 'none' });
    expect(frame.lastState()).toMatchObject({ context: null, resolution: null, publicReplyWarning: null });
  });

  it('answers the report even when the page watcher fails', async () => {
    const { handlers } = setup({ onPageContext: async () => Promise.reject(new Error('queue offline')) });
    expect(await handlers['context.report']({ context: page('https://x.com/sam/status/2', 'sam') }, {})).toEqual({ status: 'unknown' });
  });

  it('re-resolves a tab’s page for the side panel and the frame, so a sync or a new contact since the report shows', async () => {
    const { handlers } = setup();
    const context = page('https://x.com/jane_doe/status/1');
    await handlers['context.report']({ context }, { tab: { id: 3 } });
    expect((await handlers['overlay.state']({ fresh: false }, { tab: { id: 3 } })).resolution?.status).toBe('unknown');
    await applyChanges(db(), [{ entity: 'customers', seq: 1, record: jane }]);
    expect((await handlers['context.forTab']({ tabId: 3 }, {})).resolution?.status).toBe('matched');
    // The frame's ordinary ask answers what the tab has; a fresh one (after "Create contact") looks again.
    expect((await handlers['overlay.state']({ fresh: false }, { tab: { id: 3 } })).resolution?.status).toBe('unknown');
    expect((await handlers['overlay.state']({ fresh: true }, { tab: { id: 3 } })).resolution?.status).toBe('matched');
    expect(await handlers['context.forTab']({ tabId: 4 }, {})).toEqual({ context: null, resolution: null });
  });

  it('a fresh ask answered after a newer report neither keeps nor shows the page it read before that report', async () => {
    // The frame asks afresh after every sync; the page may report its new text meanwhile (Firefox CI, stop 36: the stale
    // page came back with the next sync and the list went back to the old tweet's articles).
    const store = memoryStore();
    let holdRead: Promise<void> | null = null;
    let letReadOn: () => void = () => undefined;
    const tabContexts: TabContextStore = {
      ...store,
      get: async (tabId) => {
        const value = store.tabs.get(tabId) ?? null;
        if (holdRead) await holdRead;
        return value;
      },
    };
    const { handlers } = setup({ tabContexts });
    const before = { ...page('https://x.com/jane_doe/status/1'), conversation: 'My eSIM stopped working' };
    const after = { ...before, conversation: 'My notes are gone' };
    await handlers['context.report']({ context: before, readAt: 1 }, { tab: { id: 3 } });
    holdRead = new Promise<void>((resolve) => {
      letReadOn = resolve;
    });
    const fresh = handlers['overlay.state']({ fresh: true }, { tab: { id: 3 } });
    holdRead = null;
    await handlers['context.report']({ context: after, readAt: 2 }, { tab: { id: 3 } });
    letReadOn();
    expect((await fresh).context).toEqual(after);
    expect(store.tabs.get(3)?.context).toEqual(after);
    expect((await handlers['overlay.state']({ fresh: true }, { tab: { id: 3 } })).context).toEqual(after);
  });
});

describe('the overlay frame’s messages', () => {
  it('reply focus: notes presence for the tab’s page and shows the frame who has claimed it', async () => {
    const noteReply = vi.fn(async () => ({ claimedBy: 'Sam Agent' }));
    const { handlers, frames } = setup({ noteReply });
    const frame = framePort();
    frames.add(3, frame.port);
    const context = page('https://x.com/jane_doe/status/1');
    await handlers['context.report']({ context }, { tab: { id: 3 } });
    await handlers['overlay.replyFocus']({ replying: true }, { tab: { id: 3 } });
    expect(noteReply).toHaveBeenCalledWith(context, true);
    expect(frame.lastState()).toMatchObject({ replyFocused: true, claimedBy: 'Sam Agent' });
  });

  it('a capture button opens the form in that tab’s frame; a tab without a frame says so', async () => {
    const { handlers, frames } = setup();
    const frame = framePort();
    frames.add(3, frame.port);
    const draft = {
      site: 'twitter',
      channel: 'twitter' as const,
      visibility: 'public' as const,
      identities: [],
      authorName: null,
      text: 'My eSIM stopped working',
      url: null,
      externalId: '42',
      postedAt: null,
      pageTitle: null,
    };
    expect(await handlers['overlay.capture']({ draft }, { tab: { id: 3 } })).toEqual({ opened: true });
    expect(frame.received).toEqual([{ kind: 'capture', draft }]);
    expect(await handlers['overlay.capture']({ draft }, { tab: { id: 5 } })).toEqual({ opened: false });
  });

  it('relays the frame’s page commands to its own tab only, and answers nothing without a tab', async () => {
    const toPage = vi.fn(async () => ({ ok: true }));
    const { handlers } = setup({ toPage });
    await handlers['overlay.page']({ do: 'insert', text: 'Hello Jane' }, { tab: { id: 7 } });
    expect(toPage).toHaveBeenCalledWith(7, { do: 'insert', text: 'Hello Jane' });
    await expect(handlers['overlay.state']({ fresh: false }, {})).rejects.toThrow('for a tab only');
  });
});

describe('card openings (the access log, docs/privacy.md)', () => {
  it('says whose card was shown: resolved on a page, then opened in the side panel; nothing for a page about nobody known', async () => {
    await applyChanges(db(), [{ entity: 'customers', seq: 1, record: jane }]);
    const onCardOpened = vi.fn(async () => undefined);
    const { handlers } = setup({ onCardOpened });
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
