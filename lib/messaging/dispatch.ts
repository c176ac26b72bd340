import type { z } from 'zod';
import {
  Envelope,
  MESSAGES,
  type MessageName,
  type MessageRequest,
  type MessageRequestParsed,
  type MessageResponse,
  type MessageSender,
  Reply,
} from '../schema/messages';
import { MessageError } from './error';

// Re-exported: extension pages and the background know MessageError as part of the channel.
export { MessageError };

/** Where a message came from, reduced to what the policy needs (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  /** The tab the sender is in; `url` is its top-level page's, as the browser knows it (the `tabs` permission). */
  tab?: { id?: number; windowId?: number; url?: string };
}

export type Handlers = {
  [N in MessageName]: (payload: MessageRequestParsed<N>, sender: SenderInfo) => Promise<MessageResponse<N>>;
};

/** Messages a content script may send (declared `from: 'content'` in MESSAGES); everything else is for extension pages only. */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageName> = new Set(
  (Object.keys(MESSAGES) as MessageName[]).filter((name) => MESSAGES[name].from === 'content'),
);

export interface SenderPolicy {
  extensionId: string;
  /** The extension's own origin, e.g. chrome-extension://<id>/ */
  extensionOrigin: string;
}

/** The overlay frame's page (entrypoints/overlay-frame/): an extension page the content script shows inside a site's tab. */
export const OVERLAY_FRAME_PAGE = '/overlay-frame.html';

/** Which messages each kind of sender may send: a sender of one kind may send what is declared for it and for less trusted kinds. */
const MAY_SEND: Record<MessageSender, ReadonlySet<MessageSender>> = {
  content: new Set(['content']),
  frame: new Set(['content', 'frame']),
  extension: new Set(['content', 'frame', 'extension']),
};

/**
 * What kind of sender this is. Content scripts carry the page's URL. Tandem's pages carry an extension URL: the
 * overlay frame's page with a tab is the frame, any other is one of Tandem's own pages. The frame is matched by
 * scheme and path, not origin: Chrome may serve it from a per-session origin (`use_dynamic_url`), and sender.id
 * (set by the browser) has already said it is ours.
 */
export function senderKind(sender: SenderInfo, policy: SenderPolicy): MessageSender {
  const url = URL.parse(sender.url ?? '');
  const extensionScheme = URL.parse(policy.extensionOrigin)?.protocol;
  if (!url || url.protocol !== extensionScheme) return 'content';
  if (url.pathname === OVERLAY_FRAME_PAGE) return sender.tab?.id === undefined ? 'content' : 'frame';
  return sender.url?.startsWith(policy.extensionOrigin) ? 'extension' : 'content';
}

type ReplyValue = z.infer<typeof Reply>;

function isMessageName(name: string): name is MessageName {
  return Object.hasOwn(MESSAGES, name);
}

/**
 * Validates and dispatches one incoming message. Pure apart from the handlers, so the policy is
 * unit-tested without a browser: foreign senders, unknown names and bad payloads are refused.
 */
export async function dispatch(raw: unknown, sender: SenderInfo, handlers: Handlers, policy: SenderPolicy): Promise<ReplyValue> {
  const refuse = (code: string, message: string): ReplyValue => ({ ok: false, error: { code, message } });
  if (sender.id !== policy.extensionId) return refuse('forbidden_sender', 'Messages from other extensions or pages are refused.');
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) return refuse('invalid_message', 'The message is not a Tandem message.');
  const { name, payload } = envelope.data;
  if (!isMessageName(name)) return refuse('unknown_message', `No handler for "${name}".`);
  const kind = senderKind(sender, policy);
  if (!MAY_SEND[kind].has(MESSAGES[name].from)) {
    const who = MESSAGES[name].from === 'frame' ? "Tandem's overlay or its own pages" : "Tandem's own pages";
    return refuse('forbidden_sender', `"${name}" may only be sent from ${who}.`);
  }
  const request = MESSAGES[name].request.safeParse(payload);
  if (!request.success) return refuse('invalid_request', `Invalid "${name}" request: ${request.error.issues[0]?.message ?? 'bad payload'}`);
  try {
    const handler = handlers[name] as (p: unknown, s: SenderInfo) => Promise<unknown>;
    const value = MESSAGES[name].response.parse(await handler(request.data, sender));
    return { ok: true, value };
  } catch (error) {
    if (error instanceof MessageError) return refuse(error.code, error.message);
    return refuse('internal', error instanceof Error ? error.message : String(error));
  }
}

/** The transport: runtime.sendMessage in the extension, replaceable in tests. */
export type Transport = (envelope: { name: string; payload: unknown }) => Promise<unknown>;

/** Sends a typed request and returns the parsed response, or throws a MessageError. */
export async function request<N extends MessageName>(transport: Transport, name: N, payload: MessageRequest<N>): Promise<MessageResponse<N>> {
  const checked = MESSAGES[name].request.parse(payload);
  const raw = await transport({ name, payload: checked });
  const reply = Reply.safeParse(raw);
  if (!reply.success) throw new MessageError('no_reply', 'Tandem did not answer. Reload the page or the extension.');
  if (!reply.data.ok) throw new MessageError(reply.data.error.code, reply.data.error.message);
  return MESSAGES[name].response.parse(reply.data.value) as MessageResponse<N>;
}
