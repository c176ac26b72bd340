/**
 * The knowledge index as the product uses it (KnowledgeIndex + suggest), at 1,000, 10,000 and 100,000 articles.
 * Run: npm run bench:knowledge   (node --expose-gc --import tsx bench/knowledge/run.ts; ~1–2 min)
 *
 * Corpus: real TechQA + StackFAQ articles topped up by deterministic recombination of their text
 * (bench/knowledge/corpus.ts). Queries: 300 real TechQA questions / StackFAQ paraphrases as page
 * contexts, through the full suggest() pipeline (query building, BM25, boosts, confidence).
 * Reload: toJSON → JSON string → KnowledgeIndex.fromJSON (what loadIndex does after reading the
 * meta row). Cold first suggestion: reload + the first suggest() call, in this process (a fresh
 * service worker also pays module start-up and the IndexedDB read, not measured here).
 */
import { KnowledgeIndex } from '../../lib/knowledge/index';
import { suggest } from '../../lib/knowledge/rank';
import { hasGc, heapUsed, latencies, mb, ms, table, time } from '../stats';
import { corpus, queries } from './corpus';

const TARGETS: Record<number, { p95: number; cold?: number }> = {
  10_000: { p95: 5, cold: 250 },
  100_000: { p95: 25 },
};

const started = performance.now();
if (!hasGc) console.log('(run with node --expose-gc for stable heap figures)\n');
const sample = queries(300);
const rows: string[][] = [['articles', 'build', 'heap', 'p50', 'p95 (target)', 'JSON', 'stringify', 'reload', 'cold first (target)']];
for (const size of [1_000, 10_000, 100_000]) {
  const articles = corpus(size);
  const before = heapUsed();
  const built = time(() => KnowledgeIndex.build({ articles }));
  const index = built.value;
  const heap = heapUsed() - before;
  const opts = { site: 'zendesk', customerLanguage: 'en', limit: 5 };
  for (const q of sample.slice(0, 20)) suggest(index, q, opts);
  const samples = sample.map((q) => time(() => suggest(index, q, opts)).ms);
  const lat = latencies(samples);
  const json = time(() => JSON.stringify(index));
  const reload = time(() => KnowledgeIndex.fromJSON(json.value));
  const first = sample[sample.length - 1];
  const firstQuery = first ? time(() => suggest(reload.value, first, opts)).ms : 0;
  const cold = reload.ms + firstQuery;
  const target = TARGETS[size];
  const mark = (value: number, limit: number | undefined) => (limit === undefined ? ms(value) : `${ms(value)} (<${limit} ms ${value < limit ? 'ok' : 'MISSED'})`);
  rows.push([size.toLocaleString('en'), ms(built.ms), mb(heap), ms(lat.p50), mark(lat.p95, target?.p95), mb(json.value.length), ms(json.ms), ms(reload.ms), mark(cold, target?.cold)]);
}
console.log('Knowledge index bench: KnowledgeIndex (MiniSearch) + suggest(), 300 real queries per size, top 5\n');
console.log(table(rows));
console.log(`\nnode ${process.version}, ${process.platform}/${process.arch}; done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
