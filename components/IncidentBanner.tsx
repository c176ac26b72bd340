import type { IncidentCardData } from '../lib/schema/incidents';
import { IncidentCard } from './IncidentCard';
import { onTrusted } from './trusted';

/**
 * The managers' overlay banner: each open possible incident, compact (the terms, how many people, since when), with
 * the one click that broadcasts it. The click counts only when it is the manager's own, on a frame the page neither
 * covers nor fades (components/trusted.ts).
 */
export function IncidentBanner({
  cards,
  busyId,
  notice,
  onBroadcast,
}: {
  cards: readonly IncidentCardData[];
  busyId: string | null;
  notice: string | null;
  onBroadcast(card: IncidentCardData): void;
}) {
  if (cards.length === 0 && !notice) return null;
  return (
    <div data-testid="tandem-incidents" style={{ display: 'grid', gap: '6px' }}>
      {cards.map((card) => (
        <IncidentCard key={card.incident.id} card={card} compact busy={busyId === card.incident.id} onBroadcast={onTrusted(() => onBroadcast(card))} />
      ))}
      {notice && (
        <p role="status" style={{ margin: 0, fontSize: '12px' }} data-testid="tandem-incident-notice">
          {notice}
        </p>
      )}
    </div>
  );
}
