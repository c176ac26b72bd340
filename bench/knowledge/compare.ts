/**
 * Which search library for the knowledge index: MiniSearch, FlexSearch and Orama on the same data.
 * Run: node --expose-gc --import tsx bench/knowledge/compare.ts [--full]
 * Default: 462 and 10,000 articles, about a minute. --full adds 100,000 articles for all three
 * libraries (builds alone take minutes; figures in docs/knowledge-search.md come from such a run).
 *
 * Corpus: the 462 real articles (337 TechQA technotes + 125 StackFAQ threads), then 10,000 and
 * 100,000 articles made by deterministic recombination of that real text (bench/knowledge/corpus.ts).
 * Every library gets the same documents (title + body) and the same queries: real TechQA questions and
 * StackFAQ paraphrases, reduced by our query builder to at most 32 stop-word-free words, OR semantics.
 * Libraries run with their default tokenization and scoring; title boost 2 where the library has boosts.
 * Relevance is MRR@5 / Recall@5 on each real set with the library as the only ranker.
 */
import { create, insertMultiple, load as oramaLoad, save as oramaSave, search as oramaSearch } from '@orama/orama';
import { Document as FlexDocument } from 'flexsearch';
import MiniSearch from 'minisearch';
import { loadStackFAQ, loadTechQA } from '../../eval/datasets';
import { type RankedRun, relevance } from '../../eval/metrics';
import { contextQuery, suggest } from '../../lib/knowledge/rank';
import { KnowledgeIndex, type SerializedKnowledgeIndex } from '../../lib/knowledge/search-index';
import type { Article } from '../../lib/schema';
import { hasGc, latencies, mb, memoryUsed, ms, table, timeAsync } from '../stats';
import { corpus, queries } from './corpus';

interface Engine {
  build(articles: readonly Article[]): Promise<void>;
  search(query: string, limit: number): Promise<string[]>;
  /** What would be stored: a JSON string for the libraries, strings and typed arrays for ours. */
  serialize(): Promise<unknown>;
  load(serialized: unknown): Promise<void>;
}

/** Stored size: a string's characters, or the sum of a structured-clonable object's strings and buffers. */
function storedBytes(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value && typeof value === 'object') return Object.values(value).reduce((sum: number, v) => sum + storedBytes(v), 0);
  return 0;
}

type Doc = { id: string; title: string; body: string };
const doc = (a: Article): Doc => ({ id: a.id, title: a.title, body: a.body });

function miniSearch(): Engine {
  const options = { fields: ['title', 'body'], searchOptions: { boost: { title: 2 } } };
  let index = new MiniSearch<Doc>(options);
  return {
    async build(articles) {
      index = new MiniSearch<Doc>(options);
      index.addAll(articles.map(doc));
    },
    async search(query, limit) {
      return index
        .search(query)
        .slice(0, limit)
        .map((r) => String(r.id));
    },
    async serialize() {
      return JSON.stringify(index);
    },
    async load(serialized) {
      index = MiniSearch.loadJSON<Doc>(serialized as string, options);
    },
  };
}

// FlexSearch's typings model many modes; the bench only needs this much.
interface FlexDoc {
  add(doc: Doc): unknown;
  search(query: string, options: { limit: number; suggest: boolean; merge: boolean }): Array<{ id: string | number }>;
  export(handler: (key: string, data: string) => void): unknown;
  import(key: string, data: string): unknown;
}

function flexSearch(): Engine {
  const make = () => new FlexDocument({ document: { id: 'id', index: ['title', 'body'] } }) as unknown as FlexDoc;
  let index = make();
  return {
    async build(articles) {
      index = make();
      for (const a of articles) index.add(doc(a));
    },
    async search(query, limit) {
      // suggest: partial matches (OR-like); without it a multi-word query needs every word.
      return index.search(query, { limit, suggest: true, merge: true }).map((r) => String(r.id));
    },
    async serialize() {
      const parts: Record<string, string> = {};
      await index.export((key, data) => {
        parts[key] = data;
      });
      return JSON.stringify(parts);
    },
    async load(serialized) {
      index = make();
      for (const [key, data] of Object.entries(JSON.parse(serialized as string) as Record<string, string>)) index.import(key, data);
    },
  };
}

function orama(): Engine {
  const schema = { title: 'string', body: 'string' } as const;
  let db = create({ schema });
  return {
    async build(articles) {
      db = create({ schema });
      await insertMultiple(db, articles.map(doc), 1000);
    },
    async search(query, limit) {
      const result = await oramaSearch(db, { term: query, limit, boost: { title: 2 } });
      return result.hits.map((h) => String(h.id));
    },
    async serialize() {
      return JSON.stringify(oramaSave(db));
    },
    async load(serialized) {
      db = create({ schema });
      oramaLoad(db, JSON.parse(serialized as string) as ReturnType<typeof oramaSave>);
    },
  };
}

/** What the product ships (lib/knowledge/postings.ts), on the same title + body documents and query text. */
function tandemPostings(): Engine {
  let index = KnowledgeIndex.empty();
  return {
    async build(articles) {
      index = KnowledgeIndex.build({ articles: articles.map((a) => ({ ...a, summary: '' })) });
    },
    async search(query, limit) {
      return suggest(index, { subject: null, conversation: query }, { site: 'bench', limit, minConfidence: 0 }).map((s) => s.id);
    },
    async serialize() {
      return structuredClone(index.serialize());
    },
    async load(serialized) {
      index = KnowledgeIndex.restore(structuredClone(serialized as SerializedKnowledgeIndex));
    },
  };
}

const ENGINES: Array<[string, () => Engine]> = [
  ['Tandem postings (ours)', tandemPostings],
  ['MiniSearch 7.2', miniSearch],
  ['FlexSearch 0.8', flexSearch],
  ['Orama 3.1', orama],
];

const queryText = (q: { subject: string | null; conversation: string }) =>
  contextQuery(q)
    .map((t) => t.surface)
    .join(' ');

async function relevanceOf(make: () => Engine) {
  const out: Record<string, { mrr: number; recall: number }> = {};
  for (const set of [loadTechQA(), loadStackFAQ()]) {
    const engine = make();
    await engine.build(set.articles);
    const runs: RankedRun[] = [];
    for (const q of set.queries) {
      if (q.gold === null) continue;
      runs.push({ gold: q.gold, ranked: await engine.search(queryText(q), 5) });
    }
    out[set.name] = relevance(runs, 5);
  }
  return out;
}

async function scale(make: () => Engine, articles: readonly Article[], sample: readonly string[]) {
  const before = memoryUsed();
  const engine = make();
  const build = await timeAsync(() => engine.build(articles));
  const heap = memoryUsed() - before;
  for (const q of sample.slice(0, 20)) await engine.search(q, 5); // warm-up
  const samples: number[] = [];
  for (const q of sample) {
    const t = performance.now();
    await engine.search(q, 5);
    samples.push(performance.now() - t);
  }
  const serialized = await timeAsync(() => engine.serialize());
  const reload = await timeAsync(() => engine.load(serialized.value));
  return { build: build.ms, heap, ...latencies(samples), bytes: storedBytes(serialized.value), reload: reload.ms };
}

const full = process.argv.includes('--full');

async function main() {
  const started = performance.now();
  if (!hasGc) console.log('(run with node --expose-gc for stable heap figures)\n');
  const sample = queries(300).map(queryText);
  const sizes = full ? [462, 10_000, 100_000] : [462, 10_000];

  console.log('Relevance on the real sets (library as the only ranker; MRR@5 / Recall@5)');
  const relRows: string[][] = [['library', 'TechQA MRR@5', 'TechQA R@5', 'StackFAQ MRR@5', 'StackFAQ R@5']];
  for (const [name, make] of ENGINES) {
    const r = await relevanceOf(make);
    relRows.push([
      name,
      r.TechQA?.mrr.toFixed(3) ?? '',
      r.TechQA?.recall.toFixed(3) ?? '',
      r.StackFAQ?.mrr.toFixed(3) ?? '',
      r.StackFAQ?.recall.toFixed(3) ?? '',
    ]);
  }
  console.log(`${table(relRows)}\n`);

  for (const size of sizes) {
    const articles = corpus(size);
    console.log(`${size.toLocaleString('en')} articles (${size <= 462 ? 'real' : 'real + synthetic recombination'}), ${sample.length} queries, top 5`);
    const rows: string[][] = [['library', 'build', 'memory', 'p50', 'p95', 'serialized', 'reload']];
    for (const [name, make] of ENGINES) {
      // 100 queries at 100k: unpruned 32-term queries take up to seconds each there.
      const r = await scale(make, articles, size >= 100_000 ? sample.slice(0, 100) : sample);
      rows.push([name, ms(r.build), mb(r.heap), ms(r.p50), ms(r.p95), mb(r.bytes), ms(r.reload)]);
    }
    console.log(`${table(rows)}\n`);
  }
  console.log(`node ${process.version}, ${process.platform}/${process.arch}; done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
