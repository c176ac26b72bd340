import { t } from '../lib/i18n/t';
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
    return <p class="tdm-muted">{t('context_none')}</p>;
  }
  if (resolution.status === 'busy') {
    return (
      <p class="tdm-muted" data-testid="tandem-busy">
        {t('context_busy')}
      </p>
    );
  }
  if (resolution.status === 'unknown') {
    return (
      <section class="tdm-card" aria-label={t('context_unknown')} data-testid="tandem-unknown">
        <header class="tdm-card__header">
          <h2 class="tdm-card__name" data-testid="tandem-customer-name">
            {context.displayName ?? t('context_unknown')}
          </h2>
          <span class="tdm-tier">{t('context_not_in_tandem')}</span>
        </header>
        <ul class="tdm-identities" aria-label={t('context_identities_found')}>
          {resolution.identities.map((identity) => (
            <li key={`${identity.kind}:${identity.value}`}>{formatIdentity(identity)}</li>
          ))}
        </ul>
        {onCreateContact && (
          <div class="tdm-actions">
            <button type="button" class="tdm-primary" data-testid="tandem-create-contact" onClick={onTrusted(() => onCreateContact())}>
              {t('context_create_contact')}
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
      {alsoMatches.length > 0 && <p class="tdm-muted">{t('context_also_matches', alsoMatches.map((c) => c.name).join(', '))}</p>}
      <CaseList cases={view.openCases} limit={compact ? 3 : undefined} />
      {/* The side panel: the path of each issue across channels (issue 22); the overlay has no room for it. */}
      {!compact && <Journey items={view.timeline} cases={view.openCases} />}
      <Timeline items={view.timeline} limit={compact ? OVERLAY_TIMELINE_ITEMS : undefined} />
    </>
  );
}
