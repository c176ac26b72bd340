import { useEffect, useState } from 'preact/hooks';
import { IncidentCard } from '../../components/IncidentCard';
import { t } from '../../lib/i18n/t';
import {
  closedIncidents,
  closeIncident,
  dismissIncident,
  incidentBusy,
  incidentCards,
  incidentMessage,
  sendFollowUp,
  skipFollowUp,
  turnIntoBroadcast,
  watchIncidents,
} from '../../lib/incidents/state';
import type { Incident } from '../../lib/schema/incidents';

/** Above every section of the console: the possible incidents of the manager's teams, live, and follow-ups to send. */
export function IncidentsView() {
  useEffect(() => watchIncidents(), []);
  const cards = incidentCards.value;
  if (cards.length === 0 && closedIncidents.value.length === 0 && !incidentMessage.value) return null;
  return (
    <section aria-label={t('console_incidents')} data-testid="incidents" style={{ display: 'grid', gap: '8px', margin: '8px 0' }}>
      {incidentMessage.value && (
        <p class="mgr-notice" role="status" data-testid="incident-message">
          {incidentMessage.value}
        </p>
      )}
      {cards.map((card) => (
        <IncidentCard
          key={card.incident.id}
          card={card}
          busy={incidentBusy.value === card.incident.id}
          onBroadcast={() => void turnIntoBroadcast(card)}
          onDismiss={() => void dismissIncident(card)}
          onClose={() => void closeIncident(card)}
        />
      ))}
      {closedIncidents.value.map((incident) => (
        <FollowUpForm key={incident.id} incident={incident} />
      ))}
    </section>
  );
}

/** After closing: one message to every linked customer, recorded as a draft on each case for its agent to send. */
function FollowUpForm({ incident }: { incident: Incident }) {
  const [message, setMessage] = useState(() => t('console_follow_up_default', incident.terms.slice(0, 3).join(' ')));
  return (
    <form
      data-testid="incident-follow-up"
      style={{ display: 'grid', gap: '4px' }}
      onSubmit={(event) => {
        event.preventDefault();
        void sendFollowUp(incident, message);
      }}
    >
      <label>
        {t('console_follow_up_label', incident.caseIds.length)}
        <textarea value={message} rows={3} maxLength={5000} onInput={(e) => setMessage(e.currentTarget.value)} style={{ width: '100%' }} />
      </label>
      <div style={{ display: 'flex', gap: '6px' }}>
        <button type="submit" disabled={incidentBusy.value === incident.id || message.trim() === ''}>
          {t('console_follow_up_record')}
        </button>
        <button type="button" onClick={() => skipFollowUp(incident)}>
          {t('console_follow_up_skip')}
        </button>
      </div>
    </form>
  );
}
