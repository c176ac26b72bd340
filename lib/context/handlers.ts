import type { TandemDatabase } from '../db';
import type { Handlers } from '../messaging/dispatch';
import type { PageContext, Resolution } from '../schema';
import { FrameUpdate, type OverlayState, type PageCommand, type PageCommandReply, type PageScheme } from '../schema/messages';
import { privateMattersForPublicReply } from '../sites/public-reply';
import type { FrameHub, FramePort } from './frames';
import { createLookupBudget } from './lookup-budget';
import { forOverlay, resolveContext } from './resolve';
import { resolutionForTab, type TabContextStore } from './tab-contexts';

export interface ContextHandlerDeps {
  db: TandemDatabase;
  tabContexts: TabContextStore;
  /** The overlay frames, by tab: told each tab's new state. */
  frames: FrameHub;
  /** Told of every page a content script reports (best effort; its failure does not fail the report). */
  onPageContext(context: PageContext): Promise<void>;
  /** The collision guard (presence.reply): the agent is replying on this page, or stopped; who else has claimed its case. */
  noteReply(context: PageContext, replying: boolean): Promise<{ claimedBy: string | null }>;
  /** Sends the frame's command to its tab's content script. */
  toPage(tabId: number, command: PageCommand): Promise<PageCommandReply>;
  /**
   * Whether Tandem may read this page at all: a vendor tenant that is not the organisation's gets no lookup,
   * whatever the content script says (defence in depth; the content script checks it too).
   */
  mayReadPage?(url: URL): Promise<boolean>;
  /** Told when a customer's card is shown: resolved on a page, or opened in the side panel (the access log's, lib/privacy). */
  onCardOpened?(customerId: string, surface: 'page' | 'sidepanel', site: string | null): Promise<void>;
  now?: () => Date;
}

type ContextMessages = 'context.report' | 'context.forTab' | 'overlay.state' | 'overlay.replyFocus' | 'overlay.capture' | 'overlay.page';

/** What the frame shows beside the resolution, kept per tab while the worker lives. */
interface FrameExtras {
  replyFocused: boolean;
  claimedBy: string | null;
  readAt: number | null;
  scheme?: PageScheme;
}

/**
 * Who the page is about. The content script reports the page and is answered only a status; the
 * tab's overlay frame is sent what it shows (within the tab's lookup budget, no more timeline than
 * it shows); the side panel asks for its tab and gets everything (the agent opened it).
 */
export function createContextService({
  db,
  tabContexts,
  frames,
  onPageContext,
  noteReply,
  toPage,
  onCardOpened = async () => undefined,
  mayReadPage = async () => true,
  now = () => new Date(),
}: ContextHandlerDeps) {
  const budget = createLookupBudget({ now });
  const extras = new Map<number, FrameExtras>();
  const extrasOf = (tabId: number) => extras.get(tabId) ?? { replyFocused: false, claimedBy: null, readAt: null };
  const withinBudget = (tabId: number | undefined) => (person: string) => tabId === undefined || budget.allows(tabId, person);
  /** Each tab's latest report: an earlier one still being resolved neither shows its answer nor overwrites the later one. */
  const reports = new Map<number, number>();
  let reportCount = 0;

  /** The frame's view of its tab: the public-reply warning is worked out here, against the whole timeline the frame is not sent. */
  async function stateOf(tabId: number): Promise<OverlayState> {
    const stored = await tabContexts.get(tabId);
    const { replyFocused, claimedBy, readAt, scheme } = extrasOf(tabId);
    return {
      context: stored?.context ?? null,
      resolution: stored ? forOverlay(stored.resolution) : null,
      publicReplyWarning: stored ? privateMattersForPublicReply(stored.context, stored.resolution, now().getTime()) : null,
      replyFocused,
      claimedBy,
      readAt,
      ...(scheme ? { scheme } : {}),
    };
  }
  // Parsed here, at the sending end: the frame is zod-free (it loads with every page view).
  const publish = async (tabId: number) => frames.publish(tabId, FrameUpdate.parse({ kind: 'state', state: await stateOf(tabId) }));

  const tabOf = (sender: { tab?: { id?: number } }): number => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) throw new Error('This message is answered for a tab only.');
    return tabId;
  };

  const handlers: Pick<Handlers, ContextMessages> = {
    'context.report': async ({ context: reported, readAt, scheme }, sender) => {
      const tabId = sender.tab?.id;
      const report = ++reportCount;
      if (tabId !== undefined) reports.set(tabId, report);
      const latest = () => tabId !== undefined && reports.get(tabId) === report;
      const pageUrl = URL.parse(sender.url ?? reported?.url ?? '');
      const context = reported && pageUrl && (await mayReadPage(pageUrl)) ? reported : null;
      if (!context) {
        if (tabId !== undefined) {
          await tabContexts.clear(tabId);
          extras.set(tabId, { ...extrasOf(tabId), claimedBy: null, readAt: readAt ?? null, ...(scheme ? { scheme } : {}) });
          await publish(tabId);
        }
        return { status: 'none' };
      }
      const resolution = await resolveContext(db, context, withinBudget(tabId));
      // A later report from this tab, answered meanwhile, stays: this one is neither shown nor kept.
      if (tabId !== undefined && latest()) {
        await tabContexts.set(tabId, { context, resolution });
        extras.set(tabId, { ...extrasOf(tabId), readAt: readAt ?? null, ...(scheme ? { scheme } : {}) });
        await publish(tabId);
      }
      // After the frame has its state: these read the database too, and the agent waits for the frame.
      void onPageContext(context).catch(() => undefined);
      if (resolution.status === 'matched') void onCardOpened(resolution.view.customer.id, 'page', context.site).catch(() => undefined);
      return { status: resolution.status };
    },
    'context.forTab': async ({ tabId }) => {
      const stored = await tabContexts.get(tabId);
      if (!stored) return { context: null, resolution: null };
      // Re-resolve so the side panel sees what a sync has brought since the page reported.
      const resolution = await resolveContext(db, stored.context);
      if (resolution.status === 'matched') void onCardOpened(resolution.view.customer.id, 'sidepanel', stored.context.site).catch(() => undefined);
      return { context: stored.context, resolution };
    },
    'overlay.state': async ({ fresh }, sender) => {
      const tabId = tabOf(sender);
      const report = reports.get(tabId);
      const stored = fresh ? await tabContexts.get(tabId) : null;
      // Re-resolved (the same person again is free of the budget): a contact just created shows as the customer.
      const resolution = stored ? await resolveContext(db, stored.context, withinBudget(tabId)) : null;
      // Not over a report the page made meanwhile: the page it read before would come back with the next ask.
      if (stored && resolution && reports.get(tabId) === report) await tabContexts.set(tabId, { context: stored.context, resolution });
      return stateOf(tabId);
    },
    'overlay.replyFocus': async ({ replying }, sender) => {
      const tabId = tabOf(sender);
      const stored = await tabContexts.get(tabId);
      const claimedBy = stored ? (await noteReply(stored.context, replying).catch(() => ({ claimedBy: null }))).claimedBy : null;
      extras.set(tabId, { ...extrasOf(tabId), replyFocused: replying, claimedBy });
      await publish(tabId);
      return {};
    },
    'overlay.capture': async ({ draft }, sender) => {
      const tabId = tabOf(sender);
      frames.publish(tabId, FrameUpdate.parse({ kind: 'capture', draft }));
      return { opened: frames.has(tabId) };
    },
    'overlay.page': async (command, sender) => toPage(tabOf(sender), command),
  };

  return {
    handlers,
    /** Who a page is about for a tab's knowledge lookups: what it reported, else a fresh lookup within the same budget. */
    resolveForTab: (context: PageContext, tabId: number | undefined): Promise<Resolution> =>
      resolutionForTab(db, tabContexts, context, tabId, withinBudget(tabId)),
    /**
     * A tab's overlay frame connected: it joins the tab's frames and is sent the tab's state at once. On a page load the
     * page's report is often answered before the new frame's script runs; the frame asks nothing on connecting, this
     * is its first state (a restarted worker's too: the frame reconnects).
     */
    async frameConnected(tabId: number, port: FramePort): Promise<void> {
      frames.add(tabId, port);
      // Read after the frame joined: a report answered meanwhile was sent to it too, and this is not older than that.
      const update = FrameUpdate.parse({ kind: 'state', state: await stateOf(tabId) });
      try {
        port.postMessage(update);
      } catch {
        // The frame went away meanwhile (the hub forgets it on disconnect).
      }
    },
    /** The tab closed: forget what it showed. */
    forgetTab(tabId: number): void {
      extras.delete(tabId);
      reports.delete(tabId);
    },
  };
}
