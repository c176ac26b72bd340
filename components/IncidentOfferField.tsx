import { t } from '../lib/i18n/t';
import type { IncidentOffer } from '../lib/schema/incidents';
import { onTrusted } from './trusted';

/**
 * In the capture form, when the post is about an incident a manager has broadcast: the broadcast's suggested reply,
 * prefilled and editable, and one button that uses it, noting it on the new case and linking the case to the incident.
 */
export function IncidentOfferField({
  offer,
  reply,
  used,
  onReply,
  onUse,
}: {
  offer: IncidentOffer;
  reply: string;
  used: boolean;
  onReply(text: string): void;
  onUse(used: boolean): void;
}) {
  return (
    <fieldset class="tdm-incident-offer" data-testid="tandem-capture-incident" data-broadcast-id={offer.broadcastId}>
      <legend>{t('capture_incident_matches', offer.title)}</legend>
      <label>
        {t('capture_incident_reply')}
        <textarea name="incident-reply" rows={3} maxLength={5000} value={reply} onInput={onTrusted((e) => onReply(e.currentTarget.value))} />
      </label>
      <button type="button" aria-pressed={used} data-testid="tandem-capture-incident-use" disabled={!reply.trim()} onClick={onTrusted(() => onUse(!used))}>
        {used ? t('capture_incident_using') : t('capture_incident_use')}
      </button>
    </fieldset>
  );
}
