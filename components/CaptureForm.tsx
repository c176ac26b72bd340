import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { subjectFrom, suggestPriority, suggestTags } from '../lib/capture/suggest';
import type { CaptureInput, Priority } from '../lib/schema';
import type { IncidentOffer } from '../lib/schema/incidents';
import { REDACTION_LABELS_SHORT, type RedactedItem } from '../lib/schema/redaction';
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
  const fallback = draft.channel === 'twitter' ? 'Tweet' : draft.channel === 'facebook' ? 'Facebook post' : 'Captured conversation';
  const [subject, setSubject] = useState(() => subjectFrom(draft.text, `${fallback} from ${draft.authorName ?? 'a customer'}`));
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
          .map((t) => t.trim().toLowerCase())
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
      aria-label="Capture as case"
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
        {draft.authorName ?? 'Unknown author'}
        {draft.identities[0] ? ` · ${draft.identities[0].kind === 'twitter' ? '@' : ''}${draft.identities[0].value}` : ''} · {draft.visibility}
      </p>
      <blockquote class="tdm-capture__text">{draft.text.slice(0, 400) || 'No text'}</blockquote>
      {redactions.length > 0 && (
        <div class="tdm-redactions" role="note" data-testid="tandem-capture-redactions">
          <span>Removed before saving:</span>
          <ul>
            {redactions.map((item, i) => (
              <li key={`${i}-${item.kind}`} data-kind={item.kind}>
                {REDACTION_LABELS_SHORT[item.kind]} <mark>{item.excerpt}</mark>
              </li>
            ))}
          </ul>
        </div>
      )}
      <label>
        Subject
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
        Priority
        <select name="priority" value={priority} onChange={onTrusted((e) => setPriority(e.currentTarget.value as Priority))}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tags
        <input type="text" name="tags" value={tags} placeholder="comma, separated" onInput={onTrusted((e) => setTags(e.currentTarget.value))} />
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
          {busy ? 'Capturing…' : 'Capture case (Enter)'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel (Esc)
        </button>
      </div>
    </form>
  );
}
