import { useState } from 'preact/hooks';
import { type MessageKey, t } from '../lib/i18n/t';
import type { KnowledgeSuggestion } from '../lib/schema';
import type { FlagReason } from '../lib/schema/knowledge-review';
import { Icon } from './icons';
import { onTrusted } from './trusted';

/** Suggested articles and snippets, each saying why it was chosen, with one-click insert. */
export function SuggestionList({
  items,
  votes = {},
  onInsert,
  onOpen,
  onVote,
  onFlag,
  title = t('suggestions_title'),
  emptyText = t('suggestions_quiet'),
}: {
  items: KnowledgeSuggestion[];
  votes?: Record<string, 'helpful' | 'not_helpful'>;
  onInsert?(item: KnowledgeSuggestion): void;
  onOpen?(item: KnowledgeSuggestion): void;
  onVote?(item: KnowledgeSuggestion, vote: 'helpful' | 'not_helpful'): void;
  /** "Flag": the item is outdated, wrong or missing information, with the agent's short note, for its owner's review. */
  onFlag?(item: KnowledgeSuggestion, reason: FlagReason, note: string): Promise<void>;
  title?: string;
  /** Said quietly when there is nothing: the overlay stays silent rather than guess. */
  emptyText?: string;
}) {
  const [flagging, setFlagging] = useState<string | null>(null);
  const [flagged, setFlagged] = useState<Record<string, true>>({});
  return (
    <section class="tdm-section" aria-label={title} data-testid="tandem-suggestions">
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p class="tdm-muted" data-testid="tandem-suggestions-quiet">
          {emptyText}
        </p>
      ) : (
        <ul class="tdm-suggestions">
          {items.map((item) => (
            <li key={`${item.kind}:${item.id}`} class="tdm-suggestion" data-testid="tandem-suggestion" data-kind={item.kind} data-id={item.id}>
              <div class="tdm-suggestion__title">
                <span class="tdm-kind">{item.kind === 'snippet' ? t('kind_snippet') : t('kind_article')}</span> {item.title}
                {item.pinned && <span class="tdm-pinned">{` · ${t('suggestion_incident_reply')}`}</span>}
                {item.stale && (
                  <span class="tdm-stale" data-testid="tandem-stale" title={t('suggestion_stale_help')}>
                    {` · ${t('suggestion_stale')}`}
                  </span>
                )}
              </div>
              <div class="tdm-muted tdm-suggestion__why" title={item.reason}>
                {item.matchedTerms.length > 0 ? t('suggestion_matched', item.matchedTerms.slice(0, 6).join(', ')) : item.reason}
              </div>
              <div class="tdm-actions">
                {onInsert && (
                  <button
                    type="button"
                    class="tdm-primary"
                    data-testid="tandem-insert"
                    onClick={onTrusted(() => onInsert(item))}
                    aria-label={t('suggestion_insert_named', item.title)}
                  >
                    {t('suggestion_insert')}
                  </button>
                )}
                {onOpen && item.kind === 'article' && (
                  <button type="button" onClick={() => onOpen(item)}>
                    {t('suggestion_read')}
                  </button>
                )}
                {onVote && (
                  <>
                    <button
                      type="button"
                      aria-pressed={votes[item.id] === 'helpful'}
                      aria-label={t('suggestion_helpful')}
                      title={t('suggestion_helpful')}
                      onClick={onTrusted(() => onVote(item, 'helpful'))}
                    >
                      <Icon name="thumbUp" />
                    </button>
                    <button
                      type="button"
                      aria-pressed={votes[item.id] === 'not_helpful'}
                      aria-label={t('suggestion_not_helpful')}
                      title={t('suggestion_not_helpful')}
                      onClick={onTrusted(() => onVote(item, 'not_helpful'))}
                    >
                      <Icon name="thumbDown" />
                    </button>
                  </>
                )}
                {onFlag &&
                  (flagged[item.id] ? (
                    <span class="tdm-muted" data-testid="tandem-flagged">
                      {t('flag_done')}
                    </span>
                  ) : (
                    <button
                      type="button"
                      aria-expanded={flagging === item.id}
                      data-testid="tandem-flag"
                      onClick={() => setFlagging(flagging === item.id ? null : item.id)}
                    >
                      {t('flag')}
                    </button>
                  ))}
              </div>
              {onFlag && flagging === item.id && (
                <FlagForm
                  title={item.title}
                  onCancel={() => setFlagging(null)}
                  onSend={async (reason, note) => {
                    await onFlag(item, reason, note);
                    setFlagged({ ...flagged, [item.id]: true });
                    setFlagging(null);
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const REASONS: { value: FlagReason; label: MessageKey }[] = [
  { value: 'outdated', label: 'flag_outdated' },
  { value: 'wrong', label: 'flag_wrong' },
  { value: 'missing', label: 'flag_missing' },
];

/** Why the item is flagged, and a short note for its owner. */
function FlagForm({ title, onSend, onCancel }: { title: string; onSend(reason: FlagReason, note: string): Promise<void>; onCancel(): void }) {
  const [reason, setReason] = useState<FlagReason>('outdated');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="tdm-flag-form"
      data-testid="tandem-flag-form"
      aria-label={t('flag_named', title)}
      onSubmit={(e) => {
        e.preventDefault();
        if (!e.isTrusted) return;
        setBusy(true);
        void onSend(reason, note).finally(() => setBusy(false));
      }}
    >
      <select aria-label={t('flag_reason')} data-testid="tandem-flag-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value as FlagReason)}>
        {REASONS.map((r) => (
          <option key={r.value} value={r.value}>
            {t(r.label)}
          </option>
        ))}
      </select>
      <input
        type="text"
        maxLength={500}
        placeholder={t('flag_note_placeholder')}
        aria-label={t('flag_note')}
        data-testid="tandem-flag-note"
        value={note}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <button type="submit" class="tdm-primary" disabled={busy} data-testid="tandem-flag-send">
        {t('flag_send')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </form>
  );
}
