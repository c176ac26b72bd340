/**
 * Honest silence with the exact-word view (issue 19, "28 Nov 2026, exact words" in docs/knowledge-eval.md): do
 * features of the index's exact-word field separate TechQA's unanswerable questions from hits better than the four the
 * answerability model has? Each candidate is added as a fifth feature; the model is fitted and its threshold chosen
 * (the highest keeping ≥ 95 % of Recall@5 on both sets) on the development halves, with 5-fold cross-validation inside
 * them (fit and threshold on four folds, silence read on the fifth), then read on the test halves.
 * Run: node --import tsx eval/exact-silence.ts (≈ 1 min of CPU).
 */
import { answerabilityFeatureVector, DEFAULT_MIN_CONFIDENCE, suggestAnswer } from '../lib/knowledge/rank';
import { itemKey, KnowledgeIndex } from '../lib/knowledge/search-index';
import { exactWords, STOP_WORDS } from '../lib/knowledge/text';
import { type EvalSet, loadStackFAQ, loadTechQA, type Part, partOf, splitKey } from './datasets';
import { fitLogistic } from './logistic';
import { pct } from './metrics';

const FOLDS = 5;
const POOL = 20;

interface Row {
  set: number;
  part: Part;
  fold: number;
  answerable: boolean;
  hit: boolean;
  coverage: number;
  base: number[];
  extra: Record<string, number>;
}

function collect(set: EvalSet, s: number): Row[] {
  const index = KnowledgeIndex.build({ articles: set.articles });
  const postings = index.postings;
  const n = postings.size;
  const unknownIdf = Math.log(1 + (n + 0.5) / 0.5);
  const rows: Row[] = [];
  set.queries.forEach((q, at) => {
    const context = { subject: q.subject, conversation: q.conversation };
    const opts = { site: 'eval', limit: 5, pool: POOL, minConfidence: 0, minAnswerability: 0 };
    const answer = suggestAnswer(index, context, opts);
    if (!answer.features) return;
    const perField = suggestAnswer(index, context, { ...opts, components: { wholeText: false, exactWords: false } });
    const slotsOf = (list: typeof answer.suggestions) => list.map((x) => postings.slotOfKey(itemKey(x.kind, x.id)) as number);
    const fieldSlots = slotsOf((perField.pool ?? perField.suggestions).slice(0, POOL));
    const shownSlots = slotsOf((answer.pool ?? answer.suggestions).slice(0, POOL));
    const page = [...new Set(exactWords(`${q.subject ?? ''}\n${q.conversation}`))];
    const informative = page.filter((w) => !STOP_WORDS.has(w) && !/^\d{1,2}$/.test(w)).slice(0, 64);
    const idf = new Map(
      informative.map((w) => [w, postings.fieldFrequency(w, 'exact') > 0 ? postings.idfOf(postings.fieldFrequency(w, 'exact')) : unknownIdf]),
    );
    const holds = (slot: number) => {
      const got = new Set<string>();
      for (let i = 0; i < informative.length; i += 32) {
        const chunk = informative.slice(i, i + 32);
        const bits = postings.fieldMatches(slot, 'exact', chunk);
        chunk.forEach((w, g) => {
          if ((bits & (2 ** g)) !== 0) got.add(w);
        });
      }
      return got;
    };
    const share = (words: readonly string[], got: ReadonlySet<string>) => {
      const all = words.reduce((sum, w) => sum + (idf.get(w) ?? 0), 0);
      return all > 0 ? words.filter((w) => got.has(w)).reduce((sum, w) => sum + (idf.get(w) ?? 0), 0) / all : 0;
    };
    const rarest = [...informative].sort((a, b) => (idf.get(b) ?? 0) - (idf.get(a) ?? 0)).slice(0, 3);
    const fieldTop = holds(fieldSlots[0] as number);
    const shownTop = holds(shownSlots[0] as number);
    const exactScores = postings.exactWordScores(page, fieldSlots);
    const best = Math.max(1e-9, ...exactScores);
    const ten = Array.from({ length: 10 }, (_, i) => (exactScores[i] ?? 0) / best);
    const mean = ten.reduce((a, b) => a + b, 0) / 10;
    const matchedIdf = Math.max(0, ...informative.filter((w) => fieldTop.has(w)).map((w) => idf.get(w) ?? 0));
    rows.push({
      set: s,
      part: partOf(splitKey(set, q)),
      fold: at % FOLDS,
      answerable: q.gold !== null,
      hit: q.gold !== null && answer.suggestions.some((x) => x.id === q.gold),
      coverage: answer.features.coverage,
      base: answerabilityFeatureVector(answer.features),
      extra: {
        exactCoverage: share(informative, fieldTop),
        exactCoverageShown: share(informative, shownTop),
        exactRare3: share(rarest, fieldTop),
        exactAgree: (exactScores[0] ?? 0) / best,
        exactSpread: Math.sqrt(ten.reduce((sum, x) => sum + (x - mean) ** 2, 0) / 10),
        exactRarestMatched: matchedIdf / unknownIdf,
        viewsAgree: fieldSlots[0] === shownSlots[0] ? 1 : 0,
      },
    });
  });
  return rows;
}

type Model = { weights: number[]; threshold: number };
const vector = (r: Row, use: readonly string[]) => [...r.base, ...use.map((f) => r.extra[f] as number)];
const probability = (m: Model, x: readonly number[]) => 1 / (1 + Math.exp(-x.reduce((sum, v, i) => sum + v * (m.weights[i + 1] ?? 0), m.weights[0] ?? 0)));
const shown = (m: Model, r: Row, use: readonly string[]) => r.coverage >= DEFAULT_MIN_CONFIDENCE && probability(m, vector(r, use)) >= m.threshold;

function keptBySet(m: Model, rows: readonly Row[], use: readonly string[]): number[] {
  return [0, 1].map((s) => {
    const hits = rows.filter((r) => r.set === s && r.hit);
    return hits.length ? hits.filter((r) => shown(m, r, use)).length / hits.length : 1;
  });
}

function train(rows: readonly Row[], use: readonly string[]): Model {
  const fit = fitLogistic(rows.map((r) => ({ x: vector(r, use), y: r.hit ? 1 : 0 })));
  let threshold = 0;
  for (let t = 0; t <= 1.0001; t += 0.01) if (keptBySet({ weights: fit.weights, threshold: t }, rows, use).every((k) => k >= 0.95)) threshold = t;
  return { weights: fit.weights, threshold };
}

function read(m: Model, rows: readonly Row[], use: readonly string[]) {
  const impossible = rows.filter((r) => r.set === 0 && !r.answerable);
  return { silent: impossible.filter((r) => !shown(m, r, use)).length, of: impossible.length, kept: keptBySet(m, rows, use) };
}

const started = performance.now();
const rows = [loadTechQA(), loadStackFAQ()].flatMap(collect);
const dev = rows.filter((r) => r.part === 'dev');
const test = rows.filter((r) => r.part === 'test');
const candidates = Object.keys(rows[0]?.extra ?? {});
console.log('TechQA unanswerable given nothing at the highest threshold keeping ≥ 95 % of Recall@5 on both development halves');
console.log('(dev / 5-fold CV inside dev / test; test Recall@5 kept TechQA, StackFAQ):\n');
for (const use of [[], ...candidates.map((c) => [c])]) {
  const onDev = train(dev, use);
  const d = read(onDev, dev, use);
  const t = read(onDev, test, use);
  let silent = 0;
  let of = 0;
  for (let k = 0; k < FOLDS; k++) {
    const m = train(
      dev.filter((r) => r.fold !== k),
      use,
    );
    const held = read(
      m,
      dev.filter((r) => r.fold === k),
      use,
    );
    silent += held.silent;
    of += held.of;
  }
  console.log(
    `  ${(use.length ? `+ ${use.join(' + ')}` : 'the four in use').padEnd(32)} ${pct(d.silent / d.of)} / ${pct(silent / of)} / ${pct(t.silent / t.of)}   kept ${t.kept.map(pct).join(', ')}   threshold ${onDev.threshold.toFixed(2)}`,
  );
}
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
