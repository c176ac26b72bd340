import { type Browser, browser } from 'wxt/browser';
import type { z } from 'zod';
import { type MessageName, type MessageRequest, type MessageResponse, TAB_MESSAGES, type TabMessageName } from '../schema/messages';
import { dispatch, type Handlers, MessageError, request, type SenderPolicy, senderKind } from './dispatch';

/** Sends a message to the background from any context (content script, side panel, popup, options). */
export function send<N extends MessageName>(name: N, payload: MessageRequest<N>): Promise<MessageResponse<N>> {
  return request((envelope) => browser.runtime.sendMessage(envelope), name, payload);
}

const senderPolicy = (): SenderPolicy => ({ extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') });

/** Registers the background's handlers: one per message name, senders checked, payloads validated. */
export function listen(handlers: Handlers): void {
  const policy = senderPolicy();
  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    void dispatch(raw, sender, handlers, policy).then(sendResponse);
    return true; // keeps the channel open for the async answer
  });
}

type TabRequest<N extends TabMessageName> = z.input<(typeof TAB_MESSAGES)[N]['request']>;
type TabResponse<N extends TabMessageName> = z.output<(typeof TAB_MESSAGES)[N]['response']>;

/** Background → one tab's content script. */
export async function sendToTab<N extends TabMessageName>(tabId: number, name: N, payload: TabRequest<N>): Promise<TabResponse<N>> {
  const reply: unknown = await browser.tabs.sendMessage(tabId, { name, payload: TAB_MESSAGES[name].request.parse(payload) });
  const parsed = TAB_MESSAGES[name].response.safeParse(reply);
  if (!parsed.success) throw new MessageError('no_reply', 'Tandem is not running on this page.');
  return parsed.data as TabResponse<N>;
}

/**
 * Accepts the overlay frames' ports (named `name`): only Tandem's frame page inside a tab, told its tab
 * by the browser (`sender.tab.id`); anything else is disconnected.
 */
export function listenForFrames(name: string, onFrame: (tabId: number, port: Browser.runtime.Port) => void): void {
  const policy = senderPolicy();
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== name) return;
    const sender = port.sender ?? {};
    const tabId = sender.tab?.id;
    if (sender.id !== policy.extensionId || senderKind(sender, policy) !== 'frame' || tabId === undefined) {
      port.disconnect();
      return;
    }
    onFrame(tabId, port);
  });
}
