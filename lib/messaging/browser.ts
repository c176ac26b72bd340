import { browser } from 'wxt/browser';
import type { z } from 'zod';
import { type MessageName, type MessageRequest, type MessageResponse, TAB_MESSAGES, type TabMessageName } from '../schema/messages';
import { dispatch, type Handlers, MessageError, request } from './dispatch';

/** Sends a message to the background from any context (content script, side panel, popup, options). */
export function send<N extends MessageName>(name: N, payload: MessageRequest<N>): Promise<MessageResponse<N>> {
  return request((envelope) => browser.runtime.sendMessage(envelope), name, payload);
}

/** Registers the background's handlers: one per message name, senders checked, payloads validated. */
export function listen(handlers: Handlers): void {
  const policy = { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') };
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
