import { z } from 'zod';
import { Id } from './entities';
import { Timestamp } from './primitives';

// ---- Learning from agents (server/routes/knowledge-learning.ts, lib/knowledge/learning.ts).

/** Terms one pick may teach (the page's strongest informative words). */
export const MAX_LEARNING_TERMS = 12;
export const MAX_LEARNING_PICKS = 100;

/**
 * A processed word as the index stores it (folded, stemmed): letters only, so no order number,
 * phone fragment or redacted card digits can be taught; addresses and links cannot pass either.
 */
export const LearningTerm = z.string().regex(/^[\p{L}][\p{L}'-]{1,39}$/u, 'letters only (no digits, spaces or punctuation)');

/** An agent inserted a suggestion or marked it helpful: the page's informative terms now point to it. */
export const LearningPick = z.strictObject({
  id: Id,
  itemKind: z.enum(['article', 'snippet']),
  itemId: Id,
  signal: z.enum(['inserted', 'helpful']),
  terms: z.array(LearningTerm).min(1).max(MAX_LEARNING_TERMS),
  /** One of the caller's teams; the first of them when absent. */
  teamId: Id.optional(),
  occurredAt: Timestamp,
});
export type LearningPick = z.infer<typeof LearningPick>;

export const LearningPicksRequest = z.strictObject({ picks: z.array(LearningPick).min(1).max(MAX_LEARNING_PICKS) });
export const LearningPicksResponse = z.object({ accepted: z.number().int().nonnegative(), duplicates: z.number().int().nonnegative() });
export type LearningPicksResponse = z.infer<typeof LearningPicksResponse>;

export const LearnedTermSchema = z.object({ term: z.string(), weight: z.number().nonnegative(), at: Timestamp });

/** The team's learned associations, decayed to the time of the answer, at most MAX_TERMS_PER_ITEM terms per item. */
export const LearnedAssociationsResponse = z.object({
  at: Timestamp,
  items: z.array(z.object({ itemKind: z.enum(['article', 'snippet']), itemId: Id, terms: z.array(LearnedTermSchema) })),
});
export type LearnedAssociationsResponse = z.infer<typeof LearnedAssociationsResponse>;
