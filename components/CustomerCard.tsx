import type { Customer, Identity } from '../lib/schema';
import { formatIdentity, formatMoney } from '../lib/ui/format';
import { ValueBandFact } from './ValueBand';

/** Who this is, at a glance: name, tier, value, tags and every identity we know. */
export function CustomerCard({ customer, matchedBy }: { customer: Customer; matchedBy: Identity[] }) {
  const matched = new Set(matchedBy.map((i) => `${i.kind}:${i.value}`));
  return (
    <section class="tdm-card" aria-label={`Customer ${customer.name}`}>
      <header class="tdm-card__header">
        <h2 class="tdm-card__name" data-testid="tandem-customer-name">
          {customer.name}
        </h2>
        <span class={`tdm-tier tdm-tier--${customer.tier}`} data-testid="tandem-customer-tier">
          {customer.tier}
        </span>
      </header>
      <dl class="tdm-facts">
        {customer.lifetimeValueCents !== undefined && (
          <>
            <dt>Lifetime value</dt>
            <dd data-testid="tandem-customer-value">{formatMoney(customer.lifetimeValueCents, customer.currency)}</dd>
          </>
        )}
        {customer.lifetimeValueCents === undefined && customer.valueBand && <ValueBandFact band={customer.valueBand} />}
        <dt>Language</dt>
        <dd>{customer.language}</dd>
      </dl>
      {customer.tags.length > 0 && (
        <ul class="tdm-tags" aria-label="Tags">
          {customer.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
      <ul class="tdm-identities" aria-label="Identities">
        {customer.identities.map((identity) => {
          const key = `${identity.kind}:${identity.value}`;
          return (
            <li key={key} class={matched.has(key) ? 'tdm-identity--matched' : undefined} title={matched.has(key) ? 'Found on this page' : undefined}>
              {formatIdentity(identity)}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
