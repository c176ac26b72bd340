import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AgentStatusToggle } from '../../components/AgentStatusToggle';
import { PrivateModeToggle } from '../../components/PrivateModeToggle';
import { SyncStatusLine } from '../../components/SyncStatusLine';
import { send } from '../../lib/messaging/browser';
import { actionError, refreshStatus, runAction, syncStatus, useStatusWhileSyncing } from '../../lib/ui/status';
import '../../components/tandem.css';
import { formatNumber } from '../../lib/i18n/format';
import { roleLabel } from '../../lib/i18n/labels';
import { t } from '../../lib/i18n/t';

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
  if (!status) return <p class="tdm-muted">{t('loading')}</p>;
  return (
    <main class="tdm-page" style={{ width: '300px' }}>
      <h1>{t('extName')}</h1>
      {status.user ? (
        <p data-testid="tandem-popup-user">
          {status.user.name} · {roleLabel(status.user.role)}
          <br />
          <span class="tdm-muted">{status.backendUrl}</span>
        </p>
      ) : (
        <p>{t('popup_sign_in_prompt')}</p>
      )}
      <SyncStatusLine status={status} />
      <PrivateModeToggle />
      {status.signedIn && <AgentStatusToggle />}
      {status.signedIn && (
        <p class="tdm-muted">
          {t('popup_cached', formatNumber(status.counts.customers ?? 0), formatNumber(status.counts.cases ?? 0), formatNumber(status.counts.articles ?? 0))}
        </p>
      )}
      {actionError.value && <p class="tdm-error">{actionError.value}</p>}
      <div class="tdm-actions">
        {status.signedIn && (
          <button type="button" class="tdm-primary" onClick={() => void runAction(() => send('sync.now', {}))}>
            {t('sync_now')}
          </button>
        )}
        {(status.user?.role === 'manager' || status.user?.role === 'admin') && (
          <button
            type="button"
            data-testid="tandem-open-manager"
            onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/manager.html') }).then(() => window.close())}
          >
            {t('popup_manager_console')}
          </button>
        )}
        <button type="button" onClick={() => void openSidePanel()}>
          {t('popup_open_side_panel')}
        </button>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {status.signedIn ? t('popup_settings') : t('popup_sign_in')}
        </button>
      </div>
    </main>
  );
}

document.body.classList.add('tdm-root');
render(<Popup />, document.getElementById('app')!);
