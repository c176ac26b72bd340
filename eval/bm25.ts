/**
 * Plain Okapi BM25, the baseline: k1 = 1.2, b = 0.75, Lucene's idf ln(1 + (N − df + 0.5)/(df + 0.5)),
 * one field (title + body), lowercase alphanumeric tokens, no stop words, no stemming, no boosts;
 * each distinct query term counts once.
 */
export class PlainBM25 {
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly lengths: number[] = [];
  private readonly ids: string[] = [];
  private avgLength = 0;

  constructor(
    docs: ReadonlyArray<{ id: string; text: string }>,
    private readonly k1 = 1.2,
    private readonly b = 0.75,
    private readonly tokens: (text: string) => string[] = plainTokens,
    /** How a query is split (the documents' tokenisation unless given). */
    private readonly queryTokens: (text: string) => string[] = tokens,
  ) {
    let total = 0;
    docs.forEach((doc, i) => {
      const tokens = this.tokens(doc.text);
      this.ids.push(doc.id);
      this.lengths.push(tokens.length);
      total += tokens.length;
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, f] of tf) {
        const list = this.postings.get(t);
        if (list) list.push([i, f]);
        else this.postings.set(t, [[i, f]]);
      }
    });
    this.avgLength = docs.length > 0 ? total / docs.length : 0;
  }

  search(query: string, limit = 5): Array<{ id: string; score: number }> {
    const n = this.ids.length;
    const scores = new Map<number, number>();
    for (const term of new Set(this.queryTokens(query))) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const [doc, tf] of list) {
        const len = this.lengths[doc] ?? 0;
        const s = (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * len) / this.avgLength));
        scores.set(doc, (scores.get(doc) ?? 0) + s);
      }
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([doc, score]) => ({ id: this.ids[doc] ?? '', score }));
  }
}

export function plainTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
