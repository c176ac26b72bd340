// The page bench/knowledge/semantic-browser.ts builds into a throwaway MV3 extension: USE lite (uint8 weights) on
// TF.js's WebAssembly backend, as an offscreen document would run it. It leaves its figures in `window.__semantic`.

import * as core from '@energetic-ai/core';
import { type EmbeddingsModelSource, initModel } from '@energetic-ai/embeddings';
import { rerankBySyncedVectors } from '../../lib/knowledge/semantic/synced';
import { EMBEDDING_MODEL, encodeVector, quantizeVector } from '../../lib/knowledge/semantic/vector';

// @energetic-ai/core is TF.js with the WebAssembly backend only; its type declarations omit these run-time exports.
type ModelData = Awaited<ReturnType<EmbeddingsModelSource>>;
const tf = core as unknown as {
  env(): { set(flag: string, value: boolean): void };
  setWasmPaths(prefix: string): void;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  loadGraphModel(url: string): Promise<ModelData['model']>;
};

const RUNS = 40;
const POOL = 20;
const figures: Record<string, unknown> = {};
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

async function run(): Promise<void> {
  const start = performance.now();
  // Emscripten's thread pool would start workers from blob: URLs, which the extension's CSP refuses: one thread.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  tf.setWasmPaths(new URL('./', location.href).href);
  await tf.setBackend('wasm');
  await tf.ready();
  const model = await initModel(async () => ({
    model: await tf.loadGraphModel(new URL('model/model.json', location.href).href),
    vocabulary: (await (await fetch(new URL('model/vocab.json', location.href))).json()) as ModelData['vocabulary'],
  }));
  await model.embed(['warm up the kernels']);
  figures.loadMs = performance.now() - start;

  // 20 candidates with synced vectors, as the cached articles hold them.
  const articleTexts = Array.from({ length: POOL }, (_, i) => `Article ${i}: how to change the formatting of text, part ${i}`);
  const articleVectors = await model.embed(articleTexts);
  const records = new Map(articleVectors.map((v, i) => [`a-${i}`, { embedding: { model: EMBEDDING_MODEL, vector: encodeVector(quantizeVector(v)) } }]));
  const candidates = Array.from({ length: POOL }, (_, i) => ({ id: `a-${i}`, score: POOL - i }));
  const stage: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const [page] = await model.embed([`Customer ${i} asks how to cross out words in a message`]);
    rerankBySyncedVectors(candidates, page ?? [], records, 8);
    stage.push(performance.now() - t);
  }
  figures.stageP50 = percentile(stage, 50);
  figures.stageP95 = percentile(stage, 95);
  figures.runs = RUNS;
}

run()
  .catch((err: unknown) => {
    figures.error = err instanceof Error ? (err.stack ?? err.message) : String(err);
  })
  .finally(() => {
    figures.cspViolations = violations;
    Object.assign(window, { __semantic: figures });
    document.title = 'done';
  });
