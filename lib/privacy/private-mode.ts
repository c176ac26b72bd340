// Private mode (docs/privacy.md "Private mode"): the agent's per-tab switch, from the popup, that turns
// Tandem's page reading off in that tab until it closes. The state is in session storage keyed by tab
// (pages cannot read it; it dies with the browser); the background refuses everything the tab's page
// side sends while it is on, whatever its content script does — the page is hostile.
import { storage } from 'wxt/utils/storage';
import { CONTENT_SCRIPT_MESSAGES, type Handlers, MessageError, type SenderInfo } from '../messaging/dispatch';
import type { MessageName, MessagesOf } from '../schema/messages';

export interface PrivateTabs {
  isPrivate(tabId: number): Promise<boolean>;
  set(tabId: number, on: boolean): Promise<void>;
}

const key = (tabId: number) => `session:privateMode:${tabId}` as const;

/** The tabs in private mode, in chrome.storage.session (survives a service-worker restart, not the browser). */
export const sessionPrivateTabs: PrivateTabs = {
  isPrivate: async (tabId) => (await storage.getItem<boolean>(key(tabId))) === true,
  set: (tabId, on) => (on ? storage.setItem(key(tabId), true) : storage.removeItem(key(tabId))),
};

/**
 * The worker's copy over `store`: every message from a tab's page side asks whether the tab is private (the page's
 * report, on the way to the overlay, among them), and a storage.session read took 5–25 ms there on a busy machine
 * (bench/overlay). The worker is the store's only writer (privateMode.set, a closed tab), and the copy is changed
 * before the store: a tab switched to private is refused from that moment. A restarted worker reads the store again.
 */
export function keptPrivateTabs(store: PrivateTabs): PrivateTabs {
  const known = new Map<number, boolean>();
  return {
    async isPrivate(tabId) {
      const kept = known.get(tabId);
      if (kept !== undefined) return kept;
      const stored = await store.isPrivate(tabId);
      // A switch made while the store was read wins over what it read.
      if (!known.has(tabId)) known.set(tabId, stored);
      return known.get(tabId) === true;
    },
    async set(tabId, on) {
      known.set(tabId, on);
      await store.set(tabId, on);
    },
  };
}

export interface PrivateModeDeps {
  tabs: PrivateTabs;
  /** Tells the tab's content script (absent or not listening: nothing to tell). */
  tellTab(tabId: number, isPrivate: boolean): Promise<void>;
  /** Forgets what the tab reported before private mode went on (its context, its overlay). */
  forgetTab(tabId: number): void;
}

export function createPrivateModeHandlers({ tabs, tellTab, forgetTab }: PrivateModeDeps): Pick<Handlers, MessagesOf<'privateMode'>> {
  return {
    'privateMode.get': async ({ tabId }) => ({ private: await tabs.isPrivate(tabId) }),
    'privateMode.set': async ({ tabId, private: on }) => {
      await tabs.set(tabId, on);
      if (on) forgetTab(tabId);
      await tellTab(tabId, on).catch(() => undefined);
      return { private: on };
    },
    'privateMode.here': async (_, sender) => ({ private: sender.tab?.id !== undefined && (await tabs.isPrivate(sender.tab.id)) }),
  };
}

/** The page side's messages a private tab may still send: only the question whether it is private. */
const ANSWERED_IN_PRIVATE: ReadonlySet<MessageName> = new Set(['privateMode.here']);

/**
 * The handlers, with every message a page's side may send (declared `from: 'content'`) refused when it
 * comes from a tab in private mode: no context report, capture, screenshot or shortcut reaches a feature.
 */
export function refuseFromPrivateTabs(handlers: Handlers, tabs: PrivateTabs): Handlers {
  const guarded = { ...handlers } as Record<MessageName, (payload: unknown, sender: SenderInfo) => Promise<unknown>>;
  for (const name of CONTENT_SCRIPT_MESSAGES) {
    if (ANSWERED_IN_PRIVATE.has(name)) continue;
    const handler = guarded[name];
    guarded[name] = async (payload, sender) => {
      const tabId = sender.tab?.id;
      if (tabId !== undefined && (await tabs.isPrivate(tabId))) throw new MessageError('private_mode', 'This tab is in private mode: Tandem does not read it.');
      return handler(payload, sender);
    };
  }
  return guarded as Handlers;
}
