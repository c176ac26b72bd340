/**
 * Exact (unstemmed) words beside the stems (issue 19, "28 Nov 2026, exact words" in docs/knowledge-eval.md): does a
 * one-field BM25 over the article's exact words, blended into the order of the ranker's leading candidates, beat the
 * shipped stemmed blend (WHOLE_TEXT_WEIGHT) on the development halves and in 5-fold cross-validation inside them?
 * The stemmed score and the `index` variant are the index's own (`wholeTextScores` over its fields and its `exact`
 * field, as rank.ts reads them); the other exact views are computed here from the eval set's text (title, summary,
 * body) with five tokenisations, to see which form pays. Run: node --import tsx eval/exact-explore.ts (≈ 1 min of CPU).
 */
import { contextQuery, suggestAnswer } from '../lib/knowledge/rank';
import { itemKey, KnowledgeIndex } from '../lib/knowledge/search-index';
import { exactWords, processTerm, STOP_WORDS, tokenize } from '../lib/knowledge/text';
import { PlainBM25, plainTokens } from './bm25';
import { type EvalSet, loadStackFAQ, loadTechQA, type Part, partOf, splitKey } from './datasets';
import { fmt } from './metrics';

const POOL = 20;
const FOLDS = 5;
const VARIANTS = ['exact', 'exactStop', 'plain', 'plainNoStop', 'plainStopInLength', 'index'] as const;
type Variant = (typeof VARIANTS)[number];

interface Query {
  part: Part;
  fold: number;
  gold: string;
  length: number;
  candidates: Array<{ id: string; base: number; stem: number; exact: Record<Variant, number> }>;
}

const exactTerms = (text: string) =>
  tokenize(text)
    .map((t) => processTerm(t, (w) => w))
    .filter((t): t is string => !!t);

const plainNoStop = (text: string) => plainTokens(text).filter((t) => !STOP_WORDS.has(t));

function collect(set: EvalSet): Query[] {
  const index = KnowledgeIndex.build({ articles: set.articles });
  const postings = index.postings;
  const docs = set.articles.map((a) => ({ id: a.id, text: `${a.title}\n${a.summary}\n${a.body}` }));
  const bm25: Record<Exclude<Variant, 'index'>, PlainBM25> = {
    exact: new PlainBM25(docs, 1.2, 0.75, exactTerms),
    exactStop: new PlainBM25(docs, 1.2, 0.75, tokenize),
    plain: new PlainBM25(docs),
    plainNoStop: new PlainBM25(docs, 1.2, 0.75, plainNoStop),
    // Stop words counted in the documents' lengths but never searched: no postings needed for them.
    plainStopInLength: new PlainBM25(docs, 1.2, 0.75, plainTokens, plainNoStop),
  };
  const out: Query[] = [];
  set.queries.forEach((q, at) => {
    if (!q.gold) return;
    const context = { subject: q.subject, conversation: q.conversation };
    const answer = suggestAnswer(index, context, {
      site: 'eval',
      limit: 5,
      pool: POOL,
      minConfidence: 0,
      minAnswerability: 0,
      components: { wholeText: false, exactWords: false },
    });
    const pool = (answer.pool ?? answer.suggestions).slice(0, POOL);
    if (pool.length === 0) return;
    const query = contextQuery(context);
    const slots = pool.map((s) => postings.slotOfKey(itemKey(s.kind, s.id)) as number);
    const stem = postings.wholeTextScores(
      query.map((t) => t.term),
      slots,
      ['title', 'summary', 'body', 'alsoAnswers'],
    );
    const stemBest = Math.max(1e-9, ...stem);
    const text = `${q.subject ?? ''}\n${q.conversation}`;
    // The index's own exact-word field (postings.ts `exact`), as rank.ts reads it.
    const exactQuery = [...new Set(exactWords(text))];
    const indexed = postings.exactWordScores(exactQuery, slots);
    const indexedBest = Math.max(1e-9, ...indexed);
    const exact = Object.fromEntries(
      VARIANTS.map((v) => {
        if (v === 'index') return [v, (id: string) => (indexed[pool.findIndex((s) => s.id === id)] as number) / indexedBest];
        const scores = new Map(bm25[v].search(text, docs.length).map((r) => [r.id, r.score]));
        const best = Math.max(1e-9, ...pool.map((s) => scores.get(s.id) ?? 0));
        return [v, (id: string) => (scores.get(id) ?? 0) / best];
      }),
    ) as Record<Variant, (id: string) => number>;
    const top = pool[0]?.score ?? 1;
    out.push({
      part: partOf(splitKey(set, q)),
      fold: at % FOLDS,
      gold: q.gold,
      length: query.length,
      candidates: pool.map((s, i) => ({
        id: s.id,
        base: s.score / top,
        stem: (stem[i] as number) / stemBest,
        exact: Object.fromEntries(VARIANTS.map((v) => [v, exact[v](s.id)])) as Record<Variant, number>,
      })),
    });
  });
  return out;
}

interface Blend {
  variant: Variant;
  stemWeight: number;
  stemGate: number;
  exactWeight: number;
  exactGate: number;
}

function mrr(queries: readonly Query[], b: Blend): number {
  let rr = 0;
  for (const q of queries) {
    const ws = q.length > b.stemGate ? b.stemWeight : 0;
    const we = q.length > b.exactGate ? b.exactWeight : 0;
    const order = q.candidates.map((c) => ({ id: c.id, s: c.base + ws * c.stem + we * c.exact[b.variant] })).sort((a, z) => z.s - a.s);
    const rank = order.slice(0, 5).findIndex((c) => c.id === q.gold);
    if (rank >= 0) rr += 1 / (rank + 1);
  }
  return rr / (queries.length || 1);
}

const started = performance.now();
const sets = [loadTechQA(), loadStackFAQ()];
const data = sets.map(collect);
const dev = data.map((d) => d.filter((q) => q.part === 'dev'));
const test = data.map((d) => d.filter((q) => q.part === 'test'));
const shipped: Blend = { variant: 'exact', stemWeight: 0.75, stemGate: 6, exactWeight: 0, exactGate: 0 };
const label = (b: Blend) =>
  `stem ${b.stemWeight}${b.stemWeight ? ` (>${b.stemGate})` : ''}, ${b.variant} ${b.exactWeight}${b.exactWeight ? ` (>${b.exactGate})` : ''}`;

const grid: Blend[] = [];
for (const variant of VARIANTS)
  for (const stemWeight of [0, 0.5, 0.75, 1])
    for (const stemGate of [0, 6])
      for (const exactWeight of [0, 0.25, 0.5, 0.75, 1, 1.5])
        for (const exactGate of [0, 6, 10]) {
          if ((stemWeight === 0 && stemGate !== 0) || (exactWeight === 0 && (exactGate !== 0 || variant !== 'exact'))) continue;
          grid.push({ variant, stemWeight, stemGate, exactWeight, exactGate });
        }
const objective = (groups: ReadonlyArray<readonly Query[]>, b: Blend) => groups.reduce((sum, g) => sum + mrr(g, b), 0) / groups.length;
const show = (b: Blend) => sets.map((set, s) => `${set.name} ${fmt(mrr(dev[s] as Query[], b))} / ${fmt(mrr(test[s] as Query[], b))}`).join('   ');

console.log(`Blends over the ranker's ${POOL} leading candidates (per-field order + weights × one-field scores); MRR@5 dev / test.\n`);
console.log(`  no blend:            ${show({ ...shipped, stemWeight: 0 })}`);
console.log(`  shipped (${label(shipped)}): ${show(shipped)}`);
const ranked = [...grid].sort((a, b) => objective(dev, b) - objective(dev, a));
console.log('\nBest 15 on the mean development MRR@5:');
for (const b of ranked.slice(0, 15)) console.log(`  ${label(b).padEnd(40)} ${show(b)}`);
for (const variant of VARIANTS) {
  const best = ranked.find((b) => b.variant === variant && b.exactWeight > 0 && b.stemWeight === 0);
  if (best) console.log(`  best ${variant} alone (no stemmed blend): ${label(best)}: ${show(best)}`);
}

// 5-fold CV of the whole grid choice, against the shipped blend's CV (fixed, so its CV is its dev figure per fold).
const held = sets.map(() => 0);
const chosen: string[] = [];
for (let k = 0; k < FOLDS; k++) {
  const train = dev.map((d) => d.filter((q) => q.fold !== k));
  const best = grid.reduce((m, b) => (objective(train, b) > objective(train, m) + 1e-9 ? b : m), shipped);
  chosen.push(label(best));
  dev.forEach((d, s) => {
    const fold = d.filter((q) => q.fold === k);
    held[s] = (held[s] as number) + mrr(fold, best) * fold.length;
  });
}
console.log(
  `\n5-fold CV of the grid choice: ${sets.map((set, s) => `${set.name} ${fmt((held[s] as number) / (dev[s] as Query[]).length)}`).join('   ')} (shipped: ${sets
    .map((set, s) => `${set.name} ${fmt(mrr(dev[s] as Query[], shipped))}`)
    .join('   ')})`,
);
console.log(`  folds chose: ${chosen.join(' | ')}`);
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
