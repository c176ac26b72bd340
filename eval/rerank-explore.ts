/**
 * Re-ranking exploration (issue 19, round of 28 Nov 2026; figures in docs/knowledge-eval.md): can a learned linear
 * combination of cheap per-candidate features lift the ranker's MRR@5 on its 20 leading candidates? Chosen on the
 * development halves only (coordinate ascent on MRR@5, 5-fold cross-validation inside them), read on the test halves.
 * Its base is the ranker without the one-field blend (`components.wholeText: false`): that blend is what came out of
 * this script and went into lib/knowledge/rank.ts. Run: node --import tsx eval/rerank-explore.ts (≈ 1 min of CPU).
 */
import { type Suggestion, suggestAnswer } from '../lib/knowledge/rank';
import { KnowledgeIndex } from '../lib/knowledge/search-index';
import { processTerm, type Stemmer, tokenize } from '../lib/knowledge/text';
import { PlainBM25 } from './bm25';
import { type EvalSet, loadStackFAQ, loadTechQA, type Part, partOf, splitKey } from './datasets';
import { fmt, relevance } from './metrics';

/** How many of the ranker's leading candidates are re-ranked. */
const POOL = 20;
const FOLDS = 5;
/** Weights coordinate ascent tries for each feature (the ranker's score, over the pool's top, weighs 1). */
const STEPS = [-1, -0.5, -0.3, -0.2, -0.1, -0.05, 0, 0.05, 0.1, 0.2, 0.3, 0.5, 1];

/** What a feature sees about one candidate of one query. */
interface Context {
  rank: number;
  candidate: Suggestion;
  /** The query's processed terms in page order (subject first), and as a set. */
  sequence: readonly string[];
  terms: ReadonlySet<string>;
  bigrams: ReadonlySet<string>;
  subject: ReadonlySet<string>;
  title: readonly string[];
  idf: (term: string) => number;
  /** The article's title + body as the eval set has it (not in the extension's index: see `shippable`). */
  bodyBigrams: ReadonlySet<string>;
  bodyLength: number;
  /** One-field BM25 (title + body) scores of this candidate over the pool's best, by tokenisation. */
  oneField: { stemmedNoStop: number; exactNoStop: number; stemmedStop: number; plain: number };
}

const weighted = (terms: Iterable<string>, idf: (t: string) => number) => [...terms].reduce((sum, t) => sum + idf(t), 0);
/** The IDF-weighted share of `all` that `hits` holds (0 when `all` weighs nothing). */
const coveredShare = (all: ReadonlySet<string>, hits: ReadonlySet<string>, idf: (t: string) => number) => {
  const whole = weighted(all, idf);
  return whole > 0
    ? weighted(
        [...all].filter((t) => hits.has(t)),
        idf,
      ) / whole
    : 0;
};

/** Each feature, and whether the extension's index has what it needs (titles, postings, matched terms) to compute it. */
const FEATURES: Record<string, { shippable: boolean; value: (c: Context) => number }> = {
  titlePrecision: { shippable: true, value: (c) => coveredShare(new Set(c.title), c.terms, c.idf) },
  titleRecall: { shippable: true, value: (c) => coveredShare(c.terms, new Set(c.title), c.idf) },
  titleBigrams: { shippable: true, value: (c) => Math.log(1 + c.title.slice(1).filter((t, i) => c.bigrams.has(`${c.title[i]} ${t}`)).length) },
  subjectInTitle: { shippable: true, value: (c) => coveredShare(c.subject, new Set(c.title), c.idf) },
  logTitleLength: { shippable: true, value: (c) => Math.log(1 + c.title.length) },
  coverage: { shippable: true, value: (c) => c.candidate.confidence },
  reciprocalRank: { shippable: true, value: (c) => 1 / (c.rank + 1) },
  matchedShare: { shippable: true, value: (c) => c.candidate.matchedTerms.length / Math.max(1, c.terms.size) },
  oneFieldBm25: { shippable: true, value: (c) => c.oneField.stemmedNoStop },
  bodyBigrams: { shippable: false, value: (c) => Math.log(1 + [...c.bigrams].filter((g) => c.bodyBigrams.has(g)).length) },
  bodyBigramShare: { shippable: false, value: (c) => [...c.bigrams].filter((g) => c.bodyBigrams.has(g)).length / (1 + c.bigrams.size) },
  logBodyLength: { shippable: false, value: (c) => Math.log(1 + c.bodyLength) / 8 },
  oneFieldBm25Unstemmed: { shippable: false, value: (c) => c.oneField.exactNoStop },
  oneFieldBm25StopWords: { shippable: false, value: (c) => c.oneField.stemmedStop },
  plainBm25: { shippable: false, value: (c) => c.oneField.plain },
};
const NAMES = Object.keys(FEATURES);

interface Query {
  part: Part;
  fold: number;
  gold: string;
  /** Distinct processed query terms: the gate of the one-field fusion. */
  length: number;
  candidates: Array<{ id: string; base: number; f: number[] }>;
  /** The ranker's pool, for the ceiling. */
  pool: string[];
}

function processed(text: string, stemmer: Stemmer): string[] {
  return tokenize(text)
    .map((t) => processTerm(t, stemmer))
    .filter((t): t is string => !!t);
}

function collect(set: EvalSet): Query[] {
  const index = KnowledgeIndex.build({ articles: set.articles });
  const postings = index.postings;
  const idf = (t: string) => postings.idfOf(postings.documentFrequency(t));
  const stem = postings.stemmer;
  const docs = set.articles.map((a) => ({ id: a.id, text: `${a.title}\n${a.body}` }));
  const bodyBigrams = new Map<string, Set<string>>();
  for (const doc of docs) {
    const s = processed(doc.text, stem);
    bodyBigrams.set(doc.id, new Set(s.slice(1).map((t, i) => `${s[i]} ${t}`)));
  }
  const bodyLength = new Map(set.articles.map((a) => [a.id, a.body.length]));
  const oneField = {
    stemmedNoStop: new PlainBM25(docs, 1.2, 0.75, (t) => processed(t, stem)),
    exactNoStop: new PlainBM25(docs, 1.2, 0.75, (t) => processed(t, (w) => w)),
    stemmedStop: new PlainBM25(docs, 1.2, 0.75, (t) => tokenize(t).map(stem)),
    plain: new PlainBM25(docs),
  };
  const out: Query[] = [];
  set.queries.forEach((q, at) => {
    if (!q.gold) return;
    const answer = suggestAnswer(
      index,
      { subject: q.subject, conversation: q.conversation },
      { site: 'eval', limit: 5, pool: POOL, minConfidence: 0, minAnswerability: 0, components: { wholeText: false, exactWords: false } },
    );
    const pool = answer.pool ?? answer.suggestions;
    if (pool.length === 0) return;
    const sequence = [...processed(q.subject ?? '', stem), ...processed(q.conversation, stem)];
    const text = `${q.subject ?? ''}\n${q.conversation}`;
    const oneFieldScores = Object.fromEntries(
      Object.entries(oneField).map(([name, bm25]) => {
        const scores = new Map(bm25.search(text, docs.length).map((r) => [r.id, r.score]));
        const top = Math.max(1e-9, ...pool.map((s) => scores.get(s.id) ?? 0));
        return [name, (id: string) => (scores.get(id) ?? 0) / top];
      }),
    ) as Record<keyof typeof oneField, (id: string) => number>;
    const top = pool[0]?.score ?? 1;
    const shared = {
      sequence,
      terms: new Set(sequence),
      bigrams: new Set(sequence.slice(1).map((t, i) => `${sequence[i]} ${t}`)),
      subject: new Set(processed(q.subject ?? '', stem)),
      idf,
    };
    out.push({
      part: partOf(splitKey(set, q)),
      fold: at % FOLDS,
      gold: q.gold,
      length: shared.terms.size,
      pool: pool.map((s) => s.id),
      candidates: pool.map((candidate, rank) => {
        const context: Context = {
          ...shared,
          rank,
          candidate,
          title: processed(candidate.title, stem),
          bodyBigrams: bodyBigrams.get(candidate.id) ?? new Set(),
          bodyLength: bodyLength.get(candidate.id) ?? 0,
          oneField: {
            stemmedNoStop: oneFieldScores.stemmedNoStop(candidate.id),
            exactNoStop: oneFieldScores.exactNoStop(candidate.id),
            stemmedStop: oneFieldScores.stemmedStop(candidate.id),
            plain: oneFieldScores.plain(candidate.id),
          },
        };
        return { id: candidate.id, base: candidate.score / top, f: NAMES.map((name) => FEATURES[name]?.value(context) ?? 0) };
      }),
    });
  });
  return out;
}

/** MRR@5 after re-ranking the pool by base + w·f. */
function mrr(queries: readonly Query[], w: readonly number[]): number {
  let rr = 0;
  for (const q of queries) {
    const order = q.candidates.map((c) => ({ id: c.id, s: c.base + c.f.reduce((sum, x, i) => sum + x * (w[i] ?? 0), 0) })).sort((a, b) => b.s - a.s);
    const rank = order.slice(0, 5).findIndex((c) => c.id === q.gold);
    if (rank >= 0) rr += 1 / (rank + 1);
  }
  return rr / (queries.length || 1);
}

/** Coordinate ascent on mean MRR@5 over the given query groups, over the features `use`. */
function ascend(groups: ReadonlyArray<readonly Query[]>, use: readonly number[]): number[] {
  const objective = (w: readonly number[]) => groups.reduce((sum, g) => sum + mrr(g, w), 0) / groups.length;
  const w = NAMES.map(() => 0);
  let best = objective(w);
  for (let round = 0; round < 3; round++) {
    for (const i of use) {
      for (const v of STEPS) {
        const trial = [...w];
        trial[i] = v;
        const m = objective(trial);
        if (m > best + 1e-9) {
          best = m;
          w[i] = v;
        }
      }
    }
  }
  return w;
}

/** 5-fold cross-validated MRR@5 inside the development half: fitted on four folds, read on the fifth. */
function crossValidated(groups: ReadonlyArray<readonly Query[]>, use: readonly number[]): number[] {
  const held = groups.map(() => 0);
  for (let k = 0; k < FOLDS; k++) {
    const w = ascend(
      groups.map((g) => g.filter((q) => q.fold !== k)),
      use,
    );
    groups.forEach((g, s) => {
      const fold = g.filter((q) => q.fold === k);
      held[s] = (held[s] as number) + mrr(fold, w) * fold.length;
    });
  }
  return held.map((h, s) => h / ((groups[s] as readonly Query[]).length || 1));
}

const started = performance.now();
const sets = [loadTechQA(), loadStackFAQ()];
const data = sets.map(collect);
const dev = data.map((d) => d.filter((q) => q.part === 'dev'));
const test = data.map((d) => d.filter((q) => q.part === 'test'));
const none = NAMES.map(() => 0);
const cells = (w: readonly number[], cv: readonly number[]) =>
  sets.map((set, s) => `${set.name} ${fmt(mrr(dev[s] as Query[], w))} / ${fmt(cv[s] ?? 0)} / ${fmt(mrr(test[s] as Query[], w))}`).join('   ');

console.log(`Re-ranking the ranker's ${POOL} leading candidates; MRR@5 dev / 5-fold CV inside dev / test.\n`);
console.log('Ceiling: Recall@20 of the pool (what a perfect re-ranking of it could reach as MRR@5):');
for (const [s, set] of sets.entries()) {
  const recall = (qs: readonly Query[]) =>
    relevance(
      qs.map((q) => ({ gold: q.gold, ranked: q.pool })),
      POOL,
    ).recall;
  console.log(`  ${set.name}: dev ${fmt(recall(dev[s] as Query[]))}, test ${fmt(recall(test[s] as Query[]))}`);
}
console.log(
  `\nthe ranker as is: ${cells(
    none,
    [0, 1].map((s) => mrr(dev[s] as Query[], none)),
  )}`,
);
console.log('\nEach feature alone, its weight fitted on both development halves together:');
NAMES.forEach((name, i) => {
  const w = ascend(dev, [i]);
  console.log(`  ${(FEATURES[name]?.shippable ? '' : '*') + name} (w ${w[i]}): ${cells(w, crossValidated(dev, [i]))}`);
});
console.log("  (* needs the article body, which the extension's index does not keep)");
for (const [label, use] of [
  ['shippable features together', NAMES.flatMap((n, i) => (FEATURES[n]?.shippable ? [i] : []))],
  ['all features together', NAMES.map((_, i) => i)],
] as const) {
  const w = ascend(dev, use);
  console.log(`\n${label}: ${cells(w, crossValidated(dev, use))}`);
  console.log(
    `  weights ${NAMES.map((n, i) => (w[i] ? `${n} ${w[i]}` : ''))
      .filter(Boolean)
      .join(', ')}`,
  );
}

// The one feature with some support: the one-field BM25 (title + body, the index's terms), for long pages only.
const oneFieldAt = NAMES.indexOf('oneFieldBm25');
const gated = (queries: readonly Query[], w: number, gate: number) => {
  const on = NAMES.map((_, i) => (i === oneFieldAt ? w : 0));
  const long = queries.filter((q) => q.length > gate);
  const short = queries.filter((q) => q.length <= gate);
  return (mrr(long, on) * long.length + mrr(short, none) * short.length) / (queries.length || 1);
};
const grid: Array<[number, number]> = [];
for (const gate of [0, 6, 10, 15, 20]) for (const w of [0, 0.2, 0.3, 0.5, 0.75, 1]) grid.push([gate, w]);
console.log('\nOne-field BM25 fused at weight w for pages with more than `gate` distinct terms (dev / test):');
for (const [gate, w] of grid.filter(([, w]) => w > 0)) {
  console.log(
    `  gate ${gate}, w ${w}: ${sets.map((set, s) => `${set.name} ${fmt(gated(dev[s] as Query[], w, gate))} / ${fmt(gated(test[s] as Query[], w, gate))}`).join('   ')}`,
  );
}
{
  const held = sets.map(() => 0);
  const chosen: string[] = [];
  for (let k = 0; k < FOLDS; k++) {
    let best: [number, number] = [0, 0];
    let bestScore = -1;
    for (const [gate, w] of grid) {
      const score = dev.reduce(
        (sum, d) =>
          sum +
          gated(
            d.filter((q) => q.fold !== k),
            w,
            gate,
          ),
        0,
      );
      if (score > bestScore + 1e-9) {
        bestScore = score;
        best = [gate, w];
      }
    }
    chosen.push(`gate ${best[0]} w ${best[1]}`);
    dev.forEach((d, s) => {
      const fold = d.filter((q) => q.fold === k);
      held[s] = (held[s] as number) + gated(fold, best[1], best[0]) * fold.length;
    });
  }
  console.log(
    `  5-fold CV of the (gate, w) choice: ${sets.map((set, s) => `${set.name} ${fmt((held[s] as number) / (dev[s] as Query[]).length)}`).join('   ')} (folds chose ${chosen.join('; ')})`,
  );
}
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
