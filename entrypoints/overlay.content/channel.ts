// The overlay's messages to the background, through the zod-free content-side client
// (lib/messaging/content.ts): typed by name, replies checked there.
import { browser } from 'wxt/browser';
import { sendFromContent } from '../../lib/messaging/content';
import type { CaptureInput, CaptureResult, KnowledgeSuggestion, PageContext, Resolution } from '../../lib/schema';
import type { MessageRequest } from '../../lib/schema/messages';

/** capture.create: make (or find) the case for this piece of the page. */
export function createCapture(capture: CaptureInput): Promise<CaptureResult> {
  return sendFromContent('capture.create', { capture });
}

/** capture.find: was this post captured already? */
export function findCapture(site: string, externalId: string): Promise<{ caseId: string | null; pending: boolean }> {
  return sendFromContent('capture.find', { site, externalId });
}

/** The background's "open the capture form" (context menu, keyboard command); refuses anyone else. */
export function onOpenCapture(handler: (selection: string | null) => boolean): () => void {
  const listener = (raw: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (value: unknown) => void) => {
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return false;
    const message = raw as { name?: unknown; payload?: { selection?: unknown } } | null;
    if (message?.name !== 'overlay.openCapture') return false;
    const selection = typeof message.payload?.selection === 'string' ? message.payload.selection.slice(0, 20_000) : null;
    sendResponse({ opened: handler(selection) });
    return false;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** context.report: here is what this tab shows; who is it? */
export function reportContext(context: PageContext): Promise<Resolution> {
  return sendFromContent('context.report', { context });
}

/** knowledge.suggest: the articles and snippets that fit this page, ready to insert. */
export async function suggestKnowledge(context: PageContext): Promise<KnowledgeSuggestion[]> {
  return (await sendFromContent('knowledge.suggest', { context })).suggestions;
}

/** knowledge.expand: the snippet a typed `;shortcut` stands for, filled in for this page. */
export function expandShortcut(shortcut: string, context: PageContext | null): Promise<{ text: string | null; snippetId: string | null }> {
  return sendFromContent('knowledge.expand', { shortcut, context });
}

/** usage.record: what the agent did with a suggestion; fire and forget. */
export function recordUsage(events: MessageRequest<'usage.record'>['events']): void {
  if (events.length === 0) return;
  void sendFromContent('usage.record', { events }).catch(() => undefined);
}

/** contact.create: the unknown person on the page becomes a contact. */
export async function createContact(name: string | null, identities: PageContext['identities'], country?: string): Promise<void> {
  await sendFromContent('contact.create', { name, identities, ...(country ? { country } : {}) });
}

/** presence.reply: the agent started (or stopped) replying here; answers who has claimed the case. */
export async function noteReply(context: PageContext, replying: boolean): Promise<string | null> {
  return (await sendFromContent('presence.reply', { context, replying })).claimedBy;
}
