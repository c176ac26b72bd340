import type { ContentEmbedding } from '../../schema';
import { cosine, SEMANTIC_DEFAULTS, type SemanticOptions, semanticRerank } from './rerank';
import { decodeVector, EMBEDDING_MODEL } from './vector';

/**
 * The semantic stage on the extension's side, from what sync brings: each article's and snippet's vector comes with
 * it (server/knowledge/embed.ts), so at suggestion time only the page needs the encoder.
 */

/** The record's synced vector, if the server made it with the encoder this extension runs (another model's is not comparable). */
export function syncedVector(record: { embedding?: ContentEmbedding }): Int8Array | undefined {
  return record.embedding?.model === EMBEDDING_MODEL ? decodeVector(record.embedding.vector) : undefined;
}

/**
 * The lexical candidates re-ordered by the page's vector against each candidate's synced one (rerank.ts's blend and
 * gate); a candidate without a vector counts as unrelated, so it keeps its place only on its lexical score.
 */
export function rerankBySyncedVectors<T extends { id: string; score: number }>(
  candidates: readonly T[],
  pageVector: ArrayLike<number>,
  records: ReadonlyMap<string, { embedding?: ContentEmbedding }>,
  informativeTerms: number,
  options: SemanticOptions = SEMANTIC_DEFAULTS,
): T[] {
  return semanticRerank(
    candidates,
    (candidate) => {
      const record = records.get(candidate.id);
      const vector = record && syncedVector(record);
      return vector ? cosine(pageVector, vector) : undefined;
    },
    informativeTerms,
    options,
  );
}
