import type { PageContext, Resolution } from '../lib/schema';
import { OVERLAY_TIMELINE_ITEMS } from '../lib/schema/overlay';
import { formatIdentity } from '../lib/ui/format';
import { CaseList } from './CaseList';
import { CustomerCard } from './CustomerCard';
import { EffortLine } from './EffortLine';
import { Journey } from './Journey';
import { PersonPicker } from './PersonPicker';
import { Timeline } from './Timeline';
import { onTrusted } from './trusted';

/**
 * What Tandem knows about the page's context. `compact` is the overlay (a glance); the side panel
 * shows everything.
 */
export function ContextView({
  context,
  resolution,
  compact,
  onCreateContact,
  onPick,
}: {
  context: PageContext;
  resolution: Resolution;
  compact: boolean;
  /** One click: make this person a contact with the identities the page shows. */
  onCreateContact?(): void;
  /** The agent's pick between the plausible people the page names (components/PersonPicker.tsx); without it they are listed as "Also matches". */
  onPick?(customerId: string): void;
}) {
  if (resolution.status === 'none') {
    return <p class="tdm-muted">Nobody to look up on this page yet. Open a ticket, record, email or post.</p>;
  }
  if (resolution.status === 'busy') {
    return (
      <p class="tdm-muted" data-testid="tandem-busy">
        This page shows many people; pick one. Tandem looks more people up in a minute.
      </p>
    );
  }
  if (resolution.status === 'unknown') {
    return (
      <section class="tdm-card" aria-label="Unknown person" data-testid="tandem-unknown">
        <header class="tdm-card__header">
          <h2 class="tdm-card__name" data-testid="tandem-customer-name">
            {context.displayName ?? 'Unknown person'}
          </h2>
          <span class="tdm-tier">not in Tandem</span>
        </header>
        <ul class="tdm-identities" aria-label="Identities found on the page">
          {resolution.identities.map((identity) => (
            <li key={`${identity.kind}:${identity.value}`}>{formatIdentity(identity)}</li>
          ))}
        </ul>
        {onCreateContact && (
          <div class="tdm-actions">
            <button type="button" class="tdm-primary" data-testid="tandem-create-contact" onClick={onTrusted(() => onCreateContact())}>
              Create contact
            </button>
          </div>
        )}
      </section>
    );
  }
  const { view, otherMatches } = resolution;
  // The plausible people are offered in the picker, so "Also matches" names only the others.
  const alsoMatches = onPick ? otherMatches.filter((o) => !o.plausible) : otherMatches;
  return (
    <>
      <CustomerCard customer={view.customer} matchedBy={view.matchedBy} />
      {onPick && <PersonPicker shown={view.customer.name} others={otherMatches} onPick={onPick} />}
      <EffortLine effort={view.effort} />
      {alsoMatches.length > 0 && <p class="tdm-muted">Also matches: {alsoMatches.map((c) => c.name).join(', ')}</p>}
      <CaseList cases={view.openCases} limit={compact ? 3 : undefined} />
      {/* The side panel: the path of each issue across channels (issue 22); the overlay has no room for it. */}
      {!compact && <Journey items={view.timeline} cases={view.openCases} />}
      <Timeline items={view.timeline} limit={compact ? OVERLAY_TIMELINE_ITEMS : undefined} />
    </>
  );
}
