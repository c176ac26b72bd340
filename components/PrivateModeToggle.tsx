import { useEffect } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { loadPrivateMode, privateModeError, privateTab, setPrivateMode } from '../lib/privacy/private-mode-state';

/**
 * The popup's "Private mode" switch for the tab it was opened over: on, Tandem stops reading that tab
 * (no overlay, no lookups, no capture) until the tab closes. A native checkbox with the switch role, so
 * Tab reaches it and Space flips it.
 */
export function PrivateModeToggle() {
  useEffect(() => {
    void loadPrivateMode();
  }, []);
  const tab = privateTab.value;
  if (!tab) return null;
  return (
    <section class="tdm-private-mode" aria-label={t('private_mode')}>
      <label>
        <input
          type="checkbox"
          role="switch"
          aria-checked={tab.private}
          data-testid="tandem-private-mode"
          checked={tab.private}
          aria-describedby="tdm-private-mode-help"
          onChange={(e) => void setPrivateMode(e.currentTarget.checked)}
        />{' '}
        {t('private_mode_for_tab')}
      </label>
      <p id="tdm-private-mode-help" class="tdm-muted">
        {tab.private ? t('private_mode_on_help') : t('private_mode_off_help')}
      </p>
      {privateModeError.value && <p class="tdm-error">{privateModeError.value}</p>}
    </section>
  );
}
