import { z } from 'zod';
import { Id } from './entities';
import { LearningTerm, MAX_LEARNING_TERMS } from './knowledge-learning';
import { Timestamp } from './primitives';

// ---- Content gaps (server/routes/knowledge-review.ts, lib/knowledge/gaps.ts, docs/knowledge-search.md "Content gaps").

export const MAX_GAPS = 50;

/**
 * The overlay or side panel had no confident suggestion (`page`), or an agent's search found nothing (`search`): what
 * was asked, as its informative terms only (letters only, as learning sends them: no identities, numbers or addresses).
 */
export const KnowledgeGap = z.strictObject({
  id: Id,
  source: z.enum(['page', 'search']),
  site: z.string().max(50).nullable(),
  terms: z.array(LearningTerm).min(1).max(MAX_LEARNING_TERMS),
  /** One of the caller's teams; the first of them when absent. */
  teamId: Id.optional(),
  occurredAt: Timestamp,
});
export type KnowledgeGap = z.infer<typeof KnowledgeGap>;
export const GapsRequest = z.strictObject({ gaps: z.array(KnowledgeGap).min(1).max(MAX_GAPS) });
export const GapsSentResponse = z.object({ accepted: z.number().int().nonnegative(), duplicates: z.number().int().nonnegative() });

/** Gaps with similar terms, for the console: the group's commonest terms first, how often, where and when last. */
export const GapGroup = z.object({
  terms: z.array(z.string()),
  count: z.number().int().positive(),
  pages: z.number().int().nonnegative(),
  searches: z.number().int().nonnegative(),
  sites: z.array(z.string()),
  lastSeenAt: Timestamp,
});
export type GapGroup = z.infer<typeof GapGroup>;

/** GET /knowledge/review/gaps: the caller's teams' gaps of the last `days`, the largest groups first. */
export const GapGroupsResponse = z.object({ days: z.number().int().positive(), groups: z.array(GapGroup) });
export type GapGroupsResponse = z.infer<typeof GapGroupsResponse>;
