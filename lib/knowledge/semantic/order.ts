import { cosine, SEMANTIC_DEFAULTS, type SemanticOptions, semanticApplies } from './rerank';

/**
 * The extension's re-order: the candidates that have a synced vector change places among themselves by the blend of
 * rerank.ts (score / top score + weight × cosine to the page); a candidate without one (not embedded yet, or made by
 * another model) keeps its lexical place, so it is neither buried for lacking a vector nor moved by a guess.
 */
export function reorderByMeaning<T extends { id: string; score: number }>(
  candidates: readonly T[],
  pageVector: ArrayLike<number>,
  vectors: ReadonlyMap<string, ArrayLike<number>>,
  informativeTerms: number,
  options: SemanticOptions = SEMANTIC_DEFAULTS,
): T[] {
  const top = candidates[0]?.score ?? 0;
  if (top <= 0 || !semanticApplies(informativeTerms, options)) return [...candidates];
  const slots: number[] = [];
  const blended: Array<{ candidate: T; order: number; value: number }> = [];
  candidates.forEach((candidate, order) => {
    const vector = vectors.get(candidate.id);
    if (!vector) return;
    slots.push(order);
    blended.push({ candidate, order, value: candidate.score / top + options.weight * cosine(pageVector, vector) });
  });
  blended.sort((a, b) => b.value - a.value || a.order - b.order);
  const out = [...candidates];
  slots.forEach((slot, i) => {
    out[slot] = (blended[i] as (typeof blended)[number]).candidate;
  });
  return out;
}
