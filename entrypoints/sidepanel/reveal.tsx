// What the field policy masked on this customer, and, for a role allowed to, a reveal with a reason (logged on the
// server). The values show here, in the extension's own page, never in the site's DOM.
import { useState } from 'preact/hooks';
import { errorMessage } from '../../lib/i18n/errors';
import { formatMoney } from '../../lib/i18n/format';
import { type MessageKey, t } from '../../lib/i18n/t';
import { send } from '../../lib/messaging/browser';
import type { Customer } from '../../lib/schema/entities';
import type { CustomerPolicyField } from '../../lib/schema/privacy';

const LABELS: Record<string, MessageKey> = { lifetimeValueCents: 'reveal_field_lifetime_value', name: 'reveal_field_name' };
const fieldLabel = (field: string) => (LABELS[field] ? t(LABELS[field]) : field);

export function MaskedFields({ customer }: { customer: Customer }) {
  const masking = customer.masking;
  if (!masking || masking.masked.length === 0) return null;
  return (
    <section class="tdm-section" aria-label={t('reveal_section')} data-testid="tandem-masked">
      <p class="tdm-muted">
        {t('reveal_masked', masking.masked.map(fieldLabel).join(', '))}
        {!masking.revealable && ` ${t('reveal_not_allowed')}`}
      </p>
      {masking.revealable &&
        masking.masked.map((field) => <RevealField key={`${customer.id}:${field}`} customerId={customer.id} field={field as CustomerPolicyField} />)}
    </section>
  );
}

function RevealField({ customerId, field }: { customerId: string; field: CustomerPolicyField }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [values, setValues] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const label = fieldLabel(field);

  if (values) {
    const shown = field === 'lifetimeValueCents' ? values.map((v) => formatMoney(Number(v), 'USD', 2)) : values;
    return (
      <p data-testid={`tandem-revealed-${field}`}>
        {label}: {shown.join(', ') || t('reveal_none')}
      </p>
    );
  }
  if (!asking) {
    return (
      <button type="button" data-testid={`tandem-reveal-${field}`} onClick={() => setAsking(true)}>
        {t('reveal_field', label)}
      </button>
    );
  }
  return (
    <form
      data-testid={`tandem-reveal-form-${field}`}
      onSubmit={(e) => {
        e.preventDefault();
        setProblem(null);
        send('privacy.reveal', { entity: 'customers', id: customerId, field, reason })
          .then((answer) => setValues(answer.values))
          .catch((err: unknown) => setProblem(errorMessage(err)));
      }}
    >
      <label>
        {t('reveal_reason', label)}{' '}
        <input
          data-testid={`tandem-reveal-reason-${field}`}
          value={reason}
          minLength={5}
          maxLength={500}
          required
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </label>{' '}
      <button type="submit">{t('reveal')}</button>
      {problem && (
        <p role="alert" class="tdm-muted">
          {problem}
        </p>
      )}
    </form>
  );
}
