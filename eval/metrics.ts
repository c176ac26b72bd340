/** MRR@k and Recall@k for query sets with one relevant document each. */
export interface RankedRun {
  gold: string;
  ranked: readonly string[];
}

export interface RelevanceFigures {
  queries: number;
  mrr: number;
  recall: number;
}

export function relevance(runs: readonly RankedRun[], k = 5): RelevanceFigures {
  let rr = 0;
  let hits = 0;
  for (const run of runs) {
    const rank = run.ranked.slice(0, k).indexOf(run.gold);
    if (rank >= 0) {
      rr += 1 / (rank + 1);
      hits += 1;
    }
  }
  const n = runs.length || 1;
  return { queries: runs.length, mrr: rr / n, recall: hits / n };
}

export const fmt = (x: number, digits = 3) => x.toFixed(digits);
export const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
