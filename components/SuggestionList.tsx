import type { KnowledgeSuggestion } from '../lib/schema';
import { Icon } from './icons';
import { onTrusted } from './trusted';

/** Suggested articles and snippets, each saying why it was chosen, with one-click insert. */
export function SuggestionList({
  items,
  votes = {},
  onInsert,
  onOpen,
  onVote,
  title = 'Suggested',
  emptyText = 'No confident suggestion',
}: {
  items: KnowledgeSuggestion[];
  votes?: Record<string, 'helpful' | 'not_helpful'>;
  onInsert?(item: KnowledgeSuggestion): void;
  onOpen?(item: KnowledgeSuggestion): void;
  onVote?(item: KnowledgeSuggestion, vote: 'helpful' | 'not_helpful'): void;
  title?: string;
  /** Said quietly when there is nothing: the overlay stays silent rather than guess. */
  emptyText?: string;
}) {
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
                <span class="tdm-kind">{item.kind === 'snippet' ? 'Snippet' : 'Article'}</span> {item.title}
                {item.pinned && <span class="tdm-pinned"> · incident reply</span>}
                {item.stale && (
                  <span class="tdm-stale" data-testid="tandem-stale" title="Past its verify-by date: check it before sending">
                    {' '}
                    · needs verification
                  </span>
                )}
              </div>
              <div class="tdm-muted tdm-suggestion__why" title={item.reason}>
                {item.matchedTerms.length > 0 ? `Matched: ${item.matchedTerms.slice(0, 6).join(', ')}` : item.reason}
              </div>
              <div class="tdm-actions">
                {onInsert && (
                  <button
                    type="button"
                    class="tdm-primary"
                    data-testid="tandem-insert"
                    onClick={onTrusted(() => onInsert(item))}
                    aria-label={`Insert ${item.title} into the reply`}
                  >
                    Insert
                  </button>
                )}
                {onOpen && item.kind === 'article' && (
                  <button type="button" onClick={() => onOpen(item)}>
                    Read
                  </button>
                )}
                {onVote && (
                  <>
                    <button
                      type="button"
                      aria-pressed={votes[item.id] === 'helpful'}
                      aria-label="Helpful"
                      title="Helpful"
                      onClick={onTrusted(() => onVote(item, 'helpful'))}
                    >
                      <Icon name="thumbUp" />
                    </button>
                    <button
                      type="button"
                      aria-pressed={votes[item.id] === 'not_helpful'}
                      aria-label="Not helpful"
                      title="Not helpful"
                      onClick={onTrusted(() => onVote(item, 'not_helpful'))}
                    >
                      <Icon name="thumbDown" />
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
