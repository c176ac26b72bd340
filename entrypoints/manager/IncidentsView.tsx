import { useEffect, useState } from 'preact/hooks';
import { IncidentCard } from '../../components/IncidentCard';
import { formatTime } from '../../lib/i18n/format';
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
import type { Incident, IncidentCardData } from '../../lib/schema/incidents';

/** Above every section of the console: the possible incidents of the manager's teams, live, and follow-ups to send. */
export function IncidentsView() {
  useEffect(() => watchIncidents(), []);
  // The workaround the manager picked per incident; absent: the draft's first offer.
  const [picked, setPicked] = useState<Record<string, string | null>>({});
  const cards = incidentCards.value;
  const workaroundOf = (card: IncidentCardData) => (card.incident.id in picked ? (picked[card.incident.id] ?? null) : card.draft.workaround);
  if (cards.length === 0 && closedIncidents.value.length === 0 && !incidentMessage.value) return null;
  return (
    <section aria-label={t('console_incidents')} data-testid="incidents" style={{ display: 'grid', gap: '8px', margin: '8px 0' }}>
      {incidentMessage.value && (
        <p class="mgr-notice" role="status" data-testid="incident-message">
          {incidentMessage.value}
        </p>
      )}
      {cards.map((card) => (
        <div key={card.incident.id} style={{ display: 'grid', gap: '4px' }}>
          <IncidentCard
            card={card}
            busy={incidentBusy.value === card.incident.id}
            onBroadcast={() => void turnIntoBroadcast(card, workaroundOf(card))}
            onDismiss={() => void dismissIncident(card)}
            onClose={() => void closeIncident(card)}
          />
          {card.incident.status === 'open' && card.draft.workarounds.length > 0 && (
            <WorkaroundPicker card={card} chosen={workaroundOf(card)} onPick={(text) => setPicked({ ...picked, [card.incident.id]: text })} />
          )}
        </div>
      ))}
      {closedIncidents.value.map((incident) => (
        <FollowUpForm key={incident.id} incident={incident} />
      ))}
    </section>
  );
}

/**
 * The workarounds found for the incident (the team's snippet tagged `workaround`, then agents' workaround notes on its
 * matching cases, newest first): the manager picks the one the broadcast sends and notes on every linked case, or none.
 */
function WorkaroundPicker({ card, chosen, onPick }: { card: IncidentCardData; chosen: string | null; onPick(text: string | null): void }) {
  const name = `workaround-${card.incident.id}`;
  return (
    <fieldset data-testid="incident-workarounds" style={{ margin: 0 }}>
      <legend>{t('incident_workaround_pick')}</legend>
      {card.draft.workarounds.map((offer, index) => (
        <label key={`${offer.source}-${offer.caseId ?? ''}-${index}`} style={{ display: 'block', whiteSpace: 'pre-wrap' }}>
          <input type="radio" name={name} checked={chosen === offer.text} onChange={() => onPick(offer.text)} data-testid="incident-workaround-option" />{' '}
          <span style={{ opacity: 0.75 }}>
            {offer.source === 'snippet' || !offer.caseId || !offer.createdAt
              ? t('incident_workaround_snippet')
              : t('incident_workaround_case', offer.caseId, formatTime(offer.createdAt))}
          </span>{' '}
          <span data-testid="incident-workaround-text">{offer.text}</span>
        </label>
      ))}
      <label style={{ display: 'block' }}>
        <input type="radio" name={name} checked={chosen === null} onChange={() => onPick(null)} /> {t('incident_workaround_none')}
      </label>
    </fieldset>
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
