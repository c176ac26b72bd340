import { useEffect, useRef, useState } from 'preact/hooks';
import { renderMarkdown } from '../lib/knowledge/markdown';
import type { Article, KnowledgeSuggestion } from '../lib/schema';
import { ExternalLink } from './ExternalLink';
import { SuggestionList } from './SuggestionList';

export interface KnowledgeSearchProps {
  search(text: string, filters: { kind?: 'article' | 'snippet'; language?: string }): Promise<KnowledgeSuggestion[]>;
  loadArticle(id: string): Promise<Article | null>;
  onOpened?(item: KnowledgeSuggestion): void;
}

/** Instant search over the local index, with filters and a reader for articles. */
export function KnowledgeSearch({ search, loadArticle, onOpened }: KnowledgeSearchProps) {
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
    <section class="tdm-section" aria-label="Knowledge">
      <h3>Knowledge</h3>
      <div class="tdm-search" role="search">
        <input
          type="search"
          aria-label="Search articles and snippets"
          placeholder="Search articles and snippets"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as typeof kind)}>
          <option value="">All</option>
          <option value="article">Articles</option>
          <option value="snippet">Snippets</option>
        </select>
        <select aria-label="Language" value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
          <option value="">Any language</option>
          <option value="en">English</option>
          <option value="de">German</option>
        </select>
      </div>
      {text.trim() && (
        <SuggestionList
          title="Results"
          emptyText="Nothing found."
          items={results}
          onOpen={(item) => void open(item)}
          onInsert={(item) => {
            // The side panel has no reply box: copy, so the agent pastes where they are typing.
            void navigator.clipboard.writeText(item.insertText).then(() => setCopied(item.title));
          }}
        />
      )}
      {copied && (
        <p class="tdm-muted" role="status">
          Copied “{copied}”. Paste it into the reply.
        </p>
      )}
      {article && (
        <article class="tdm-article" data-testid="tandem-article" aria-label={article.title}>
          <h3>{article.title}</h3>
          {/* renderMarkdown sanitizes with DOMPurify; article text never reaches the DOM unsanitized. */}
          <div class="tdm-article__body" dangerouslySetInnerHTML={{ __html: renderMarkdown(article.body) }} />
          {article.url && <ExternalLink href={article.url}>Open in the help centre</ExternalLink>}
          <button type="button" onClick={() => setArticle(null)}>
            Close
          </button>
        </article>
      )}
    </section>
  );
}
