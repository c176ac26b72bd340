import { signal } from '@preact/signals';
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ContextView } from '../../components/ContextView';
import { SyncStatusLine } from '../../components/SyncStatusLine';
import { send } from '../../lib/messaging/browser';
import type { PageContext, Resolution } from '../../lib/schema';
import { startClock } from '../../lib/ui/clock';
import { refreshStatus, syncStatus } from '../../lib/ui/status';
import '../../components/tandem.css';

const tabId = signal<number | null>(null);
const context = signal<PageContext | null>(null);
const resolution = signal<Resolution | null>(null);

/** `?tabId=` pins the panel to one tab (a full-page view); otherwise it follows the active tab. */
async function currentTabId(): Promise<number | null> {
  const pinned = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(pinned) && pinned > 0) return pinned;
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id ?? null;
}

async function load(): Promise<void> {
  const id = await currentTabId();
  tabId.value = id;
  if (id === null) return;
  const answer = await send('context.forTab', { tabId: id });
  context.value = answer.context;
  resolution.value = answer.resolution;
}

function Workspace() {
  useEffect(() => {
    void load();
    void refreshStatus();
    const stopClock = startClock();
    // The background writes each tab's context to session storage; follow it live.
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && tabId.value !== null && `tabContext:${tabId.value}` in changes) void load();
      if (area === 'local' && 'syncRevision' in changes) void refreshStatus();
    };
    const onActivated = () => {
      if (!new URLSearchParams(location.search).has('tabId')) void load();
    };
    browser.storage.onChanged.addListener(onStorage);
    browser.tabs.onActivated.addListener(onActivated);
    return () => {
      stopClock();
      browser.storage.onChanged.removeListener(onStorage);
      browser.tabs.onActivated.removeListener(onActivated);
    };
  }, []);

  return (
    <main class="tdm-workspace">
      <header class="tdm-workspace__header">
        <h1>Tandem</h1>
        {syncStatus.value && <SyncStatusLine status={syncStatus.value} />}
      </header>
      {context.value && resolution.value ? (
        <div data-testid="tandem-workspace">
          <p class="tdm-muted" data-testid="tandem-workspace-source">
            {context.value.site} · {context.value.subject ?? context.value.recordId ?? context.value.url}
          </p>
          <ContextView context={context.value} resolution={resolution.value} compact={false} />
        </div>
      ) : (
        <p class="tdm-muted">Open a ticket, a CRM record, an email or a post in this window and Tandem shows who it is about.</p>
      )}
    </main>
  );
}

document.body.classList.add('tdm-root');
render(<Workspace />, document.getElementById('app')!);
