import type { FrameHub } from '../context/frames';
import type { TabContextStore } from '../context/tab-contexts';
import type { TandemDatabase } from '../db';
import { interactionsForCases } from '../db/interactions';
import { openCaseFromPage } from '../db/queue';
import type { Handlers, SenderInfo } from '../messaging/dispatch';
import type { Change, PageContext } from '../schema';
import { FrameUpdate, type NewerMessage, type PageCommand, type PageCommandReply } from '../schema/messages';

/** What the conversation looked like when the agent started the reply. */
interface Baseline {
  url: string;
  /** The page's conversation text (the site adapter's reading). */
  conversation: string;
  /** The page's case (its source is this page), and the interactions it had then. */
  caseId: string | null;
  interactionIds: ReadonlySet<string>;
}

interface TabGuard {
  baseline: Baseline;
  /** The agent's own send just went out: the page's next reading (showing their message) becomes the baseline. */
  pageSettling: boolean;
  /** The agent pressed send while stale: the frame shows "Send anyway" / "Go back". */
  held: boolean;
  newer: NewerMessage[];
}

export interface StaleSendDeps {
  db: TandemDatabase;
  tabContexts: TabContextStore;
  frames: FrameHub;
  /** Tells the tab's content script whether its reply is stale: the only thing the page's side learns. */
  tellTab(tabId: number, stale: boolean): Promise<void>;
  toPage(tabId: number, command: PageCommand): Promise<PageCommandReply>;
}

const TEXT_LIMIT = 1000;

/** The text the page shows now that it did not show at the baseline: appended, prepended (newest first), else all of it. */
export function addedText(before: string, after: string): string {
  const added = after.startsWith(before) ? after.slice(before.length) : after.endsWith(before) ? after.slice(0, after.length - before.length) : after;
  const trimmed = added.trim();
  return trimmed.length > TEXT_LIMIT ? `…${trimmed.slice(-(TEXT_LIMIT - 1))}` : trimmed;
}

/**
 * The stale-send guard ("traffic cop"), the background's half: when the agent starts a reply (their focus
 * enters the site's reply box), it remembers the page's conversation and the page's case's interactions;
 * whatever arrives after — new text on the page, a customer message or a teammate's reply through sync —
 * makes the reply stale. The tab's content script is told only "stale: yes/no" (it holds the send button's
 * press back while yes); the overlay frame is told what is newer.
 */
export function createStaleSendGuard({ db, tabContexts, frames, tellTab, toPage }: StaleSendDeps) {
  const tabs = new Map<number, TabGuard>();

  async function baselineOf(context: PageContext): Promise<Baseline> {
    const shown = await openCaseFromPage(db, context);
    const interactions = shown ? await interactionsForCases(db, [shown.id]) : [];
    return { url: context.url, conversation: context.conversation, caseId: shown?.id ?? null, interactionIds: new Set(interactions.map((i) => i.id)) };
  }

  async function newerThan(baseline: Baseline, context: PageContext): Promise<NewerMessage[]> {
    const newer: NewerMessage[] = [];
    if (context.conversation !== baseline.conversation) {
      const text = addedText(baseline.conversation, context.conversation);
      if (text) newer.push({ from: null, author: null, text, seenOn: 'page' });
    }
    if (baseline.caseId) {
      const arrived = (await interactionsForCases(db, [baseline.caseId])).filter((i) => !baseline.interactionIds.has(i.id));
      arrived.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
      for (const i of arrived) {
        newer.push({
          from: i.direction === 'inbound' ? 'customer' : 'agent',
          author: i.authorName,
          text: i.text.length > TEXT_LIMIT ? `${i.text.slice(0, TEXT_LIMIT - 1)}…` : i.text,
          seenOn: 'sync',
        });
      }
    }
    return newer.slice(-20);
  }

  /** Tells the page's side and the frame what changed; each only when it did. */
  async function show(tabId: number, before: { stale: boolean; held: boolean; count: number }, guard: TabGuard | undefined) {
    const stale = (guard?.newer.length ?? 0) > 0;
    if (stale !== before.stale) await tellTab(tabId, stale).catch(() => undefined);
    if (stale === before.stale && guard?.held === before.held && guard.newer.length === before.count) return;
    const warning = guard && stale ? { newer: guard.newer, held: guard.held } : null;
    frames.publish(tabId, FrameUpdate.parse({ kind: 'staleSend', warning }));
  }

  const stateOf = (guard: TabGuard | undefined) => ({ stale: (guard?.newer.length ?? 0) > 0, held: guard?.held ?? false, count: guard?.newer.length ?? 0 });

  /** Works out again what is newer than the tab's baseline, against what the tab shows now. */
  async function recheck(tabId: number): Promise<void> {
    const guard = tabs.get(tabId);
    if (!guard) return;
    const before = stateOf(guard);
    const context = (await tabContexts.get(tabId))?.context ?? null;
    if (!context || context.url !== guard.baseline.url) {
      // Another page: the draft (and the guard) stayed behind.
      tabs.delete(tabId);
      return show(tabId, before, undefined);
    }
    if (guard.pageSettling) {
      guard.pageSettling = false;
      guard.baseline = { ...guard.baseline, conversation: context.conversation };
    }
    guard.newer = await newerThan(guard.baseline, context);
    if (guard.newer.length === 0) guard.held = false;
    await show(tabId, before, guard);
  }

  /** Starts again from what the tab shows now: the agent has seen it, or sent. */
  async function rebase(tabId: number, pageSettling: boolean): Promise<void> {
    const guard = tabs.get(tabId);
    const context = (await tabContexts.get(tabId))?.context ?? null;
    const before = stateOf(guard);
    if (!context) tabs.delete(tabId);
    else tabs.set(tabId, { baseline: await baselineOf(context), pageSettling, held: false, newer: [] });
    await show(tabId, before, tabs.get(tabId));
  }

  const tabOf = (sender: SenderInfo): number => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) throw new Error('This message is answered for a tab only.');
    return tabId;
  };

  const handlers: Pick<Handlers, 'staleSend.held' | 'staleSend.sent' | 'staleSend.resolve'> = {
    'staleSend.held': async (_payload, sender) => {
      const tabId = tabOf(sender);
      const guard = tabs.get(tabId);
      if (!guard) {
        // The worker restarted since: nothing is known to be newer, so the page's side need not hold sends.
        await tellTab(tabId, false).catch(() => undefined);
        return {};
      }
      const before = stateOf(guard);
      guard.held = true;
      await show(tabId, before, guard);
      return {};
    },
    'staleSend.sent': async (_payload, sender) => {
      await rebase(tabOf(sender), true);
      return {};
    },
    'staleSend.resolve': async ({ send }, sender) => {
      const tabId = tabOf(sender);
      await rebase(tabId, send);
      return send ? toPage(tabId, { do: 'send' }) : { ok: true };
    },
  };

  return {
    handlers,
    /**
     * Wraps the context handlers: the agent's focus entering the reply box starts the guard (once per page,
     * so stepping out to read the overlay keeps it); every new reading of the page is checked against it.
     */
    around(context: Pick<Handlers, 'context.report' | 'overlay.replyFocus'>): Pick<Handlers, 'context.report' | 'overlay.replyFocus'> {
      return {
        'context.report': async (payload, sender) => {
          const status = await context['context.report'](payload, sender);
          if (sender.tab?.id !== undefined) await recheck(sender.tab.id);
          return status;
        },
        'overlay.replyFocus': async (payload, sender) => {
          const answer = await context['overlay.replyFocus'](payload, sender);
          const tabId = sender.tab?.id;
          if (tabId !== undefined && payload.replying) {
            const context = (await tabContexts.get(tabId))?.context ?? null;
            if (context && tabs.get(tabId)?.baseline.url !== context.url) await rebase(tabId, false);
          }
          return answer;
        },
      };
    },
    /** Pulled changes: a teammate's reply or the customer's message under a guarded case makes that tab's reply stale. */
    async onPulled(changes: readonly Change[]): Promise<void> {
      const cases = new Set(changes.flatMap((c) => (c.entity === 'interactions' && c.record.caseId ? [c.record.caseId] : [])));
      const guarded = [...tabs].filter(([, guard]) => guard.baseline.caseId !== null && cases.has(guard.baseline.caseId));
      await Promise.all(guarded.map(([tabId]) => recheck(tabId).catch(() => undefined)));
    },
    forgetTab(tabId: number): void {
      tabs.delete(tabId);
    },
  };
}
