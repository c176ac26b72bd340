import * as core from '@energetic-ai/core';
import { type EmbeddingsModelSource, initModel } from '@energetic-ai/embeddings';
import { quantizeVector } from './vector';

// USE lite (uint8 weights, quantize.ts) on TF.js's WebAssembly backend, in the browser: the encoder worker runs this
// (entrypoints/encoder-worker.ts). bench/knowledge/semantic-browser.ts measured this stack in Chromium.

// @energetic-ai/core is TF.js with the WebAssembly backend only; its type declarations omit these run-time exports.
type ModelData = Awaited<ReturnType<EmbeddingsModelSource>>;
const tf = core as unknown as {
  env(): { set(flag: string, value: boolean): void };
  setWasmPaths(prefix: string): void;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  loadGraphModel(url: string): Promise<ModelData['model']>;
};

/** Loads the model from `assets` (a URL ending in "/": model.json, weights, vocab.json and the .wasm files). */
export async function loadWebEncoder(assets: string): Promise<{ embed(text: string): Promise<Int8Array> }> {
  // Emscripten's thread pool would start workers from blob: URLs, which the extension's CSP refuses: one thread.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  tf.setWasmPaths(assets);
  await tf.setBackend('wasm');
  await tf.ready();
  const model = await initModel(async () => ({
    model: await tf.loadGraphModel(new URL('model.json', assets).href),
    vocabulary: (await (await fetch(new URL('vocab.json', assets))).json()) as ModelData['vocabulary'],
  }));
  return {
    async embed(text) {
      const [vector] = await model.embed([text]);
      if (!vector) throw new Error('the encoder returned no vector');
      return quantizeVector(vector);
    },
  };
}
