import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { ENCODER_ASSETS, type WorkerReply, WorkerRequest } from '../lib/knowledge/semantic/protocol';
import { encodeVector } from '../lib/knowledge/semantic/vector';
import { loadWebEncoder } from '../lib/knowledge/semantic/web-encoder';

// The sentence encoder's own thread (lib/knowledge/semantic/host.ts starts it: from the offscreen document in Chrome, the
// background page in Firefox). TF.js and the model live only in this file's bundle. A dedicated worker hears only the
// page that started it, so every message here is the extension's own; each is still parsed.
export default defineUnlistedScript(() => {
  const scope = self as unknown as {
    location: Location;
    addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
    postMessage(message: WorkerReply): void;
  };
  // Loaded once, on the first request; a failed load is reported to each request rather than retried in a loop.
  let encoder: ReturnType<typeof loadWebEncoder> | null = null;
  scope.addEventListener('message', (event) => {
    const request = WorkerRequest.safeParse(event.data);
    if (!request.success) return;
    const { id, text } = request.data;
    encoder ??= loadWebEncoder(new URL(`/${ENCODER_ASSETS}`, scope.location.href).href);
    encoder
      .then((e) => e.embed(text))
      .then(
        (vector) => scope.postMessage({ id, reply: { ok: true, vector: encodeVector(vector) } }),
        (error: unknown) => scope.postMessage({ id, reply: { ok: false, message: String(error instanceof Error ? error.message : error).slice(0, 1000) } }),
      );
  });
});
