import { type MessageKey, t } from '../lib/i18n/t';
import type { ActiveBroadcast } from '../lib/schema/messages';

type Severity = ActiveBroadcast['severity'];

// Inline styles: the banner renders in the overlay frame and on extension pages alike.
const TONE: Record<Severity, { bg: string; border: string; fg: string; label: MessageKey }> = {
  critical: { bg: '#fde8e7', border: '#b42318', fg: '#5f1109', label: 'broadcast_critical' },
  major: { bg: '#fff1dc', border: '#b35c00', fg: '#4d2800', label: 'broadcast_major' },
  minor: { bg: '#fdf8d8', border: '#8a7300', fg: '#3d3300', label: 'broadcast_minor' },
  info: { bg: '#e8f0fe', border: '#2557d6', fg: '#0f2a66', label: 'broadcast_info' },
};

/**
 * Incident broadcasts for the agent: most severe first, each acknowledged ("Got it": a read receipt for the
 * manager) or dismissed. Text is rendered as text.
 * Critical and major ones are announced at once (role="alert"); the rest politely (role="status").
 */
export function BroadcastBanner({
  broadcasts,
  onDismiss,
  onAcknowledge,
}: {
  broadcasts: readonly ActiveBroadcast[];
  onDismiss(b: ActiveBroadcast): void;
  onAcknowledge(b: ActiveBroadcast): void;
}) {
  if (broadcasts.length === 0) return null;
  return (
    <div data-testid="tandem-broadcasts" style={{ display: 'grid', gap: '6px' }}>
      {broadcasts.map((b) => {
        const tone = TONE[b.severity];
        const label = t(tone.label);
        const urgent = b.severity === 'critical' || b.severity === 'major';
        return (
          <section
            key={b.id}
            role={urgent ? 'alert' : 'status'}
            aria-label={`${label}: ${b.title}`}
            data-testid="tandem-broadcast"
            data-broadcast-id={b.id}
            data-severity={b.severity}
            style={{
              background: tone.bg,
              color: tone.fg,
              borderLeft: `4px solid ${tone.border}`,
              borderRadius: '6px',
              padding: '6px 8px',
              display: 'grid',
              gap: '2px',
            }}
          >
            <div style={{ display: 'flex', gap: '6px', alignItems: 'flex-start' }}>
              <strong style={{ flex: '1' }}>
                <span style={{ textTransform: 'uppercase', fontSize: '10px', letterSpacing: '.04em' }}>{label}</span>
                <br />
                <span data-testid="tandem-broadcast-title">{b.title}</span>
              </strong>
              <button
                type="button"
                aria-label={t('broadcast_dismiss_named', b.title)}
                title={t('broadcast_dismiss')}
                onClick={() => onDismiss(b)}
                style={{ padding: '0 6px', color: tone.fg }}
              >
                ×
              </button>
            </div>
            {b.message && <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{b.message}</p>}
            {b.suggestedSnippetTitle && (
              <p style={{ margin: 0, fontSize: '12px' }} data-testid="tandem-broadcast-snippet">
                {t('broadcast_suggested_reply')} <em>{b.suggestedSnippetTitle}</em>
              </p>
            )}
            <div>
              <button
                type="button"
                data-testid="tandem-broadcast-ack"
                aria-label={t('broadcast_ack_label', b.title)}
                onClick={() => onAcknowledge(b)}
                style={{ padding: '0 8px', fontSize: '12px', color: tone.fg }}
              >
                {t('broadcast_ack')}
              </button>
            </div>
          </section>
        );
      })}
    </div>
  );
}
