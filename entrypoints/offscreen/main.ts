// Chrome's offscreen document for the sentence encoder (lib/knowledge/semantic/host.ts creates it with reason WORKERS):
// a service worker cannot start a dedicated worker, so this page starts the encoder's worker and relays the
// background's requests to it. It answers the background only, and parses both ways.
import { browser } from 'wxt/browser';
import { fromBackground } from '../../lib/knowledge/semantic/host';
import { ENCODER_WORKER, EncodeReply, EncodeRequest } from '../../lib/knowledge/semantic/protocol';
import { encodeVector } from '../../lib/knowledge/semantic/vector';
import { createWorkerEncoder } from '../../lib/knowledge/semantic/worker-client';

const encoder = createWorkerEncoder(() => new Worker(browser.runtime.getURL(ENCODER_WORKER)));

browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
  const request = EncodeRequest.safeParse(raw);
  // Not ours to answer (the background's own channel to other pages); stay silent so another listener may.
  if (!request.success) return false;
  if (!fromBackground(sender, browser.runtime.id, browser.runtime.getURL('/'))) {
    sendResponse(EncodeReply.parse({ ok: false, message: 'Only the background may use the encoder.' }));
    return false;
  }
  encoder.embed(request.data.text).then(
    (vector) => sendResponse(EncodeReply.parse({ ok: true, vector: encodeVector(vector) })),
    (error: unknown) => sendResponse(EncodeReply.parse({ ok: false, message: String(error instanceof Error ? error.message : error).slice(0, 1000) })),
  );
  return true; // the answer comes later
});
