/**
 * Relevance of the suggestion ranker against plain BM25 on two public sets nobody on the team wrote.
 * Run: npm run eval:knowledge   (node --import tsx eval/knowledge.ts)
 * Method and sources: docs/knowledge-eval.md.
 */

import { DEFAULT_MIN_CONFIDENCE, suggest } from '../lib/knowledge/rank';
import { KnowledgeIndex } from '../lib/knowledge/search-index';
import { PlainBM25 } from './bm25';
import { type EvalSet, loadStackFAQ, loadTechQA } from './datasets';
import { fmt, pct, type RankedRun, relevance } from './metrics';

const K = 5;
const SWEEP = [0, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3];

function evaluate(set: EvalSet) {
  const index = KnowledgeIndex.build({ articles: set.articles });
  const bm25 = new PlainBM25(set.articles.map((a) => ({ id: a.id, text: `${a.title}\n${a.body}` })));
  const ours: RankedRun[] = [];
  const oursThresholded: RankedRun[] = [];
  const baseline: RankedRun[] = [];
  // Confidence of the top suggestion per query, for the threshold sweep.
  const answerableConf: number[] = [];
  const impossibleConf: number[] = [];
  const answerableHit: boolean[] = [];

  for (const q of set.queries) {
    const context = { subject: q.subject, conversation: q.conversation };
    const all = suggest(index, context, { site: 'eval', limit: K, minConfidence: 0 });
    const topConfidence = all.reduce((m, s) => Math.max(m, s.confidence), 0);
    if (q.gold === null) {
      impossibleConf.push(topConfidence);
      continue;
    }
    const ranked = all.map((s) => s.id);
    ours.push({ gold: q.gold, ranked });
    oursThresholded.push({ gold: q.gold, ranked: topConfidence >= DEFAULT_MIN_CONFIDENCE ? ranked : [] });
    answerableConf.push(topConfidence);
    answerableHit.push(ranked.includes(q.gold));
    baseline.push({ gold: q.gold, ranked: bm25.search(`${q.subject ?? ''}\n${q.conversation}`, K).map((r) => r.id) });
  }
  return {
    ours: relevance(ours, K),
    oursThresholded: relevance(oursThresholded, K),
    baseline: relevance(baseline, K),
    answerableConf,
    impossibleConf,
    answerableHit,
  };
}

function silentRate(conf: readonly number[], threshold: number): number {
  return conf.length ? conf.filter((c) => c < threshold).length / conf.length : 0;
}

const started = performance.now();
console.log(`Knowledge relevance: MRR@${K} and Recall@${K}, our ranker (lib/knowledge/rank.ts) vs plain BM25 (k1=1.2, b=0.75, no stop words/stemming)\n`);
for (const set of [loadTechQA(), loadStackFAQ()]) {
  const r = evaluate(set);
  const answerable = set.queries.filter((q) => q.gold !== null).length;
  console.log(
    `${set.name}: ${set.articles.length} articles, ${answerable} answerable queries${r.impossibleConf.length ? `, ${r.impossibleConf.length} with no answer in the KB` : ''}`,
  );
  console.log(`  ${'run'.padEnd(44)} ${'MRR@5'.padStart(6)} ${'R@5'.padStart(6)}`);
  console.log(`  ${'plain BM25 (baseline)'.padEnd(44)} ${fmt(r.baseline.mrr).padStart(6)} ${fmt(r.baseline.recall).padStart(6)}`);
  console.log(
    `  ${'ours, ranking only (no threshold)'.padEnd(44)} ${fmt(r.ours.mrr).padStart(6)} ${fmt(r.ours.recall).padStart(6)}   (${fmt(r.ours.mrr / r.baseline.mrr, 2)}× baseline MRR)`,
  );
  console.log(
    `  ${`ours, as shown (threshold ${DEFAULT_MIN_CONFIDENCE})`.padEnd(44)} ${fmt(r.oursThresholded.mrr).padStart(6)} ${fmt(r.oursThresholded.recall).padStart(6)}`,
  );
  console.log(
    `  "no suggestion" at threshold ${DEFAULT_MIN_CONFIDENCE}: answerable ${pct(silentRate(r.answerableConf, DEFAULT_MIN_CONFIDENCE))}${r.impossibleConf.length ? `, no-answer ${pct(silentRate(r.impossibleConf, DEFAULT_MIN_CONFIDENCE))}` : ''}`,
  );
  console.log('  threshold sweep (share of queries given no suggestion; recall kept on answerable):');
  for (const t of SWEEP) {
    const kept = r.answerableConf.filter((c, i) => c >= t && r.answerableHit[i]).length / (r.answerableConf.length || 1);
    const line = `    ${t.toFixed(2)}: answerable silent ${pct(silentRate(r.answerableConf, t)).padStart(6)}`;
    console.log(`${line}${r.impossibleConf.length ? `, no-answer silent ${pct(silentRate(r.impossibleConf, t)).padStart(6)}` : ''}, R@5 ${fmt(kept)}`);
  }
  console.log('');
}
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
