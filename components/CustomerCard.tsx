import { formatMoney } from '../lib/i18n/format';
import { tierLabel } from '../lib/i18n/labels';
import { t } from '../lib/i18n/t';
import type { Customer, Identity } from '../lib/schema';
import { formatIdentity } from '../lib/ui/format';
import { ValueBandFact } from './ValueBand';

/** Who this is, at a glance: name, tier, value, tags and every identity we know. */
export function CustomerCard({ customer, matchedBy }: { customer: Customer; matchedBy: Identity[] }) {
  const matched = new Set(matchedBy.map((i) => `${i.kind}:${i.value}`));
  return (
    <section class="tdm-card" aria-label={t('customer_label', customer.name)}>
      <header class="tdm-card__header">
        <h2 class="tdm-card__name" data-testid="tandem-customer-name">
          {customer.name}
        </h2>
        <span class={`tdm-tier tdm-tier--${customer.tier}`} data-testid="tandem-customer-tier">
          {tierLabel(customer.tier)}
        </span>
      </header>
      <dl class="tdm-facts">
        {customer.lifetimeValueCents !== undefined && (
          <>
            <dt>{t('customer_lifetime_value')}</dt>
            <dd data-testid="tandem-customer-value">{formatMoney(customer.lifetimeValueCents, customer.currency)}</dd>
          </>
        )}
        {customer.lifetimeValueCents === undefined && customer.valueBand && <ValueBandFact band={customer.valueBand} />}
        <dt>{t('customer_language')}</dt>
        <dd>{customer.language}</dd>
      </dl>
      {customer.tags.length > 0 && (
        <ul class="tdm-tags" aria-label={t('customer_tags')}>
          {customer.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
      <ul class="tdm-identities" aria-label={t('customer_identities')}>
        {customer.identities.map((identity) => {
          const key = `${identity.kind}:${identity.value}`;
          return (
            <li key={key} class={matched.has(key) ? 'tdm-identity--matched' : undefined} title={matched.has(key) ? t('customer_identity_found') : undefined}>
              {formatIdentity(identity)}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
