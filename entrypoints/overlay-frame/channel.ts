// The frame's line to the background: typed, validated requests (lib/messaging/browser.ts: the
// background answers the frame for its own tab only) and a port on which the background sends the
// tab's state. Nothing arrives through window.postMessage: the page can reach this window.
import { browser } from 'wxt/browser';
import { FRAME_PORT } from '../../lib/context/frames';
import { send } from '../../lib/messaging/browser';
import type { FrameMessageName, MessageRequest, MessageResponse, PageCommand, PageCommandReply } from '../../lib/schema/messages';
import { FrameUpdate } from '../../lib/schema/messages';

/** Sends one of the messages the frame may send. */
export function sendFromFrame<N extends FrameMessageName>(name: N, payload: MessageRequest<N>): Promise<MessageResponse<N>> {
  return send(name, payload);
}

/** Asks the tab's content script to act on the page (the background relays it to this frame's tab only). */
export function toPage(command: PageCommand): Promise<PageCommandReply> {
  return send('overlay.page', command);
}

/**
 * Listens for the background's updates for this tab until the returned function is called. A
 * restarted service worker drops the port: the frame reconnects and asks for the state again.
 */
export function connectToBackground(onUpdate: (update: FrameUpdate) => void, onConnected: () => void): () => void {
  let stopped = false;
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  const connect = () => {
    port = browser.runtime.connect({ name: FRAME_PORT });
    port.onMessage.addListener((raw) => {
      const update = FrameUpdate.safeParse(raw);
      if (update.success) onUpdate(update.data);
    });
    port.onDisconnect.addListener(() => {
      if (!stopped) setTimeout(connect, 200);
    });
    onConnected();
  };
  connect();
  return () => {
    stopped = true;
    port?.disconnect();
  };
}
