import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createFrameHub } from '../context/frames';
import type { TabContext, TabContextStore } from '../context/tab-contexts';
import { applyChanges } from '../db';
import { customer, interaction, kase, useTestDatabase } from '../db/test-fixtures';
import type { Change, PageContext } from '../schema';
import type { FrameUpdate, PageCommand, StaleSendWarning } from '../schema/messages';
import { addedText, createStaleSendGuard } from './tracker';

const db = useTestDatabase();
const URL_ = 'https://x.com/jane_doe/status/1871000000000000001';
const TAB = { tab: { id: 7 } };

function page(conversation: string, url = URL_): PageContext {
  return {
    site: 'twitter',
    url,
    identities: [{ kind: 'twitter', value: 'jane_doe' }],
    displayName: null,
    recordId: '1871000000000000001',
    subject: null,
    conversation,
    visibility: 'public',
    hasReplyBox: true,
  };
}

const jane = customer('c-jane', { identities: [{ kind: 'twitter', value: 'jane_doe' }] });
const theCase = kase('case-jane', 'c-jane', { source: { url: URL_, site: 'twitter', externalId: '1871000000000000001', pageTitle: null } });
const reply = (id: string, direction: 'inbound' | 'outbound', text: string, authorName: string | null = null): Change => ({
  entity: 'interactions',
  seq: 10,
  record: interaction(id, 'c-jane', { caseId: 'case-jane', direction, text, authorName }),
});

/**
 * The guard with the context handlers it wraps standing in for the real ones (they store the tab's page), over a
 * cache holding Jane, her case and `alsoCached`.
 */
async function setup(...alsoCached: Change[]) {
  await applyChanges(db(), [{ entity: 'customers', seq: 1, record: jane }, { entity: 'cases', seq: 2, record: theCase }, ...alsoCached]);
  const tabs = new Map<number, TabContext>();
  // `hold` makes the next read of the tab's context wait until `release` (a busy worker answering out of order).
  let gate: Promise<void> | null = null;
  let open = () => {};
  const tabContexts: TabContextStore = {
    get: async (tabId) => {
      const value = tabs.get(tabId) ?? null;
      const held = gate;
      gate = null;
      if (held) await held;
      return value;
    },
    set: async (tabId, value) => void tabs.set(tabId, value),
    clear: async (tabId) => void tabs.delete(tabId),
  };
  const frames = createFrameHub();
  const received: FrameUpdate[] = [];
  frames.add(7, { postMessage: (u) => void received.push(u), onDisconnect: { addListener: () => undefined } });
  const told: boolean[] = [];
  const commands: PageCommand[] = [];
  const guard = createStaleSendGuard({
    db: db(),
    tabContexts,
    frames,
    tellTab: async (_tabId, stale) => void told.push(stale),
    toPage: async (_tabId, command) => {
      commands.push(command);
      return { ok: true };
    },
  });
  const wrapped = guard.around({
    'context.report': async ({ context }) => {
      if (context) tabs.set(7, { context, resolution: { status: 'unknown' } } as TabContext);
      return { status: 'unknown' };
    },
    'overlay.replyFocus': async () => ({}),
  });
  const warning = (): StaleSendWarning | null | undefined => received.findLast((u) => u.kind === 'staleSend')?.warning;
  return {
    guard,
    told,
    commands,
    warning,
    report: (conversation: string, url = URL_) => wrapped['context.report']({ context: page(conversation, url) }, TAB),
    focus: () => wrapped['overlay.replyFocus']({ replying: true }, TAB),
    hold: () => {
      gate = new Promise((resolve) => (open = resolve));
    },
    release: () => open(),
    pulled: async (changes: Change[]) => {
      await applyChanges(db(), changes);
      await guard.onPulled(changes);
    },
  };
}

describe('the stale-send guard (background)', () => {
  it('makes the reply stale when a teammate’s reply arrives through sync after the agent started it, and shows it to the frame only', async () => {
    const s = await setup(reply('i-1', 'inbound', 'My eSIM stopped'));
    await s.report('My eSIM stopped');
    await s.focus();
    expect(s.told).toEqual([]);

    await s.pulled([reply('i-2', 'outbound', 'Hi Jane, we are on it', 'Bea Berg')]);
    expect(s.told).toEqual([true]);
    expect(s.warning()).toEqual({ newer: [{ from: 'agent', author: 'Bea Berg', text: 'Hi Jane, we are on it', seenOn: 'sync' }], held: false });

    await s.guard.handlers['staleSend.held']({}, TAB);
    expect(s.warning()?.held).toBe(true);
  });

  it('does not warn when nothing arrived, and the agent’s own send does not make the next reply stale', async () => {
    const s = await setup();
    await s.report('Jane: my eSIM stopped');
    await s.focus();
    await s.report('Jane: my eSIM stopped');
    expect(s.told).toEqual([]);
    // The agent sends; the page then shows their reply.
    await s.guard.handlers['staleSend.sent']({}, TAB);
    await s.report('Jane: my eSIM stopped\nAlex: on it');
    expect(s.told).toEqual([]);
    expect(s.warning()).toBeUndefined();
    // The customer writes again on the page: that is newer.
    await s.report('Jane: my eSIM stopped\nAlex: on it\nJane: still nothing');
    expect(s.told).toEqual([true]);
    expect(s.warning()?.newer).toEqual([{ from: null, author: null, text: 'Jane: still nothing', seenOn: 'page' }]);
  });

  it('sends anyway through the page, or goes back; either way the agent has seen it and the guard starts again', async () => {
    const s = await setup();
    await s.report('');
    await s.focus();
    await s.pulled([reply('i-3', 'inbound', 'Hello? Anyone?')]);
    expect(s.warning()?.newer[0]).toMatchObject({ from: 'customer', text: 'Hello? Anyone?' });

    await s.guard.handlers['staleSend.resolve']({ send: false }, TAB);
    expect(s.told).toEqual([true, false]);
    expect(s.warning()).toBeNull();
    expect(s.commands).toEqual([]);

    await s.pulled([reply('i-4', 'inbound', 'Hello again')]);
    await s.guard.handlers['staleSend.held']({}, TAB);
    expect(await s.guard.handlers['staleSend.resolve']({ send: true }, TAB)).toEqual({ ok: true });
    expect(s.commands).toEqual([{ do: 'send' }]);
    expect(s.told).toEqual([true, false, true, false]);
  });

  it('keeps the warning off when a page report checked against the old draft finishes after the agent went back', async () => {
    const s = await setup();
    await s.report('');
    await s.focus();
    await s.pulled([reply('i-5', 'inbound', 'Are you there?')]);
    expect(s.told).toEqual([true]);
    // Going back focuses the draft, and the page reports again; that report's check starts against the old draft…
    s.hold();
    const lateCheck = s.report('');
    await new Promise((r) => setTimeout(r, 0)); // the report's check is now waiting for the tab's context
    // …while the agent's "back" starts the guard again from what is cached now.
    await s.guard.handlers['staleSend.resolve']({ send: false }, TAB);
    expect(s.warning()).toBeNull();
    s.release();
    await lateCheck;
    expect(s.warning()).toBeNull();
    expect(s.told.at(-1)).toBe(false);
  });

  it('lets the draft go when the tab moves to another page', async () => {
    const s = await setup();
    await s.report('');
    await s.focus();
    await s.pulled([reply('i-5', 'inbound', 'More')]);
    await s.report('', 'https://x.com/home');
    expect(s.told).toEqual([true, false]);
    expect(s.warning()).toBeNull();
  });
});

describe('addedText', () => {
  it('is what the page added, at the end or (newest first) at the start', () => {
    expect(addedText('a\nb', 'a\nb\nc')).toBe('c');
    expect(addedText('a\nb', 'c\na\nb')).toBe('c');
    expect(addedText('a', 'z')).toBe('z');
  });
});
