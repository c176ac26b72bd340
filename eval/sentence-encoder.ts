import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SentenceEncoder } from '../lib/knowledge/semantic/rerank';

export { loadUseLite, writeQuantisedUseLite } from '../server/knowledge/embed-model';

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
