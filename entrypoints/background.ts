import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { storage } from 'wxt/utils/storage';
import { createBackgroundService, type TabContext } from '../lib/background/service';
import { TandemDatabase } from '../lib/db';
import { listen } from '../lib/messaging/browser';
import { backendUrlItem } from '../lib/settings';

const SYNC_ALARM = 'tandem-sync';

export default defineBackground(() => {
  const db = new TandemDatabase();
  const service = createBackgroundService({
    db,
    getBackendUrl: () => backendUrlItem.getValue(),
    setBackendUrl: (url) => backendUrlItem.setValue(url),
    // Session storage survives a service-worker restart but not the browser, and pages cannot read it.
    tabContexts: {
      get: async (tabId) => (await storage.getItem<TabContext>(`session:tabContext:${tabId}`)) ?? null,
      set: (tabId, value) => storage.setItem(`session:tabContext:${tabId}`, value),
    },
    onSynced: () => void storage.setItem('local:syncRevision', Date.now()),
  });
  listen(service.handlers);

  browser.tabs.onRemoved.addListener((tabId) => void storage.removeItem(`session:tabContext:${tabId}`));

  // The alarm is the fallback poll; it also wakes a worker the browser has put to sleep.
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void service.sync();
  });
  void service.sync();

  // Chrome: the toolbar button keeps its popup; the side panel opens from there or the context menu.
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
});
