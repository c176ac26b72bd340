import type { IncidentCardData } from '../lib/schema/incidents';

// Inline styles: the card renders in the manager console and, compact, in a manager's overlay frame.
const BOX = { background: '#fff1dc', color: '#4d2800', borderLeft: '4px solid #b35c00', borderRadius: '6px', padding: '8px 10px', display: 'grid', gap: '4px' };

const time = (at: string) => new Date(at).toISOString().slice(11, 16);

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
    <section role="alert" aria-label={`Possible incident: ${incident.terms.join(' ')}`} data-testid="incident-card" data-incident-id={incident.id} style={BOX}>
      <strong>
        <span style={{ textTransform: 'uppercase', fontSize: '10px', letterSpacing: '.04em' }}>{broadcast ? 'Incident broadcast' : 'Possible incident'}</span>
        <br />
        <span data-testid="incident-terms">{incident.terms.join(' · ')}</span>
      </strong>
      <span data-testid="incident-summary">
        {incident.contacts} people since {time(incident.firstAt)} UTC (about {incident.expected.toFixed(1)} expected) · {incident.caseIds.length} cases
      </span>
      {compact && !broadcast && onBroadcast && (
        // The overlay's one click: the title says what it publishes, the button stays short.
        <button
          type="button"
          disabled={busy}
          onClick={onBroadcast}
          title={`Publishes “${draft.title}” to the team${draft.suggestedSnippetTitle ? ` with the reply “${draft.suggestedSnippetTitle}”` : ''} and links the ${incident.caseIds.length} cases`}
          data-testid="incident-broadcast"
          style={{ justifySelf: 'start' }}
        >
          Broadcast
        </button>
      )}
      {!compact && (
        <>
          <details>
            <summary>Matching cases</summary>
            <ul data-testid="incident-cases" style={{ margin: 0 }}>
              {incident.caseIds.map((id) => (
                <li key={id}>{id}</li>
              ))}
            </ul>
          </details>
          {!broadcast && (
            <p style={{ margin: 0, fontSize: '12px' }} data-testid="incident-draft">
              One click publishes “{draft.title}” to the team
              {draft.suggestedSnippetTitle ? (
                <>
                  {' '}
                  with the suggested reply <em>{draft.suggestedSnippetTitle}</em>
                </>
              ) : (
                ' (no matching reply or workaround yet)'
              )}
              {draft.workaround ? ', notes its workaround on every linked case' : ''}, and links these cases to it.
            </p>
          )}
          <div style={{ display: 'flex', gap: '6px' }}>
            {!broadcast && onBroadcast && (
              <button type="button" disabled={busy} onClick={onBroadcast} data-testid="incident-broadcast">
                Turn into broadcast
              </button>
            )}
            {!broadcast && onDismiss && (
              <button type="button" disabled={busy} onClick={onDismiss}>
                Not an incident
              </button>
            )}
            {broadcast && onClose && (
              <button type="button" disabled={busy} onClick={onClose} data-testid="incident-close">
                Close incident
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
