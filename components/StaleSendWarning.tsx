import { t } from '../lib/i18n/t';
import type { NewerMessage, StaleSendWarning as Warning } from '../lib/schema/messages';
import { onTrusted } from './trusted';

function whoWrote(message: NewerMessage): string {
  if (message.from === 'customer') return message.author ? t('stale_customer_named', message.author) : t('stale_customer');
  if (message.from === 'agent') return message.author ? t('stale_agent_named', message.author) : t('stale_agent');
  return t('stale_page');
}

/**
 * The stale-send guard's warning ("traffic cop", lib/stale-send): what arrived since the agent started this
 * reply. Shown in the overlay frame only (the page cannot read it). While a send is held back, the agent
 * sends anyway or goes back to the draft; before that, going back only acknowledges it.
 */
export function StaleSendWarning({ warning, onSend, onBack }: { warning: Warning; onSend(): void; onBack(): void }) {
  return (
    <div class="tdm-warning" role="alert" data-testid="tandem-stale-send" data-held={String(warning.held)}>
      <p>
        <strong>{warning.held ? t('stale_held') : t('stale_moved_on')}</strong>
      </p>
      <ul>
        {warning.newer.map((message, index) => (
          <li key={index} data-testid="tandem-stale-send-message" data-from={message.from ?? 'page'} data-seen-on={message.seenOn}>
            <span>{whoWrote(message)}:</span> <q>{message.text}</q>
          </li>
        ))}
      </ul>
      {warning.held && (
        <button type="button" data-testid="tandem-stale-send-anyway" onClick={onTrusted(() => onSend())}>
          {t('stale_send_anyway')}
        </button>
      )}
      <button type="button" class="tdm-primary" data-testid="tandem-stale-send-back" onClick={onTrusted(() => onBack())}>
        {warning.held ? t('stale_back') : t('stale_got_it')}
      </button>
    </div>
  );
}
