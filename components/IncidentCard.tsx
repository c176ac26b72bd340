import { formatNumber, formatTime } from '../lib/i18n/format';
import { t } from '../lib/i18n/t';
import type { IncidentCardData } from '../lib/schema/incidents';

// Inline styles: the card renders in the manager console and, compact, in a manager's overlay frame.
const BOX = { background: '#fff1dc', color: '#4d2800', borderLeft: '4px solid #b35c00', borderRadius: '6px', padding: '8px 10px', display: 'grid', gap: '4px' };

/**
 * A possible incident: the words customers share, how many people, since when, the matching cases and the broadcast
 * one click makes of it. Terms and case ids only: the detector never gives who wrote. Text is rendered as text.
 */
export function IncidentCard({
  card,
  compact = false,
  busy = false,
  onBroadcast,
  onDismiss,
  onClose,
}: {
  card: IncidentCardData;
  compact?: boolean;
  busy?: boolean;
  onBroadcast?(event: MouseEvent): void;
  onDismiss?(): void;
  onClose?(): void;
}) {
  const { incident, draft } = card;
  const broadcast = incident.status === 'broadcast';
  return (
    <section role="alert" aria-label={t('incident_label', incident.terms.join(' '))} data-testid="incident-card" data-incident-id={incident.id} style={BOX}>
      <strong>
        <span style={{ textTransform: 'uppercase', fontSize: '10px', letterSpacing: '.04em' }}>
          {broadcast ? t('incident_broadcast') : t('incident_possible')}
        </span>
        <br />
        <span data-testid="incident-terms">{incident.terms.join(' · ')}</span>
      </strong>
      <span data-testid="incident-summary">
        {t(
          'incident_summary',
          formatNumber(incident.contacts),
          formatTime(incident.firstAt),
          formatNumber(Math.round(incident.expected * 10) / 10),
          formatNumber(incident.caseIds.length),
        )}
      </span>
      {compact && !broadcast && onBroadcast && (
        // The overlay's one click: the title says what it publishes, the button stays short.
        <button
          type="button"
          disabled={busy}
          onClick={onBroadcast}
          title={
            draft.suggestedSnippetTitle
              ? t('incident_publish_with_reply', draft.title, draft.suggestedSnippetTitle, incident.caseIds.length)
              : t('incident_publish', draft.title, incident.caseIds.length)
          }
          data-testid="incident-broadcast"
          style={{ justifySelf: 'start' }}
        >
          {t('incident_broadcast_button')}
        </button>
      )}
      {!compact && (
        <>
          <details>
            <summary>{t('incident_matching_cases')}</summary>
            <ul data-testid="incident-cases" style={{ margin: 0 }}>
              {incident.caseIds.map((id) => (
                <li key={id}>{id}</li>
              ))}
            </ul>
          </details>
          {!broadcast && (
            <p style={{ margin: 0, fontSize: '12px' }} data-testid="incident-draft">
              {t('incident_draft_publishes', draft.title)}
              {draft.suggestedSnippetTitle ? (
                <>
                  {' '}
                  {t('incident_draft_with_reply')} <em>{draft.suggestedSnippetTitle}</em>
                </>
              ) : (
                ` ${t('incident_draft_no_reply')}`
              )}
              {draft.workaround ? `, ${t('incident_draft_workaround')}` : ''}
              {`, ${t('incident_draft_links')}`}
            </p>
          )}
          <div style={{ display: 'flex', gap: '6px' }}>
            {!broadcast && onBroadcast && (
              <button type="button" disabled={busy} onClick={onBroadcast} data-testid="incident-broadcast">
                {t('incident_turn_into_broadcast')}
              </button>
            )}
            {!broadcast && onDismiss && (
              <button type="button" disabled={busy} onClick={onDismiss}>
                {t('incident_dismiss')}
              </button>
            )}
            {broadcast && onClose && (
              <button type="button" disabled={busy} onClick={onClose} data-testid="incident-close">
                {t('incident_close')}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
