import { useEffect } from 'preact/hooks';
import { loadMyStatus, myStatus, setMyStatus, statusError } from '../lib/assignment/state';
import { t } from '../lib/i18n/t';

/**
 * The agent's "Available for new cases" switch (popup, side panel): off, the team's automatic assignment passes them
 * over, and after the team's time their open cases return to the pool. The browser turns it off when they are idle.
 */
export function AgentStatusToggle() {
  useEffect(() => {
    void loadMyStatus();
  }, []);
  const status = myStatus.value;
  if (!status) return statusError.value ? <p class="tdm-error">{statusError.value}</p> : null;
  const available = status.status === 'available';
  return (
    <section class="tdm-agent-status" aria-label={t('status_section')}>
      <label>
        <input
          type="checkbox"
          role="switch"
          aria-checked={available}
          data-testid="tandem-agent-available"
          checked={available}
          aria-describedby="tdm-agent-status-help"
          onChange={(e) => void setMyStatus(e.currentTarget.checked ? 'available' : 'away')}
        />{' '}
        {t('status_available_toggle')}
      </label>
      <p id="tdm-agent-status-help" class="tdm-muted" data-testid="tandem-agent-status">
        {available ? t('status_available_help') : status.reason === 'idle' ? t('status_away_idle') : t('status_away_help')}
        {status.autoAwayMinutes !== null && available && ` ${t('status_auto_away', status.autoAwayMinutes)}`}
      </p>
      {statusError.value && <p class="tdm-error">{statusError.value}</p>}
    </section>
  );
}
