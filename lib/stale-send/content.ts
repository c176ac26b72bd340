// The content script's end of the stale-send guard: the background's "stale: yes/no" for this tab, and the
// guard on the adapter's send button. Zod-free (the content script's bundle stays small).
import { browser } from 'wxt/browser';
import { sendFromContent } from '../messaging/content';
import type { SiteAdapter } from '../sites/types';
import { guardSendButton } from './guard';

/**
 * Guards the site's send button where the adapter can see one; null elsewhere (docs/sites.md "Send buttons").
 * Returns what "Send anyway" calls and what undoes the guard.
 */
export function startStaleSendGuard(adapter: SiteAdapter, doc: Document, inReplyBox: (target: EventTarget | null) => boolean) {
  const { sendButton } = adapter;
  if (!sendButton) return null;
  let stale = false;
  const listener = (raw: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (value: unknown) => void) => {
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return false;
    const message = raw as { name?: unknown; payload?: { stale?: unknown } } | null;
    if (message?.name !== 'staleSend.changed') return false;
    stale = message.payload?.stale === true;
    sendResponse({ ok: true });
    return false;
  };
  browser.runtime.onMessage.addListener(listener);
  const guard = guardSendButton(window, {
    sendButton: () => sendButton(doc),
    inReplyBox,
    isStale: () => stale,
    onHeld: () => void sendFromContent('staleSend.held', {}).catch(() => undefined),
    onSent: () => {
      stale = false;
      void sendFromContent('staleSend.sent', {}).catch(() => undefined);
    },
  });
  return {
    sendAnyway: guard.sendAnyway,
    stop(): void {
      guard.stop();
      browser.runtime.onMessage.removeListener(listener);
    },
  };
}
