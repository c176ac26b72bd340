import { useEffect } from 'preact/hooks';
import { loadMyStatus, myStatus, setMyStatus, statusError } from '../lib/assignment/state';

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
    <section class="tdm-agent-status" aria-label="Your status">
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
        Available for new cases
      </label>
      <p id="tdm-agent-status-help" class="tdm-muted" data-testid="tandem-agent-status">
        {available ? 'New cases can be assigned to you.' : status.reason === 'idle' ? 'Away: you were idle.' : 'Away: new cases go to others.'}
        {status.autoAwayMinutes !== null && available && ` Away after ${status.autoAwayMinutes} min idle.`}
      </p>
      {statusError.value && <p class="tdm-error">{statusError.value}</p>}
    </section>
  );
}
