import { ENCODER_WORKER, EncodeReply, EncodeRequest, MAX_ENCODED_CHARS } from './protocol';
import { decodeVector } from './vector';
import { createWorkerEncoder, type WorkerLike } from './worker-client';

/**
 * Where the sentence encoder runs, decided in one place so the background stays wiring: Chrome's service worker
 * cannot start a worker, so an offscreen document (reason WORKERS) starts the encoder's worker and relays; Firefox's
 * MV2 background is a page and starts the worker itself. Either way TF.js and the model load in the worker only,
 * lazily on the first page to embed, and `close()` ends them (the setting turned off).
 */
export interface PageEncoder {
  /** The page text's vector (512 int8, as the server's article vectors). */
  embed(text: string): Promise<Int8Array>;
  close(): Promise<void>;
}

/** The part of chrome.offscreen used here. */
export interface OffscreenApi {
  createDocument(parameters: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}

export interface EncoderHostEnv {
  /** chrome.offscreen where the browser has it (Chrome MV3), else undefined. */
  offscreen?: OffscreenApi;
  sendMessage(message: EncodeRequest): Promise<unknown>;
  /** Starts the encoder's worker (a dedicated Worker on the extension's own script). */
  startWorker?: () => WorkerLike;
}

export const OFFSCREEN_PAGE = 'offscreen.html';

/** Which host this browser gets: the offscreen document, the background's own worker, or none (no encoder). */
export function createEncoderHost(env: EncoderHostEnv): PageEncoder | null {
  if (env.offscreen) return offscreenEncoder(env.offscreen, env.sendMessage);
  if (env.startWorker) {
    const worker = createWorkerEncoder(env.startWorker);
    return { embed: (text) => worker.embed(text.slice(0, MAX_ENCODED_CHARS)), close: async () => worker.close() };
  }
  return null;
}

function offscreenEncoder(offscreen: OffscreenApi, sendMessage: EncoderHostEnv['sendMessage']): PageEncoder {
  let opened: Promise<void> | null = null;
  const open = () =>
    (opened ??= offscreen
      .createDocument({
        url: OFFSCREEN_PAGE,
        reasons: ['WORKERS'],
        justification: 'Runs the sentence encoder that re-orders suggested articles by meaning, in a worker.',
      })
      .catch((error: unknown) => {
        // A restarted service worker finds the document it opened before still there: use it.
        if (/single offscreen|already/i.test(String(error))) return;
        opened = null;
        throw error;
      }));
  return {
    async embed(text) {
      await open();
      const reply = EncodeReply.parse(await sendMessage(EncodeRequest.parse({ to: 'tandem-encoder', text: text.slice(0, MAX_ENCODED_CHARS) })));
      if (!reply.ok) throw new Error(reply.message);
      return decodeVector(reply.vector);
    },
    async close() {
      const was = opened;
      opened = null;
      await was?.catch(() => undefined);
      // Closing when none is open rejects; either way none is open after.
      await offscreen.closeDocument().catch(() => undefined);
    },
  };
}

/** The encoder's requests are the background's alone: the service worker's own script, in no tab. */
export function fromBackground(sender: { id?: string; url?: string; tab?: unknown }, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && sender.tab === undefined && sender.url === `${extensionOrigin}background.js`;
}

export { ENCODER_WORKER };
