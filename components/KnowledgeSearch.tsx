import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { renderMarkdown } from '../lib/knowledge/markdown';
import type { Article, KnowledgeSuggestion } from '../lib/schema';
import type { FlagReason } from '../lib/schema/knowledge-review';
import { ExternalLink } from './ExternalLink';
import { SuggestionList } from './SuggestionList';

export interface KnowledgeSearchProps {
  search(text: string, filters: { kind?: 'article' | 'snippet'; language?: string }): Promise<KnowledgeSuggestion[]>;
  loadArticle(id: string): Promise<Article | null>;
  onOpened?(item: KnowledgeSuggestion): void;
  /** "Flag" on a result (SuggestionList's form), with the words searched for as the flag's context. */
  onFlag?(item: KnowledgeSuggestion, reason: FlagReason, note: string, searchedFor: string): Promise<void>;
}

/** Instant search over the local index, with filters and a reader for articles. */
export function KnowledgeSearch({ search, loadArticle, onOpened, onFlag }: KnowledgeSearchProps) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'' | 'article' | 'snippet'>('');
  const [language, setLanguage] = useState('');
  const [results, setResults] = useState<KnowledgeSuggestion[]>([]);
  const [article, setArticle] = useState<Article | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const mine = ++latest.current;
    if (!text.trim()) {
      setResults([]);
      return;
    }
    // Local and fast, so every keystroke searches; only the newest answer is shown.
    void search(text, { kind: kind || undefined, language: language || undefined }).then((found) => {
      if (mine === latest.current) setResults(found);
    });
  }, [text, kind, language]);

  const open = async (item: KnowledgeSuggestion) => {
    setArticle(await loadArticle(item.id));
    onOpened?.(item);
  };

  return (
    <section class="tdm-section" aria-label={t('knowledge')}>
      <h3>{t('knowledge')}</h3>
      <div class="tdm-search" role="search">
        <input
          type="search"
          aria-label={t('knowledge_search')}
          placeholder={t('knowledge_search')}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <select aria-label={t('knowledge_kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value as typeof kind)}>
          <option value="">{t('filter_all')}</option>
          <option value="article">{t('knowledge_articles')}</option>
          <option value="snippet">{t('knowledge_snippets')}</option>
        </select>
        <select aria-label={t('customer_language')} value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
          <option value="">{t('knowledge_any_language')}</option>
          <option value="en">{t('language_en')}</option>
          <option value="de">{t('language_de')}</option>
        </select>
      </div>
      {text.trim() && (
        <SuggestionList
          title={t('knowledge_results')}
          emptyText={t('knowledge_nothing_found')}
          items={results}
          onOpen={(item) => void open(item)}
          onFlag={onFlag && ((item, reason, note) => onFlag(item, reason, note, text))}
          onInsert={(item) => {
            // The side panel has no reply box: copy, so the agent pastes where they are typing.
            void navigator.clipboard.writeText(item.insertText).then(() => setCopied(item.title));
          }}
        />
      )}
      {copied && (
        <p class="tdm-muted" role="status">
          {t('knowledge_copied', copied)}
        </p>
      )}
      {article && (
        <article class="tdm-article" data-testid="tandem-article" aria-label={article.title}>
          <h3>{article.title}</h3>
          {/* renderMarkdown sanitizes with DOMPurify; article text never reaches the DOM unsanitized. */}
          <div class="tdm-article__body" dangerouslySetInnerHTML={{ __html: renderMarkdown(article.body) }} />
          {article.url && <ExternalLink href={article.url}>{t('knowledge_open_help_centre')}</ExternalLink>}
          <button type="button" onClick={() => setArticle(null)}>
            {t('close')}
          </button>
        </article>
      )}
    </section>
  );
}
