// The content script's messages to the background, through the zod-free content-side client
// (lib/messaging/content.ts): typed by name, replies checked there. None of them answers customer
// data: that goes to the tab's overlay frame, an extension page the page cannot read.
import { browser } from 'wxt/browser';
import { sendFromContent } from '../../lib/messaging/content';
import type { PageContext } from '../../lib/schema';
import type { MessageRequest, OverlayStatus, PageCommand, PageCommandReply, PageScheme } from '../../lib/schema/messages';
import type { CaptureDraft } from '../../lib/sites/types';

/** capture.find: was this post captured already? */
export function findCapture(site: string, externalId: string): Promise<{ caseId: string | null; pending: boolean }> {
  return sendFromContent('capture.find', { site, externalId });
}

/** context.report: here is what this tab shows (null: nobody); answered only with a status. */
export function reportContext(context: PageContext | null, readAt: number, scheme?: PageScheme): Promise<OverlayStatus> {
  return sendFromContent('context.report', { context, readAt, ...(scheme ? { scheme } : {}) });
}

/** overlay.capture: the agent pressed a capture button; the background opens the form in the frame. */
export function requestCapture(draft: CaptureDraft): Promise<{ opened: boolean }> {
  return sendFromContent('overlay.capture', { draft });
}

/** overlay.replyFocus: the agent's focus entered or left the reply box. */
export function noteReplyFocus(replying: boolean): void {
  void sendFromContent('overlay.replyFocus', { replying }).catch(() => undefined);
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

type TabMessage = { name: 'overlay.openCapture'; payload: { selection: string | null } } | { name: 'overlay.page'; payload: PageCommand };

/**
 * The background's messages to this tab: "open the capture form" (context menu, keyboard command) and
 * the overlay frame's commands for the page. The background parsed them; anyone else is refused.
 */
export function onBackgroundMessage(handlers: {
  openCapture(selection: string | null): Promise<boolean>;
  page(command: PageCommand): Promise<PageCommandReply>;
}): () => void {
  const listener = (raw: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (value: unknown) => void) => {
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return false;
    const message = raw as TabMessage | null;
    if (message?.name === 'overlay.openCapture') {
      const selection = typeof message.payload?.selection === 'string' ? message.payload.selection.slice(0, 20_000) : null;
      void handlers.openCapture(selection).then((opened) => sendResponse({ opened }));
      return true;
    }
    if (message?.name === 'overlay.page' && typeof message.payload?.do === 'string') {
      void handlers
        .page(message.payload)
        .catch((error: unknown): PageCommandReply => ({ ok: false, message: error instanceof Error ? error.message : String(error) }))
        .then(sendResponse);
      return true;
    }
    return false;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
