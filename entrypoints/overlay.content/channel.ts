// The content script's one message, sent without lib/messaging's zod schemas (they would double the
// script's size). The background still validates the request with the full PageContext schema and
// checks the sender; its answer was validated with the Resolution schema before it was sent, so a
// shape check is enough here.
import { browser } from 'wxt/browser';
import type { CaptureInput, CaptureResult, KnowledgeSuggestion, PageContext, Resolution } from '../../lib/schema';

export class ReportError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends one of the messages content scripts may send and unwraps the reply envelope. */
async function call(name: string, payload: unknown, failure: string): Promise<unknown> {
  const reply: unknown = await browser.runtime.sendMessage({ name, payload });
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) throw new ReportError('no_reply', 'Tandem did not answer. Reload the page or the extension.');
  const r = reply as { ok: boolean; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (!r.ok) throw new ReportError(String(r.error?.code ?? 'internal'), String(r.error?.message ?? failure));
  return r.value;
}

/** capture.create: make (or find) the case for this piece of the page. */
export async function createCapture(capture: CaptureInput): Promise<CaptureResult> {
  const value = (await call('capture.create', { capture }, 'Tandem could not capture this.')) as CaptureResult | null;
  if (!value || typeof value.caseId !== 'string') throw new ReportError('invalid_reply', 'Tandem sent an answer this page cannot show.');
  return value;
}

/** capture.find: was this post captured already? */
export async function findCapture(site: string, externalId: string): Promise<{ caseId: string | null; pending: boolean }> {
  const value = (await call('capture.find', { site, externalId }, 'Tandem could not check this post.')) as { caseId: string | null; pending: boolean } | null;
  return { caseId: typeof value?.caseId === 'string' ? value.caseId : null, pending: value?.pending === true };
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
export async function reportContext(context: PageContext): Promise<Resolution> {
  const value = (await call('context.report', { context }, 'Tandem could not look this person up.')) as Resolution | null;
  if (!value || (value.status !== 'matched' && value.status !== 'unknown' && value.status !== 'none')) {
    throw new ReportError('invalid_reply', 'Tandem sent an answer this page cannot show.');
  }
  return value;
}

/** knowledge.suggest: the articles and snippets that fit this page, ready to insert. */
export async function suggestKnowledge(context: PageContext): Promise<KnowledgeSuggestion[]> {
  const value = (await call('knowledge.suggest', { context }, 'Tandem could not suggest knowledge.')) as { suggestions?: unknown } | null;
  return Array.isArray(value?.suggestions) ? (value.suggestions as KnowledgeSuggestion[]) : [];
}

/** knowledge.expand: the snippet a typed `;shortcut` stands for, filled in for this page. */
export async function expandShortcut(shortcut: string, context: PageContext | null): Promise<{ text: string | null; snippetId: string | null }> {
  const value = (await call('knowledge.expand', { shortcut, context }, 'Tandem could not expand the shortcut.')) as { text?: unknown; snippetId?: unknown } | null;
  return { text: typeof value?.text === 'string' ? value.text : null, snippetId: typeof value?.snippetId === 'string' ? value.snippetId : null };
}

export type UsageType = 'suggested' | 'opened' | 'inserted' | 'helpful' | 'not_helpful';

/** usage.record: what the agent did with a suggestion; fire and forget. */
export function recordUsage(events: { type: UsageType; itemKind: 'article' | 'snippet'; itemId: string; site: string | null }[]): void {
  if (events.length === 0) return;
  void call('usage.record', { events }, '').catch(() => undefined);
}

/** contact.create: the unknown person on the page becomes a contact. */
export async function createContact(name: string | null, identities: PageContext['identities'], country?: string): Promise<void> {
  await call('contact.create', { name, identities, ...(country ? { country } : {}) }, 'Tandem could not create the contact.');
}

/** presence.reply: the agent started (or stopped) replying here; answers who has claimed the case. */
export async function noteReply(context: PageContext, replying: boolean): Promise<string | null> {
  const value = (await call('presence.reply', { context, replying }, '')) as { claimedBy?: unknown } | null;
  return typeof value?.claimedBy === 'string' ? value.claimedBy : null;
}
