import { signal } from '@preact/signals';
import { onTrusted } from '../../components/trusted';
import type { KnowledgeSuggestion, PageContext } from '../../lib/schema';
import { insertIntoReplyBox, textBeforeCaret } from '../../lib/sites/insert';
import type { SiteAdapter } from '../../lib/sites/types';
import { expandShortcut, recordUsage, suggestKnowledge } from './channel';
import { pageContext } from './state';

/** Suggestions for the context on screen, newest request wins. */
export const suggestions = signal<KnowledgeSuggestion[]>([]);
export const insertNotice = signal<string | null>(null);
export const votes = signal<Record<string, 'helpful' | 'not_helpful'>>({});

let ticket = 0;
export async function refreshSuggestions(context: PageContext | null): Promise<void> {
  const mine = ++ticket;
  if (!context || (!context.conversation && !context.subject)) {
    suggestions.value = [];
    return;
  }
  try {
    const found = await suggestKnowledge(context);
    if (mine !== ticket) return;
    suggestions.value = found;
    recordUsage(found.map((s) => ({ type: 'suggested', itemKind: s.kind, itemId: s.id, site: context.site })));
  } catch {
    if (mine === ticket) suggestions.value = [];
  }
}

/** One click: the suggestion's text goes into the site's reply box, as if typed. */
export function insertSuggestion(adapter: SiteAdapter, suggestion: KnowledgeSuggestion): void {
  const box = adapter.replyBox(document);
  if (!box) {
    insertNotice.value = 'There is no reply box on this page to insert into.';
    return;
  }
  const ok = insertIntoReplyBox(box, suggestion.insertText);
  insertNotice.value = ok ? `Inserted “${suggestion.title}”.` : 'The reply box did not accept the text; copy it from the side panel instead.';
  if (ok) recordUsage([{ type: 'inserted', itemKind: suggestion.kind, itemId: suggestion.id, site: pageContext.value?.site ?? null }]);
}

export function vote(suggestion: KnowledgeSuggestion, type: 'helpful' | 'not_helpful'): void {
  votes.value = { ...votes.value, [suggestion.id]: type };
  recordUsage([{ type, itemKind: suggestion.kind, itemId: suggestion.id, site: pageContext.value?.site ?? null }]);
}

const SHORTCUT = /(?:^|\s);([a-z0-9-]{2,30})$/i;

/**
 * Expands a snippet shortcut typed in the reply box (";refund" then a space or Tab). The check is
 * local and cheap; only a complete-looking shortcut asks the background.
 */
export function watchShortcuts(adapter: SiteAdapter, doc: Document): () => void {
  // Only the agent's own keys: a page dispatching ";refund" + space must not get the customer's name in its reply box.
  const onKey = onTrusted((e: KeyboardEvent) => {
    if (e.key !== ' ' && e.key !== 'Tab') return;
    const box = adapter.replyBox(doc);
    if (!box || !(e.target instanceof Node) || !box.contains(e.target)) return;
    const match = SHORTCUT.exec(textBeforeCaret(box));
    if (!match) return;
    const shortcut = `;${match[1]!.toLowerCase()}`;
    // Hold the key until we know: a snippet replaces the shortcut, anything else types the key after all.
    e.preventDefault();
    const typed = e.key === ' ' ? ' ' : '';
    void expandShortcut(shortcut, pageContext.value)
      .then(({ text, snippetId }) => {
        if (!text || !snippetId) {
          if (typed) insertIntoReplyBox(box, typed);
          return;
        }
        if (!insertIntoReplyBox(box, text, { before: shortcut.length })) return;
        recordUsage([{ type: 'inserted', itemKind: 'snippet', itemId: snippetId, site: pageContext.value?.site ?? null }]);
      })
      .catch(() => {
        if (typed) insertIntoReplyBox(box, typed);
      });
  });
  doc.addEventListener('keydown', onKey, true);
  return () => doc.removeEventListener('keydown', onKey, true);
}
