import type { PageContext } from '../../schema';

/**
 * The semantic stage: the lexical ranker's leading candidates re-ordered by how close a sentence
 * encoder puts each article to the page. It runs only where it was measured to help (short pages,
 * the paraphrase case); long technical tickets are BM25's best case and the encoder's worst.
 * Weights and the gate were chosen on the development halves (docs/knowledge-eval.md).
 */

/** A sentence encoder: texts in, one vector per text out (any length; compared by cosine). */
export interface SentenceEncoder {
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

export interface SemanticOptions {
  /** How much a cosine of 1 counts against the top lexical score (scores are divided by the top one). */
  weight: number;
  /** Above this many informative query words the lexical order is kept as it is. */
  maxInformativeTerms: number;
}

/** Chosen on the development halves: weight 2 of 0.5 / 1 / 2 / 3, gate 15 of 6 / 10 / 15 / none. */
export const SEMANTIC_DEFAULTS: SemanticOptions = { weight: 2, maxInformativeTerms: 15 };
/** How many lexical candidates the stage re-orders (the 20 the latency target is stated for). */
export const SEMANTIC_POOL = 20;
/** Characters of an article's body the encoder reads after its title (it reads the head of a text best). */
const ARTICLE_HEAD_CHARS = 1000;

export function articleEmbeddingText(article: { title: string; body: string }): string {
  return `${article.title}\n${article.body.slice(0, ARTICLE_HEAD_CHARS)}`;
}

export function pageEmbeddingText(context: Pick<PageContext, 'subject' | 'conversation'>): string {
  return `${context.subject ?? ''}\n${context.conversation}`.trim();
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** Whether the stage runs for a page at all: when it does not, the page need not be embedded either. */
export function semanticApplies(informativeTerms: number, options: SemanticOptions = SEMANTIC_DEFAULTS): boolean {
  return options.weight !== 0 && informativeTerms <= options.maxInformativeTerms;
}

/**
 * The candidates in blended order: score / top score + weight × similarity. Candidates come best
 * first (as the lexical ranker returns them); a missing similarity counts as 0.
 */
export function semanticRerank<T extends { score: number }>(
  candidates: readonly T[],
  similarity: (candidate: T) => number | undefined,
  informativeTerms: number,
  options: SemanticOptions = SEMANTIC_DEFAULTS,
): T[] {
  const top = candidates[0]?.score ?? 0;
  if (top <= 0 || !semanticApplies(informativeTerms, options)) return [...candidates];
  return candidates
    .map((candidate, order) => ({ candidate, order, blended: candidate.score / top + options.weight * (similarity(candidate) ?? 0) }))
    .sort((a, b) => b.blended - a.blended || a.order - b.order)
    .map((x) => x.candidate);
}

/**
 * Vectors by key (an article's "kind:id@version"), computed once: the articles' side is the costly
 * one (a long text each), so at suggestion time only the page needs the encoder.
 */
export class EmbeddingCache {
  private readonly vectors = new Map<string, Float32Array>();

  constructor(private readonly encoder: SentenceEncoder) {}

  get(key: string): Float32Array | undefined {
    return this.vectors.get(key);
  }

  /** Embeds, in batches, the texts whose keys are not cached yet. */
  async fill(entries: ReadonlyArray<{ key: string; text: string }>, batch = 16): Promise<void> {
    const missing = entries.filter((e) => !this.vectors.has(e.key));
    for (let i = 0; i < missing.length; i += batch) {
      const slice = missing.slice(i, i + batch);
      const vectors = await this.encoder.embed(slice.map((e) => e.text));
      slice.forEach((e, j) => {
        const vector = vectors[j];
        if (vector) this.vectors.set(e.key, vector);
      });
    }
  }

  get size(): number {
    return this.vectors.size;
  }
}
