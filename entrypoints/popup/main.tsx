import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AgentStatusToggle } from '../../components/AgentStatusToggle';
import { PrivateModeToggle } from '../../components/PrivateModeToggle';
import { SyncStatusLine } from '../../components/SyncStatusLine';
import { send } from '../../lib/messaging/browser';
import { actionError, refreshStatus, runAction, syncStatus, useStatusWhileSyncing } from '../../lib/ui/status';
import '../../components/tandem.css';

async function openSidePanel(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (browser.sidePanel && tab?.windowId !== undefined) {
    await browser.sidePanel.open({ windowId: tab.windowId });
  } else {
    // Firefox has a sidebar instead of a side panel.
    await (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction?.open();
  }
  window.close();
}

function Popup() {
  useEffect(() => {
    void refreshStatus();
  }, []);
  useStatusWhileSyncing();
  const status = syncStatus.value;
  if (!status) return <p class="tdm-muted">Loading…</p>;
  return (
    <main class="tdm-page" style={{ width: '300px' }}>
      <h1>Tandem</h1>
      {status.user ? (
        <p data-testid="tandem-popup-user">
          {status.user.name} · {status.user.role}
          <br />
          <span class="tdm-muted">{status.backendUrl}</span>
        </p>
      ) : (
        <p>Sign in to see customers, cases and knowledge from your team.</p>
      )}
      <SyncStatusLine status={status} />
      <PrivateModeToggle />
      {status.signedIn && <AgentStatusToggle />}
      {status.signedIn && (
        <p class="tdm-muted">
          {status.counts.customers ?? 0} customers · {status.counts.cases ?? 0} cases · {status.counts.articles ?? 0} articles cached
        </p>
      )}
      {actionError.value && <p class="tdm-error">{actionError.value}</p>}
      <div class="tdm-actions">
        {status.signedIn && (
          <button type="button" class="tdm-primary" onClick={() => void runAction(() => send('sync.now', {}))}>
            Sync now
          </button>
        )}
        {(status.user?.role === 'manager' || status.user?.role === 'admin') && (
          <button
            type="button"
            data-testid="tandem-open-manager"
            onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/manager.html') }).then(() => window.close())}
          >
            Manager console
          </button>
        )}
        <button type="button" onClick={() => void openSidePanel()}>
          Open side panel
        </button>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {status.signedIn ? 'Settings' : 'Sign in'}
        </button>
      </div>
    </main>
  );
}

document.body.classList.add('tdm-root');
render(<Popup />, document.getElementById('app')!);
