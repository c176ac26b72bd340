import { t, tCount } from '../lib/i18n/t';
import type { PrivateMatters } from '../lib/sites/public-reply';

/**
 * Shown while the agent is in a public reply box for a customer with private matters. It informs and
 * never blocks: the page keeps the focus and the agent keeps typing.
 */
export function PublicReplyWarning({ matters, onDismiss }: { matters: PrivateMatters; onDismiss?: () => void }) {
  const { customerName, privateCases, privateInteractions } = matters;
  return (
    <div class="tdm-warning" role="status" aria-live="polite" data-testid="tandem-public-warning">
      <p>
        <strong>{t('public_reply_title')}</strong> {t('public_reply_body', customerName)}
      </p>
      <ul>
        {privateCases.slice(0, 3).map((c) => (
          <li key={c.subject}>{t('public_reply_case', c.subject, c.channel)}</li>
        ))}
        {privateCases.length > 3 && <li>{t('public_reply_more_cases', privateCases.length - 3)}</li>}
        {privateInteractions > 0 && <li>{tCount('public_reply_messages', privateInteractions)}</li>}
      </ul>
      {onDismiss && (
        <button type="button" onClick={onDismiss}>
          {t('public_reply_dismiss')}
        </button>
      )}
    </div>
  );
}
