import { useEffect } from 'preact/hooks';
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
    <section class="tdm-private-mode" aria-label="Private mode">
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
        Private mode for this tab
      </label>
      <p id="tdm-private-mode-help" class="tdm-muted">
        {tab.private ? 'Tandem is not reading this tab until you close it or turn this off.' : 'Stops Tandem reading this tab until it closes.'}
      </p>
      {privateModeError.value && <p class="tdm-error">{privateModeError.value}</p>}
    </section>
  );
}
