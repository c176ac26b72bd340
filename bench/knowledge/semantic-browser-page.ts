// The page bench/knowledge/semantic-browser.ts builds into a throwaway MV3 extension: USE lite (uint8 weights) on
// TF.js's WebAssembly backend, as an offscreen document would run it. It leaves its figures in `window.__semantic`.

import { rerankBySyncedVectors } from '../../lib/knowledge/semantic/synced';
import { EMBEDDING_MODEL, encodeVector } from '../../lib/knowledge/semantic/vector';
import { loadWebEncoder } from '../../lib/knowledge/semantic/web-encoder';

const RUNS = 40;
const POOL = 20;
const figures: Record<string, unknown> = {};
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

async function run(): Promise<void> {
  const start = performance.now();
  // The extension's own loader (the encoder worker runs it): the model and the .wasm files sit together in model/.
  const encoder = await loadWebEncoder(new URL('model/', location.href).href);
  await encoder.embed('warm up the kernels');
  figures.loadMs = performance.now() - start;

  // 20 candidates with synced vectors, as the cached articles hold them.
  const articleTexts = Array.from({ length: POOL }, (_, i) => `Article ${i}: how to change the formatting of text, part ${i}`);
  const records = new Map<string, { embedding: { model: typeof EMBEDDING_MODEL; vector: string } }>();
  for (const [i, text] of articleTexts.entries())
    records.set(`a-${i}`, { embedding: { model: EMBEDDING_MODEL, vector: encodeVector(await encoder.embed(text)) } });
  const candidates = Array.from({ length: POOL }, (_, i) => ({ id: `a-${i}`, score: POOL - i }));
  const stage: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const page = await encoder.embed(`Customer ${i} asks how to cross out words in a message`);
    rerankBySyncedVectors(candidates, page, records, 8);
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
