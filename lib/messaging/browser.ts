import { browser } from 'wxt/browser';
import type { MessageName, MessageRequest, MessageResponse } from '../schema/messages';
import { dispatch, request, type Handlers } from './index';

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
