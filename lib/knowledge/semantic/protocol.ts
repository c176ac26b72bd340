import { z } from 'zod';
import { EMBEDDING_DIMENSIONS } from './vector';

/**
 * The encoder's messages, parsed on both sides: the background asks the offscreen document (Chrome) to embed a page's
 * text, and whoever hosts the encoder's worker asks it the same. A vector travels as base64 of 512 int8 components
 * (vector.ts), the form the server syncs article vectors in.
 */

/** The page text the encoder reads: a subject and a conversation, cut where USE lite stops reading well anyway. */
export const MAX_ENCODED_CHARS = 4000;

/** Background → offscreen document (runtime message); `to` keeps it apart from anything else on the channel. */
export const EncodeRequest = z.strictObject({ to: z.literal('tandem-encoder'), text: z.string().max(MAX_ENCODED_CHARS) });
export type EncodeRequest = z.infer<typeof EncodeRequest>;

const Base64Vector = z
  .string()
  .length(Math.ceil(EMBEDDING_DIMENSIONS / 3) * 4)
  .regex(/^[A-Za-z0-9+/]+=*$/);

/** The encoder's answer: the vector, or why there is none (the model failed to load, say). */
export const EncodeReply = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), vector: Base64Vector }),
  z.strictObject({ ok: z.literal(false), message: z.string().max(1000) }),
]);
export type EncodeReply = z.infer<typeof EncodeReply>;

/** Host → encoder worker, and back, with the id the host matches answers by. */
export const WorkerRequest = z.strictObject({ id: z.number().int().nonnegative(), text: z.string().max(MAX_ENCODED_CHARS) });
export type WorkerRequest = z.infer<typeof WorkerRequest>;
export const WorkerReply = z.strictObject({ id: z.number().int().nonnegative(), reply: EncodeReply });
export type WorkerReply = z.infer<typeof WorkerReply>;

/** Where the build puts the model, the WebAssembly backends and the worker (wxt.config.ts), relative to the extension's root. */
export const ENCODER_ASSETS = 'semantic/';
export const ENCODER_WORKER = '/encoder-worker.js';
