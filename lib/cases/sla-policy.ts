// The service-level policy, shared by the server (authoritative) and the extension (instant, offline).
import type { Channel, Priority } from '../schema/entities';

type ChannelGroup = 'social' | 'live' | 'ticket';

const GROUP: Record<Channel, ChannelGroup> = {
  twitter: 'social',
  facebook: 'social',
  phone: 'live',
  chat: 'live',
  email: 'ticket',
  zendesk: 'ticket',
  salesforce: 'ticket',
  hubspot: 'ticket',
  freshdesk: 'ticket',
  dynamics: 'ticket',
  web: 'ticket',
};

const H = 60;
/** First-response targets in minutes. Public social posts are answered fastest; tickets and email slowest. */
export const SLA_MINUTES: Record<ChannelGroup, Record<Priority, number>> = {
  live: { urgent: 15, high: 30, normal: 60, low: 2 * H },
  social: { urgent: 30, high: 1 * H, normal: 2 * H, low: 4 * H },
  ticket: { urgent: 4 * H, high: 8 * H, normal: 24 * H, low: 48 * H },
};

/** When a case created at createdAt must have had its first response. */
export function slaDueAt(channel: Channel, priority: Priority, createdAt: string): string {
  return new Date(new Date(createdAt).getTime() + SLA_MINUTES[GROUP[channel]][priority] * 60_000).toISOString();
}
