// The content script's side of the channel. It imports no zod (only types from lib/schema), so the
// script stays small: the background validates every request with the full schemas and checks the
// sender, and validated each answer before sending it, so checking the envelope is enough here.
import { browser } from 'wxt/browser';
import type { z } from 'zod';
import type { ContentMessageName, FrameMessageName, MessageRequest, MessageResponse, Reply } from '../schema/messages';
import { MessageError } from './error';

type ReplyEnvelope = z.infer<typeof Reply>;

/** The reply envelope's shape, checked by hand: `{ ok: true, value }` or `{ ok: false, error: { code, message } }`. */
function isReplyEnvelope(raw: unknown): raw is ReplyEnvelope {
  if (typeof raw !== 'object' || raw === null || !('ok' in raw)) return false;
  if (raw.ok === true) return 'value' in raw;
  if (raw.ok !== false || !('error' in raw) || typeof raw.error !== 'object' || raw.error === null) return false;
  const { code, message } = raw.error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string';
}

/** Sends one of the messages content scripts may send; answers its value or throws a MessageError. */
export function sendFromContent<N extends ContentMessageName>(name: N, payload: MessageRequest<N>): Promise<MessageResponse<N>> {
  return sendChecked(name, payload);
}

/**
 * Sends one of the messages the overlay frame may send. The frame loads with every page view, like
 * the content script, so it uses the same zod-free client: the background validates the request
 * and the sender (the frame is answered for its own tab only) and parsed the answer.
 */
export function sendFromFrame<N extends FrameMessageName>(name: N, payload: MessageRequest<N>): Promise<MessageResponse<N>> {
  return sendChecked(name, payload);
}

async function sendChecked<N extends FrameMessageName>(name: N, payload: MessageRequest<N>): Promise<MessageResponse<N>> {
  const reply: unknown = await browser.runtime.sendMessage({ name, payload });
  if (!isReplyEnvelope(reply)) throw new MessageError('no_reply', 'Tandem did not answer. Reload the page or the extension.');
  if (!reply.ok) throw new MessageError(reply.error.code, reply.error.message);
  // The background parsed this value with MESSAGES[name].response before answering.
  return reply.value as MessageResponse<N>;
}
