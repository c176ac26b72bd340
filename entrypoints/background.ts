// First: starts reading the persisted knowledge index while the modules below are evaluated.
import '../lib/background/wake-reads';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { storage } from 'wxt/utils/storage';
import { badgeFor } from '../lib/background/badge';
import { createBackgroundService } from '../lib/background/service';
import { toolbarIconPaths } from '../lib/background/toolbar-icon';
import { indexRowsAtStart } from '../lib/background/wake-reads';
import { cropAndEncode, dataUrlToBlob } from '../lib/capture/screenshot';
import { loadRedaction } from '../lib/capture/settings';
import { createFrameHub, FRAME_PORT } from '../lib/context/frames';
import { inMemoryFirst, type TabContext } from '../lib/context/tab-contexts';
import { TandemDatabase } from '../lib/db';
import { t } from '../lib/i18n/t';
import { browserSemanticStage } from '../lib/knowledge/semantic/stage';
import { listen, listenForFrames, sendToTab } from '../lib/messaging/browser';
import { MessageError } from '../lib/messaging/dispatch';
import { saveOrgHosts } from '../lib/org-hosts/save';
import { keptPrivateTabs, sessionPrivateTabs } from '../lib/privacy/private-mode';
import type { ViewportRect } from '../lib/schema/attachments';
import type { SiteRule } from '../lib/schema/manager';
import { assertServerAllowed, createBackendUrlSource } from '../lib/settings/managed';
import { backendUrlItem } from '../lib/settings/settings';
import { ruleHasPermission, syncOverlayScripts } from '../lib/site-rules/registration';
import { saveSiteRules } from '../lib/site-rules/save';
import { mergeServerRules } from '../lib/site-rules/server-rules';
import { loadSiteRules } from '../lib/site-rules/storage';

const SYNC_ALARM = 'tandem-sync';
const CAPTURE_MENU = 'tandem-capture-selection';

/** Managers' published site rules join the agent's own; the overlay is registered where permitted. */
async function applyServerSiteRules(rules: SiteRule[]): Promise<void> {
  const current = await loadSiteRules();
  const granted = await Promise.all(rules.map(async (r) => ((await ruleHasPermission({ match: r.urlPattern })) ? r.urlPattern : null)));
  const merged = mergeServerRules(current, rules, new Set(granted.filter((m): m is string => m !== null)));
  if (JSON.stringify(merged) === JSON.stringify(current)) return;
  await syncOverlayScripts(await saveSiteRules(merged));
}

/** The organisation's CRM hosts replace the stored ones; the overlay is registered on them (and only them). */
async function applyOrgHosts(hosts: readonly string[]): Promise<void> {
  if (await saveOrgHosts(hosts)) await syncOverlayScripts();
}

/**
 * The sender tab as painted now, cropped to the captured element. captureVisibleTab shoots whatever tab is active
 * in the window, so a page in a background tab is refused rather than given another tab's pixels. It needs
 * activeTab (the agent invoked Tandem on this tab: toolbar, Alt+Shift+C, context menu) or the optional
 * <all_urls> permission granted from the side panel; without either the capture is kept without a screenshot.
 */
async function captureScreenshot({
  tabId,
  windowId,
  rect,
  devicePixelRatio,
}: {
  tabId: number;
  windowId: number;
  rect: ViewportRect;
  devicePixelRatio: number;
}) {
  const tab = await browser.tabs.get(tabId);
  if (!tab.active || tab.windowId !== windowId)
    throw new MessageError('screenshot_not_visible', 'The page is not the visible tab, so no screenshot was taken.');
  let dataUrl: string;
  try {
    dataUrl = await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/permission/i.test(message)) {
      throw new MessageError(
        'screenshot_not_allowed',
        'Tandem may not take screenshots of this page yet: allow it once in the side panel ("Allow screenshots"), or open the capture form with Alt+Shift+C. The case was captured without one.',
      );
    }
    throw new MessageError('screenshot_failed', `The browser could not take the screenshot (${message}). The case was captured without one.`);
  }
  return cropAndEncode(await dataUrlToBlob(dataUrl), rect, devicePixelRatio);
}

export default defineBackground(() => {
  const db = new TandemDatabase();
  const frames = createFrameHub();
  // Session storage survives a service-worker restart but not the browser, and pages cannot read it; the worker
  // keeps its own copy so a page's report reaches the overlay without waiting for it.
  const tabContexts = inMemoryFirst({
    get: async (tabId) => (await storage.getItem<TabContext>(`session:tabContext:${tabId}`)) ?? null,
    set: (tabId, value) => storage.setItem(`session:tabContext:${tabId}`, value),
    clear: (tabId) => storage.removeItem(`session:tabContext:${tabId}`),
  });
  // Private tabs from the worker's memory (the store read once per tab): the check sits on every page message's way.
  const privateTabs = keptPrivateTabs(sessionPrivateTabs);
  const service = createBackgroundService({
    db,
    indexRows: indexRowsAtStart,
    privateTabs,
    getBackendUrl: createBackendUrlSource(() => backendUrlItem.getValue()),
    setBackendUrl: async (url) => {
      await assertServerAllowed(url);
      await backendUrlItem.setValue(url);
    },
    getRedaction: loadRedaction,
    onServerSiteRules: applyServerSiteRules,
    onOrgHosts: applyOrgHosts,
    captureScreenshot,
    tabContexts,
    frames,
    toPage: (tabId, command) => sendToTab(tabId, 'overlay.page', command),
    // SLA escalations for the assignee and the team's managers (lib/notifications, docs/permissions.md).
    notify: async ({ id, title, message }) => {
      await browser.notifications.create(id, { type: 'basic', iconUrl: 'icon/128.png', title, message });
    },
    // Auto-away (lib/assignment, docs/permissions.md "idle"): the browser reports the agent idle after their teams' time.
    watchIdle: (seconds) => {
      if (seconds !== null) browser.idle.setDetectionInterval(Math.max(15, seconds));
    },
    tellTabPrivate: async (tabId, isPrivate) => void (await sendToTab(tabId, 'privateMode.changed', { private: isPrivate })),
    tellTabStale: async (tabId, stale) => void (await sendToTab(tabId, 'staleSend.changed', { stale })),
    // Suggestions re-ordered by meaning, when the setting is on (lib/knowledge/semantic/stage.ts).
    semantic: browserSemanticStage() ?? undefined,
    onSynced: (status) => {
      void storage.setItem('local:syncRevision', Date.now());
      const badge = badgeFor(status);
      // Firefox's MV2 build calls the toolbar button browserAction.
      const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
      void action.setBadgeText({ text: badge.text });
      void action.setBadgeBackgroundColor({ color: badge.color });
      void action.setTitle({ title: badge.title });
      void action.setIcon({ path: toolbarIconPaths(badge.icon) });
    },
  });
  listen(service.handlers);
  // Registered at the top level, so an idle change wakes a sleeping worker.
  browser.idle.onStateChanged.addListener((state) => void service.idleChanged(state).catch(() => undefined));
  listenForFrames(FRAME_PORT, (tabId, port) => void service.frameConnected(tabId, port).catch(() => undefined));

  browser.tabs.onRemoved.addListener((tabId) => {
    void tabContexts.clear(tabId);
    void privateTabs.set(tabId, false); // private mode lasts until the tab closes
    service.forgetTab(tabId);
  });

  // The alarm is the fallback poll; it also wakes a worker the browser has put to sleep.
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void service.sync();
  });
  // Wake-up: load the persisted knowledge index first (IndexedDB would queue its reads behind the
  // sync's writes, and a woken worker is usually about to be asked for a suggestion), then catch
  // up and keep the live stream open while this worker lives.
  void service.knowledge
    .ready()
    .catch(() => undefined)
    .finally(() => void service.sync({ force: true }).then(() => service.startLive()));
  globalThis.addEventListener('online', () => void service.sync({ force: true }));

  // Capture from anywhere: a selection's context menu, or the rebindable keyboard command.
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: CAPTURE_MENU, title: t('capture_label'), contexts: ['selection'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== CAPTURE_MENU || tab?.id === undefined) return;
    void sendToTab(tab.id, 'overlay.openCapture', { selection: info.selectionText ?? null }).catch(() => undefined);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'capture-case') return;
    void (async () => {
      const target = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      if (target?.id !== undefined) await sendToTab(target.id, 'overlay.openCapture', { selection: null }).catch(() => undefined);
    })();
  });

  // Chrome: the toolbar button keeps its popup; the side panel opens from there or the context menu.
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
});
