import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { subjectFrom, suggestPriority, suggestTags } from '../lib/capture/suggest';
import { priorityLabel, redactionLabel, visibilityLabel } from '../lib/i18n/labels';
import { t } from '../lib/i18n/t';
import type { CaptureInput, Priority } from '../lib/schema';
import type { IncidentOffer } from '../lib/schema/incidents';
import type { RedactedItem } from '../lib/schema/redaction';
import type { CaptureDraft } from '../lib/sites/types';
import { IncidentOfferField } from './IncidentOfferField';
import { onTrusted } from './trusted';

const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

/**
 * The quick capture form: everything prefilled from the page, so Enter accepts it as is and a
 * second is enough to adjust subject, priority or tags. Escape cancels. `children` are extra
 * options of the page using it (the overlay's "Attach screenshot"), placed before the buttons.
 */
export function CaptureForm({
  draft,
  busy,
  onSubmit,
  onCancel,
  previewRedactions,
  findIncidentOffer,
  children,
}: {
  draft: CaptureDraft;
  busy: boolean;
  onSubmit(input: CaptureInput): void;
  onCancel(): void;
  /** What saving the text and subject would remove (capture.redactPreview), listed before the agent saves. */
  previewRedactions?: (texts: string[]) => Promise<RedactedItem[]>;
  /** The incident broadcast the post is about, with its suggested reply (incidents.offer), or null. */
  findIncidentOffer?: (text: string) => Promise<IncidentOffer | null>;
  children?: ComponentChildren;
}) {
  const fallback =
    draft.channel === 'twitter' ? 'capture_fallback_tweet' : draft.channel === 'facebook' ? 'capture_fallback_facebook' : 'capture_fallback_other';
  const [subject, setSubject] = useState(() => subjectFrom(draft.text, t(fallback, draft.authorName ?? t('capture_a_customer'))));
  const [priority, setPriority] = useState<Priority>(() => suggestPriority(draft.text));
  const [tags, setTags] = useState(() => suggestTags(draft.text).join(', '));
  const subjectRef = useRef<HTMLInputElement>(null);
  const [redactions, setRedactions] = useState<RedactedItem[]>([]);
  const [incidentOffer, setIncidentOffer] = useState<IncidentOffer | null>(null);
  const [incidentReply, setIncidentReply] = useState('');
  const [useIncidentReply, setUseIncidentReply] = useState(false);

  useEffect(() => {
    let current = true;
    void findIncidentOffer?.(draft.text).then((offer) => {
      if (!current || !offer) return;
      setIncidentOffer(offer);
      setIncidentReply(offer.reply);
    });
    return () => {
      current = false;
    };
  }, [draft.text]);

  useEffect(() => {
    if (!previewRedactions) return;
    let current = true; // a slower answer for an older subject must not overwrite a newer one
    previewRedactions([draft.text, subject]).then(
      // The subject is usually cut from the text: a value in both is listed once.
      (items) => current && setRedactions(items.filter((item, i) => items.findIndex((o) => o.kind === item.kind && o.excerpt === item.excerpt) === i)),
      () => current && setRedactions([]),
    );
    return () => {
      current = false;
    };
  }, [draft.text, subject]);

  useEffect(() => {
    subjectRef.current?.focus();
    subjectRef.current?.select();
  }, []);

  const submit = () => {
    if (busy || !subject.trim()) return;
    const tagList = [
      ...new Set(
        tags
          .split(',')
          .map((tag) => tag.trim().toLowerCase())
          .filter(Boolean),
      ),
    ].slice(0, 20);
    const incidentNote =
      incidentOffer && useIncidentReply && incidentReply.trim()
        ? { broadcastId: incidentOffer.broadcastId, text: incidentReply.trim().slice(0, 5000) }
        : undefined;
    onSubmit({ ...draft, subject: subject.trim().slice(0, 300), priority, tags: tagList, ...(incidentNote && { incidentNote }) });
  };

  return (
    <form
      class="tdm-form tdm-capture"
      aria-label={t('capture_label')}
      data-testid="tandem-capture-form"
      // The form submits only on the agent's own Enter or click (below): a page script's requestSubmit(),
      // or the submission a scripted .click() on the button starts, does nothing.
      onSubmit={(e) => e.preventDefault()}
      onKeyDown={onTrusted((e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        } else if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
          // Enter accepts from any field, the checkbox too, as the button says.
          e.preventDefault();
          submit();
        }
      })}
    >
      <p class="tdm-muted">
        {draft.authorName ?? t('capture_unknown_author')}
        {draft.identities[0] ? ` · ${draft.identities[0].kind === 'twitter' ? '@' : ''}${draft.identities[0].value}` : ''} · {visibilityLabel(draft.visibility)}
      </p>
      <blockquote class="tdm-capture__text">{draft.text.slice(0, 400) || t('capture_no_text')}</blockquote>
      {redactions.length > 0 && (
        <div class="tdm-redactions" role="note" data-testid="tandem-capture-redactions">
          <span>{t('capture_removed')}</span>
          <ul>
            {redactions.map((item, i) => (
              <li key={`${i}-${item.kind}`} data-kind={item.kind}>
                {redactionLabel(item.kind)} <mark>{item.excerpt}</mark>
              </li>
            ))}
          </ul>
        </div>
      )}
      <label>
        {t('capture_subject')}
        <input
          ref={subjectRef}
          type="text"
          name="subject"
          required
          maxLength={300}
          value={subject}
          onInput={onTrusted((e) => setSubject(e.currentTarget.value))}
        />
      </label>
      <label>
        {t('capture_priority')}
        <select name="priority" value={priority} onChange={onTrusted((e) => setPriority(e.currentTarget.value as Priority))}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {priorityLabel(p)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('customer_tags')}
        <input type="text" name="tags" value={tags} placeholder={t('capture_tags_placeholder')} onInput={onTrusted((e) => setTags(e.currentTarget.value))} />
      </label>
      {incidentOffer && (
        <IncidentOfferField offer={incidentOffer} reply={incidentReply} used={useIncidentReply} onReply={setIncidentReply} onUse={setUseIncidentReply} />
      )}
      {children}
      <div class="tdm-actions">
        <button
          type="submit"
          class="tdm-primary"
          disabled={busy}
          onClick={onTrusted((e) => {
            e.preventDefault();
            submit();
          })}
        >
          {busy ? t('capture_busy') : t('capture_submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('capture_cancel')}
        </button>
      </div>
    </form>
  );
}
