// The service-level policy, shared by the server (authoritative) and the extension (instant, offline).
// The defaults below are one policy; teams may set their own (server/routes/sla.ts), merged over these.
import type { Channel, Priority } from '../schema/entities';
import { CHANNEL_GROUPS, GROUP_OF_CHANNEL } from '../schema/site-catalog';
import type { ChannelGroup, SlaPolicy, SlaPolicyUpdate } from '../schema/sla';

const H = 60;
/** First-response targets in minutes. Public social posts are answered fastest; tickets and email slowest. */
export const SLA_MINUTES: Record<ChannelGroup, Record<Priority, number>> = {
  live: { urgent: 15, high: 30, normal: 60, low: 2 * H },
  social: { urgent: 30, high: 1 * H, normal: 2 * H, low: 4 * H },
  ticket: { urgent: 4 * H, high: 8 * H, normal: 24 * H, low: 48 * H },
};

/** Resolution targets in minutes. */
export const RESOLUTION_MINUTES: Record<ChannelGroup, Record<Priority, number>> = {
  live: { urgent: 4 * H, high: 8 * H, normal: 24 * H, low: 48 * H },
  social: { urgent: 8 * H, high: 24 * H, normal: 48 * H, low: 72 * H },
  ticket: { urgent: 24 * H, high: 48 * H, normal: 72 * H, low: 120 * H },
};

const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

/** Builds a complete policy from a function of (group, priority). */
function policyOf(target: (g: ChannelGroup, p: Priority) => SlaPolicy[ChannelGroup][Priority]): SlaPolicy {
  const out = {} as Record<ChannelGroup, Record<Priority, SlaPolicy[ChannelGroup][Priority]>>;
  for (const g of CHANNEL_GROUPS) {
    out[g] = {} as Record<Priority, SlaPolicy[ChannelGroup][Priority]>;
    for (const p of PRIORITIES) out[g][p] = target(g, p);
  }
  return out;
}

/** The defaults as a policy. */
export const DEFAULT_SLA_POLICY: SlaPolicy = policyOf((g, p) => ({ firstResponseMinutes: SLA_MINUTES[g][p], resolutionMinutes: RESOLUTION_MINUTES[g][p] }));

/** A team's own entries over a base policy (the defaults unless given): every group × priority has a value. */
export function mergeSlaPolicy(overrides: SlaPolicyUpdate, base: SlaPolicy = DEFAULT_SLA_POLICY): SlaPolicy {
  return policyOf((g, p) => overrides[g]?.[p] ?? base[g][p]);
}

/** Any table with first-response minutes per group and priority; a full SlaPolicy fits. */
export type FirstResponseTable = Record<ChannelGroup, Record<Priority, { firstResponseMinutes: number }>>;

/** When a case created at createdAt must have had its first response, under policy. */
export function slaDueAtWith(policy: FirstResponseTable, channel: Channel, priority: Priority, createdAt: string): string {
  return new Date(new Date(createdAt).getTime() + policy[GROUP_OF_CHANNEL[channel]][priority].firstResponseMinutes * 60_000).toISOString();
}

/** When a case created at createdAt must have had its first response, under the defaults. */
export function slaDueAt(channel: Channel, priority: Priority, createdAt: string): string {
  return slaDueAtWith(DEFAULT_SLA_POLICY, channel, priority, createdAt);
}
