// Service-level policies: first-response and resolution targets per channel group and priority, set per team by
// managers. Shared by the server's `/sla/*` routes and lib/cases/sla-policy.ts (which holds the defaults).
import { z } from 'zod';
import { Id, Timestamp } from './entities';
import { CHANNEL_GROUPS } from './site-catalog';

/** Channels are grouped for SLAs: public social posts, live conversations (phone, chat), tickets and email. */
export const ChannelGroup = z.enum(CHANNEL_GROUPS);
export type ChannelGroup = z.infer<typeof ChannelGroup>;

/** Upper bound of any target: 90 days. */
export const MAX_SLA_MINUTES = 90 * 24 * 60;

const Minutes = z.int().positive().max(MAX_SLA_MINUTES);

export const SlaTarget = z
  .strictObject({ firstResponseMinutes: Minutes, resolutionMinutes: Minutes })
  .refine((t) => t.resolutionMinutes >= t.firstResponseMinutes, {
    message: 'The resolution target cannot be shorter than the first-response target.',
    path: ['resolutionMinutes'],
  });
export type SlaTarget = z.infer<typeof SlaTarget>;

const byPriority = <T extends z.ZodType>(t: T) => z.strictObject({ urgent: t, high: t, normal: t, low: t });
const byGroup = <T extends z.ZodType>(t: T) => z.strictObject({ live: t, social: t, ticket: t });

/** A complete policy: every group × priority has a target. */
export const SlaPolicy = byGroup(byPriority(SlaTarget));
export type SlaPolicy = z.infer<typeof SlaPolicy>;

/**
 * Body of PUT /sla/policies/:teamId: the team's own targets. It replaces what the team had; any group or priority
 * left out uses the default. Unknown groups, priorities or fields are refused.
 */
export const SlaPolicyUpdate = byGroup(byPriority(SlaTarget.optional()).partial().optional()).partial();
export type SlaPolicyUpdate = z.infer<typeof SlaPolicyUpdate>;

export const TeamSlaPolicy = z.object({
  teamId: Id,
  /** The team's targets merged over the defaults. */
  policy: SlaPolicy,
  /** The team's own entries, as last set (empty: all defaults). */
  overrides: SlaPolicyUpdate,
  /** When a manager last set the team's policy; null if never. */
  updatedAt: Timestamp.nullable(),
});
export type TeamSlaPolicy = z.infer<typeof TeamSlaPolicy>;

export const SlaPoliciesResponse = z.object({ defaults: SlaPolicy, teams: z.array(TeamSlaPolicy) });
export type SlaPoliciesResponse = z.infer<typeof SlaPoliciesResponse>;
