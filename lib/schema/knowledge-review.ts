import { z } from 'zod';
import { Id } from './entities';
import { LearningTerm, MAX_LEARNING_TERMS } from './knowledge-learning';
import { Int4, Timestamp } from './primitives';

// ---- Keeping knowledge true (server/routes/knowledge-review.ts, lib/knowledge/verification.ts, docs/knowledge-search.md "Verification").

/** A team that set none verifies its articles and snippets every 90 days (Guru's default). */
export const DEFAULT_VERIFY_INTERVAL_DAYS = 90;
export const VerifyIntervalDays = z.int().min(1).max(3650);

export const TeamVerifyInterval = z.object({
  teamId: Id,
  teamName: z.string(),
  days: VerifyIntervalDays,
  /** No interval stored for the team: the default applies. */
  isDefault: z.boolean(),
});
export type TeamVerifyInterval = z.infer<typeof TeamVerifyInterval>;

/** GET/PUT /knowledge/review/intervals: the verify interval of each team the caller manages. */
export const VerifyIntervalsResponse = z.object({ teams: z.array(TeamVerifyInterval) });
export type VerifyIntervalsResponse = z.infer<typeof VerifyIntervalsResponse>;
export const SetVerifyIntervalRequest = z.strictObject({ days: VerifyIntervalDays });

/** The kinds that have an owner and a verify-by date, as they appear in `/manager/:kind` paths. */
export const VerifiableKind = z.enum(['articles', 'snippets']);
export type VerifiableKind = z.infer<typeof VerifiableKind>;

/** An article or snippet past its verify-by date, for the console's "To verify" list. */
export const ToVerifyItem = z.object({
  kind: VerifiableKind,
  id: Id,
  title: z.string(),
  version: Int4,
  owner: z.object({ id: Id, name: z.string().nullable() }).nullable(),
  verifyBy: Timestamp,
  verifiedAt: Timestamp.nullable(),
});
export type ToVerifyItem = z.infer<typeof ToVerifyItem>;

/** GET /knowledge/review/to-verify: the caller's teams' stale items, the longest overdue first. */
export const ToVerifyResponse = z.object({ at: Timestamp, items: z.array(ToVerifyItem) });
export type ToVerifyResponse = z.infer<typeof ToVerifyResponse>;

/** POST /manager/:kind/:id/verify; a stale baseVersion is a conflict, as for any other change. */
export const VerifyRequest = z.strictObject({ baseVersion: Int4.optional() });

// ---- Agents' flags: "outdated / wrong / missing info" on a suggested item, to its team's review list.

export const FlagReason = z.enum(['outdated', 'wrong', 'missing']);
export type FlagReason = z.infer<typeof FlagReason>;
export const MAX_FLAG_NOTE = 500;
export const MAX_FLAGS = 50;

/**
 * One flag as the extension sends it: the item, the reason, the agent's short note, and the page it was suggested
 * on as its site and informative terms only (letters only: no identities, numbers or addresses).
 */
export const KnowledgeFlag = z.strictObject({
  id: Id,
  itemKind: z.enum(['article', 'snippet']),
  itemId: Id,
  reason: FlagReason,
  note: z.string().max(MAX_FLAG_NOTE),
  site: z.string().max(50).nullable(),
  terms: z.array(LearningTerm).max(MAX_LEARNING_TERMS),
  /** One of the caller's teams; the first of them when absent. */
  teamId: Id.optional(),
  occurredAt: Timestamp,
});
export type KnowledgeFlag = z.infer<typeof KnowledgeFlag>;
export const FlagsRequest = z.strictObject({ flags: z.array(KnowledgeFlag).min(1).max(MAX_FLAGS) });
export const FlagsSentResponse = z.object({ accepted: z.number().int().nonnegative(), duplicates: z.number().int().nonnegative() });

/** An open flag in the console: what was flagged, why, by whom, on what kind of page. */
export const OpenFlag = z.object({
  id: Id,
  kind: VerifiableKind,
  itemId: Id,
  title: z.string().nullable(),
  reason: FlagReason,
  note: z.string(),
  site: z.string().nullable(),
  terms: z.array(z.string()),
  flaggedBy: z.string().nullable(),
  flaggedAt: Timestamp,
});
export type OpenFlag = z.infer<typeof OpenFlag>;
export const OpenFlagsResponse = z.object({ flags: z.array(OpenFlag) });
export type OpenFlagsResponse = z.infer<typeof OpenFlagsResponse>;
