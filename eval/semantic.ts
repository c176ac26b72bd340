/**
 * The semantic stage on the same halves as the lexical ranker: USE lite (eval/sentence-encoder.ts)
 * re-orders suggestAnswer's 20 leading candidates (lib/knowledge/semantic/rerank.ts). Its weight and
 * gate are chosen on the development halves (the grid is printed); the test halves are reported.
 * Run: npm run eval:knowledge -- --semantic   (the first run embeds ~2,650 texts: minutes of CPU)
 */

import { type AnswerabilityFeatures, answerabilityFeatureVector, DEFAULT_MIN_CONFIDENCE, suggestAnswer } from '../lib/knowledge/rank';
import { KnowledgeIndex } from '../lib/knowledge/search-index';
import {
  articleEmbeddingText,
  cosine,
  pageEmbeddingText,
  SEMANTIC_DEFAULTS,
  SEMANTIC_POOL,
  type SemanticOptions,
  type SentenceEncoder,
  semanticRerank,
} from '../lib/knowledge/semantic/rerank';
import { PlainBM25 } from './bm25';
import { type EvalSet, type Part, partOf, splitKey } from './datasets';
import { fitLogistic } from './logistic';
import { fmt, pct, relevance } from './metrics';

const K = 5;
const PARTS: readonly Part[] = ['dev', 'test'];
const WEIGHTS = [0.5, 1, 2, 3];
const GATES = [6, 10, 15, Number.POSITIVE_INFINITY];

interface Scored {
  id: string;
  score: number;
}

interface SemanticQuery {
  part: Part;
  gold: string | null;
  /** The lexical ranker's leading candidates, ranking only (no silence). */
  pool: Scored[];
  /** What the lexical ranker shows (empty when it stays quiet), up to the pool's size. */
  shown: Scored[];
  features: AnswerabilityFeatures | null;
  similarity: Map<string, number>;
  /** The whole knowledge base by the encoder alone, best first. */
  dense: string[];
  bm25: string[];
}

async function prepare(set: EvalSet, encoder: SentenceEncoder): Promise<SemanticQuery[]> {
  const index = KnowledgeIndex.build({ articles: set.articles });
  const bm25 = new PlainBM25(set.articles.map((a) => ({ id: a.id, text: `${a.title}\n${a.body}` })));
  const articleVectors = await encoder.embed(set.articles.map(articleEmbeddingText));
  const pageVectors = await encoder.embed(set.queries.map(pageEmbeddingText));
  const byId = new Map(set.articles.map((a, i) => [a.id, articleVectors[i] as Float32Array]));
  return set.queries.map((q, i) => {
    const context = { subject: q.subject, conversation: q.conversation };
    const all = suggestAnswer(index, context, { site: 'eval', limit: SEMANTIC_POOL, minConfidence: 0, minAnswerability: 0 });
    const shown = suggestAnswer(index, context, { site: 'eval', limit: SEMANTIC_POOL });
    const page = pageVectors[i] as Float32Array;
    const similarity = new Map(set.articles.map((a) => [a.id, cosine(page, byId.get(a.id) as Float32Array)]));
    return {
      part: partOf(splitKey(set, q)),
      gold: q.gold,
      pool: all.suggestions.map(({ id, score }) => ({ id, score })),
      shown: shown.suggestions.map(({ id, score }) => ({ id, score })),
      features: all.features,
      similarity,
      dense: [...similarity].sort((a, b) => b[1] - a[1]).map(([id]) => id),
      bm25: bm25.search(`${q.subject ?? ''}\n${q.conversation}`, K).map((r) => r.id),
    };
  });
}

const reranked = (q: SemanticQuery, list: Scored[], options: SemanticOptions) =>
  semanticRerank(list, (c) => q.similarity.get(c.id), q.features?.informativeTerms ?? 0, options).map((c) => c.id);

function mrr(queries: readonly SemanticQuery[], part: Part, ranking: (q: SemanticQuery) => string[]) {
  const answerable = queries.filter((q): q is SemanticQuery & { gold: string } => q.part === part && q.gold !== null);
  return relevance(
    answerable.map((q) => ({ gold: q.gold, ranked: ranking(q) })),
    K,
  );
}

export async function semanticEvaluation(sets: readonly EvalSet[], encoder: SentenceEncoder): Promise<void> {
  const prepared: SemanticQuery[][] = [];
  for (const set of sets) prepared.push(await prepare(set, encoder));
  const line = (label: string, cells: string[]) => console.log(`  ${label.padEnd(48)} ${cells.map((c) => c.padStart(14)).join(' ')}`);
  const lexical = (q: SemanticQuery) => q.pool.map((c) => c.id);

  console.log(`\nSemantic stage (USE lite re-orders the ${SEMANTIC_POOL} leading candidates; lib/knowledge/semantic/rerank.ts):`);
  console.log('  grid on the development halves (MRR@5 ranking only; test in brackets, not used to choose):');
  for (const weight of WEIGHTS) {
    for (const gate of GATES) {
      const cells = sets.map((s, i) => {
        const qs = prepared[i] ?? [];
        const rank = (q: SemanticQuery) => reranked(q, q.pool, { weight, maxInformativeTerms: gate });
        return `${s.name} ${fmt(mrr(qs, 'dev', rank).mrr)} (${fmt(mrr(qs, 'test', rank).mrr)})`;
      });
      console.log(`    weight ${weight}, at most ${Number.isFinite(gate) ? gate : 'any'} informative words: ${cells.join(', ')}`);
    }
  }
  console.log(`  chosen (rerank.ts): weight ${SEMANTIC_DEFAULTS.weight}, at most ${SEMANTIC_DEFAULTS.maxInformativeTerms} informative words\n`);

  sets.forEach((set, i) => {
    const qs = prepared[i] ?? [];
    const base = PARTS.map((p) => mrr(qs, p, (q) => q.bm25));
    const ratio = (f: { mrr: number }, p: number) => `${fmt(f.mrr)} (${fmt(f.mrr / (base[p]?.mrr || 1), 2)}×)`;
    const row = (label: string, ranking: (q: SemanticQuery) => string[]) => {
      const f = PARTS.map((p) => mrr(qs, p, ranking));
      line(label, [...f.map((x, p) => ratio(x, p)), ...f.map((x) => fmt(x.recall))]);
    };
    console.log(`${set.name}:`);
    line('run', ['MRR@5 dev', 'MRR@5 test', 'R@5 dev', 'R@5 test']);
    row('plain BM25 (baseline)', (q) => q.bm25);
    row('ours, lexical only', lexical);
    row('ours + semantic stage', (q) => reranked(q, q.pool, SEMANTIC_DEFAULTS));
    row('ours + semantic stage, as shown', (q) => reranked(q, q.shown, SEMANTIC_DEFAULTS));
    row('  semantic stage without the gate', (q) => reranked(q, q.pool, { ...SEMANTIC_DEFAULTS, maxInformativeTerms: Number.POSITIVE_INFINITY }));
    row('  the encoder alone (whole knowledge base)', (q) => q.dense);
  });

  answerabilityWithSimilarity(sets, prepared);
}

/**
 * Does the encoder tell "on topic" from "answers it"? The answerability model refitted on the
 * development halves with the top candidate's cosine as a fifth feature, its threshold chosen as in
 * knowledge.ts (the highest keeping ≥ 95% of Recall@5 on both development halves).
 */
function answerabilityWithSimilarity(sets: readonly EvalSet[], prepared: ReadonlyArray<readonly SemanticQuery[]>) {
  const rows = prepared.flatMap((qs, s) =>
    qs.flatMap((q) => {
      if (!q.features) return [];
      const ranked = reranked(q, q.pool, SEMANTIC_DEFAULTS);
      const top = ranked[0];
      const hit = q.gold !== null && ranked.slice(0, K).includes(q.gold);
      return [
        {
          set: sets[s]?.name,
          part: q.part,
          gold: q.gold,
          hit,
          coverage: q.features.coverage,
          x: answerabilityFeatureVector(q.features),
          cos: top ? (q.similarity.get(top) ?? 0) : 0,
        },
      ];
    }),
  );
  console.log('\nAnswerability with the encoder (fitted on the development halves; Recall@5 kept TechQA/StackFAQ | TechQA unanswerable given nothing):');
  for (const withCosine of [false, true]) {
    const x = (r: (typeof rows)[number]) => (withCosine ? [...r.x, r.cos] : r.x);
    const fit = fitLogistic(rows.filter((r) => r.part === 'dev').map((r) => ({ x: x(r), y: r.hit ? 1 : 0 })));
    const p = (r: (typeof rows)[number]) => 1 / (1 + Math.exp(-x(r).reduce((z, v, i) => z + v * (fit.weights[i + 1] ?? 0), fit.weights[0] ?? 0)));
    const at = (threshold: number, part: Part) => {
      const shown = (r: (typeof rows)[number]) => r.coverage >= DEFAULT_MIN_CONFIDENCE && p(r) >= threshold;
      const kept = sets.map((set) => {
        const hits = rows.filter((r) => r.set === set.name && r.part === part && r.hit);
        return hits.length ? hits.filter(shown).length / hits.length : 0;
      });
      const impossible = rows.filter((r) => r.part === part && r.gold === null);
      return { kept, silent: impossible.filter((r) => !shown(r)).length / (impossible.length || 1) };
    };
    let chosen = 0;
    for (let t = 0; t <= 1; t += 0.01) if (at(t, 'dev').kept.every((k) => k >= 0.95)) chosen = Number(t.toFixed(2));
    const cells = PARTS.map((part) => {
      const { kept, silent } = at(chosen, part);
      return `${part} ${kept.map(pct).join('/')} | ${pct(silent)}`;
    });
    console.log(`  ${withCosine ? 'with the top candidate’s cosine' : 'lexical features only          '} threshold ${chosen.toFixed(2)}: ${cells.join('   ')}`);
  }
}
