// The team queue: teammates, presence (who is viewing or replying to a case) and routing rules.
// Shared by the server's `/queue/*` routes, the background and the queue pages.
import { z } from 'zod';
import { Effort } from './effort';
import { Case, Channel, Id, Role, Tier, Timestamp, ValueBand } from './entities';
import { Int4, Text } from './primitives';

export const Teammate = z.object({
  id: Id,
  name: Text(200).min(1),
  email: Text(320),
  role: Role,
  teamIds: z.array(Id),
});
export type Teammate = z.infer<typeof Teammate>;
export const TeammatesResponse = z.object({ teammates: z.array(Teammate) });

export const PresenceState = z.enum(['viewing', 'replying']);
export type PresenceState = z.infer<typeof PresenceState>;

/** `left` ends the caller's presence on the case at once instead of waiting for the TTL. */
export const PresenceRequest = z.strictObject({ caseId: Id, state: z.enum(['viewing', 'replying', 'left']) });
export type PresenceRequest = z.infer<typeof PresenceRequest>;

/** How long a presence lasts without being repeated; clients refresh at half of it. */
export const PRESENCE_TTL_MS = 30_000;

export const PresenceEntry = z.object({
  caseId: Id,
  teamId: Id,
  userId: Id,
  userName: Text(200),
  state: PresenceState,
  expiresAt: Timestamp,
});
export type PresenceEntry = z.infer<typeof PresenceEntry>;

/** `event: presence` on the live stream: someone's presence on a case started, changed or ended (`state: 'left'`). */
export const PresenceEvent = PresenceEntry.extend({ state: z.enum(['viewing', 'replying', 'left']) });
export type PresenceEvent = z.infer<typeof PresenceEvent>;

export const PresenceListResponse = z.object({ presence: z.array(PresenceEntry) });

/** What a routing rule matches on a new case; every given condition must hold, none given matches every case. */
export const RoutingMatch = z.strictObject({
  channel: Channel.optional(),
  tag: Text(50).min(1).optional(),
  language: Text(10).min(2).optional(),
  tier: Tier.optional(),
});
export type RoutingMatch = z.infer<typeof RoutingMatch>;

export const RoutingTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('team'), teamId: Id }),
  z.strictObject({ kind: z.literal('person'), userId: Id }),
]);
export type RoutingTarget = z.infer<typeof RoutingTarget>;

export const RoutingRule = z.object({
  id: Id,
  /** The rule applies to cases created in this team. */
  teamId: Id,
  name: Text(200).min(1),
  /** Lower runs first; the first matching rule wins. */
  position: Int4,
  enabled: z.boolean(),
  match: RoutingMatch,
  target: RoutingTarget,
  updatedAt: Timestamp,
});
export type RoutingRule = z.infer<typeof RoutingRule>;

export const CreateRoutingRuleRequest = z.strictObject({
  teamId: Id,
  name: Text(200).min(1),
  position: Int4.default(100),
  enabled: z.boolean().default(true),
  match: RoutingMatch,
  target: RoutingTarget,
});
/** Only the fields given change (no defaults here, or an edit would reset them). */
export const EditRoutingRuleRequest = z.strictObject({
  name: Text(200).min(1).optional(),
  position: Int4.optional(),
  enabled: z.boolean().optional(),
  match: RoutingMatch.optional(),
  target: RoutingTarget.optional(),
});
export const RoutingRulesResponse = z.object({ rules: z.array(RoutingRule) });

/** One queue row as the background hands it to the queue pages: the case plus what sorting and display need. */
export const QueueCase = Case.extend({
  customerName: z.string().nullable(),
  customerTier: Tier.nullable(),
  customerValueCents: z.number().int().nonnegative().nullable(),
  /** The value's band: the server's where the policy masks the figure, else computed from it. */
  customerValueBand: ValueBand.nullable(),
  customerLanguage: z.string().nullable(),
  /** The agent's write has not reached the server yet. */
  pending: z.boolean(),
  /** The agent's claim crossed someone else's: the server kept theirs. The conflict's id settles it. */
  claimConflict: z.object({ mutationId: z.string(), wanted: Id.nullable() }).nullable(),
  /** The customer's effort on this case (lib/effort), for the "most effort first" order; null when they have not written. */
  effort: Effort.nullable().optional(),
});
export type QueueCase = z.infer<typeof QueueCase>;

export const QueueSnapshot = z.object({
  me: z.object({ id: Id, name: z.string(), teamIds: z.array(Id) }).nullable(),
  cases: z.array(QueueCase),
  presence: z.array(PresenceEntry),
  teammates: z.array(Teammate),
  live: z.boolean(),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

/** Everything of a queue snapshot but its rows: sent whole with a delta when any of it changed. */
export const QueueSurroundings = QueueSnapshot.omit({ cases: true });
export type QueueSurroundings = z.infer<typeof QueueSurroundings>;

/** Where a page's copy of the queue stands: the background's feed (a new one after a restart) and the last version applied. */
export const QueuePosition = z.object({ feed: z.string().min(1).max(64), version: z.int().nonnegative() });
export type QueuePosition = z.infer<typeof QueuePosition>;

/**
 * The queue pages' live feed (lib/queue/feed.ts): a full snapshot when the page has none or its position is unknown
 * (missed deltas, a restarted background), else the rows changed since the page's version.
 */
export const QueueChanges = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), feed: z.string(), version: z.int().nonnegative(), snapshot: QueueSnapshot }),
  z.object({
    kind: z.literal('delta'),
    feed: z.string(),
    from: z.int().nonnegative(),
    version: z.int().nonnegative(),
    /** Rows added or changed since `from`, whole. */
    upsert: z.array(QueueCase),
    /** Rows that left the queue (closed, moved to another team, deleted). */
    remove: z.array(Id),
    /** Who the agent is, teammates, presence, live: only when they changed since `from` (a live change is one row, not the team). */
    surroundings: QueueSurroundings.optional(),
  }),
]);
export type QueueChanges = z.infer<typeof QueueChanges>;
