import { onTrusted } from '../../components/trusted';
import type { PageContext } from '../../lib/schema';
import type { PageCommandReply } from '../../lib/schema/messages';
import { insertIntoReplyBox, textBeforeCaret } from '../../lib/sites/insert';
import type { SiteAdapter } from '../../lib/sites/types';
import { expandShortcut, recordUsage } from './channel';

/** The frame's "Insert" (the agent's click there, relayed by the background): the text goes into the site's reply box, as if typed. */
export function insertIntoPage(adapter: SiteAdapter, text: string): PageCommandReply {
  const box = adapter.replyBox(document);
  if (!box) return { ok: false, message: 'There is no reply box on this page to insert into.' };
  return insertIntoReplyBox(box, text) ? { ok: true } : { ok: false, message: 'The reply box did not accept the text; copy it from the side panel instead.' };
}

const SHORTCUT = /(?:^|\s);([a-z0-9-]{2,30})$/i;

/**
 * Expands a snippet shortcut typed in the reply box (";refund" then a space or Tab). The check is
 * local and cheap; only a complete-looking shortcut asks the background.
 */
export function watchShortcuts(adapter: SiteAdapter, doc: Document, pageContext: () => PageContext | null): () => void {
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
    const context = pageContext();
    void expandShortcut(shortcut, context)
      .then(({ text, snippetId }) => {
        if (!text || !snippetId) {
          if (typed) insertIntoReplyBox(box, typed);
          return;
        }
        if (!insertIntoReplyBox(box, text, { before: shortcut.length })) return;
        recordUsage([{ type: 'inserted', itemKind: 'snippet', itemId: snippetId, site: context?.site ?? null }]);
      })
      .catch(() => {
        if (typed) insertIntoReplyBox(box, typed);
      });
  });
  doc.addEventListener('keydown', onKey, true);
  return () => doc.removeEventListener('keydown', onKey, true);
}
