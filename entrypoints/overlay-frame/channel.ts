// The frame's line to the background: typed requests through the zod-free client (the background
// validates them and answers the frame for its own tab only) and a port on which the background
// sends the tab's state, parsed there before sending. Zod stays out of the frame: it loads with
// every page view (bench/overlay). Nothing arrives through window.postMessage: the page can reach
// this window.
import { browser } from 'wxt/browser';
import { FRAME_PORT } from '../../lib/context/frames';
import { sendFromFrame } from '../../lib/messaging/content';
import type { FrameUpdate, PageCommand, PageCommandReply } from '../../lib/schema/messages';

export { sendFromFrame };

/** Asks the tab's content script to act on the page (the background relays it to this frame's tab only). */
export function toPage(command: PageCommand): Promise<PageCommandReply> {
  return sendFromFrame('overlay.page', command);
}

/** The background's updates: only the background can post on this port; the kind is checked before use. */
function isFrameUpdate(raw: unknown): raw is FrameUpdate {
  const kind = (raw as { kind?: unknown } | null)?.kind;
  return (
    (kind === 'state' && typeof (raw as { state?: unknown }).state === 'object') ||
    (kind === 'capture' && typeof (raw as { draft?: unknown }).draft === 'object') ||
    (kind === 'staleSend' && typeof (raw as { warning?: unknown }).warning === 'object') ||
    (kind === 'suggestions' &&
      typeof (raw as { page?: unknown }).page === 'string' &&
      Array.isArray((raw as { replaces?: unknown }).replaces) &&
      Array.isArray((raw as { suggestions?: unknown }).suggestions))
  );
}

/**
 * Listens for the background's updates for this tab until the returned function is called. A
 * restarted service worker drops the port: the frame reconnects and is sent the state again.
 */
export function connectToBackground(onUpdate: (update: FrameUpdate) => void): () => void {
  let stopped = false;
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  const connect = () => {
    port = browser.runtime.connect({ name: FRAME_PORT });
    port.onMessage.addListener((raw: unknown) => {
      if (isFrameUpdate(raw)) onUpdate(raw);
    });
    port.onDisconnect.addListener(() => {
      if (!stopped) setTimeout(connect, 200);
    });
  };
  connect();
  return () => {
    stopped = true;
    port?.disconnect();
  };
}
