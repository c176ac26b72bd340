/**
 * The latency/relevance trade-off of the suggestion query's postings budget (rank.ts SuggestOptions.postingsBudget)
 * when the real relevance sets are hidden among synthetic distractors.
 * Run: npm run bench:knowledge:budget [-- size, default 10000]   (~1 min at 10,000)
 *
 * The index holds the 462 real articles plus recombined ones up to `size` (bench/knowledge/corpus.ts);
 * the distractors reuse sentences of the gold articles, so this is harder than a real help centre.
 */
import { loadStackFAQ, loadTechQA } from '../../eval/datasets';
import { type RankedRun, relevance } from '../../eval/metrics';
import { DEFAULT_POSTINGS_BUDGET, suggest } from '../../lib/knowledge/rank';
import { KnowledgeIndex } from '../../lib/knowledge/search-index';
import { latencies, ms, table } from '../stats';
import { corpus } from './corpus';

const size = Number(process.argv[2] ?? 10_000);
const index = KnowledgeIndex.build({ articles: corpus(size) });
const sets = [loadTechQA(), loadStackFAQ()];
const rows: string[][] = [['postings budget', 'TechQA MRR@5', 'TechQA R@5', 'StackFAQ MRR@5', 'StackFAQ R@5', 'p50', 'p95']];
for (const budget of [25_000, 100_000, 400_000, 1_600_000, Number.POSITIVE_INFINITY]) {
  const cells: string[] = [];
  const samples: number[] = [];
  for (const set of sets) {
    const runs: RankedRun[] = [];
    for (const q of set.queries) {
      if (!q.gold) continue;
      const t = performance.now();
      const ranked = suggest(index, q, { site: 'bench', minConfidence: 0, postingsBudget: budget }).map((s) => s.id);
      samples.push(performance.now() - t);
      runs.push({ gold: q.gold, ranked });
    }
    const f = relevance(runs, 5);
    cells.push(f.mrr.toFixed(3), f.recall.toFixed(3));
  }
  const l = latencies(samples);
  rows.push([
    `${Number.isFinite(budget) ? budget.toLocaleString('en') : 'none'}${budget === DEFAULT_POSTINGS_BUDGET ? ' (default)' : ''}`,
    ...cells,
    ms(l.p50),
    ms(l.p95),
  ]);
}
console.log(`Postings budget at ${size.toLocaleString('en')} articles (real sets + distractors), all answerable queries\n`);
console.log(table(rows));
