// Whether answering on this page could expose a private matter: the page is public (a tweet, a post)
// and the customer has something private going on. Pure, so the overlay and tests share it.
import type { Channel, PageContext, Resolution } from '../schema';

/** Channels where what is written is seen by everyone. */
const PUBLIC_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['twitter', 'facebook']);
/** How far back private interactions count as a "current" private matter. */
const RECENT_MS = 90 * 24 * 60 * 60 * 1000;

export interface PrivateMatters {
  customerName: string;
  /** Open cases raised through a private channel (email, a ticket, a call…). */
  privateCases: { subject: string; channel: Channel }[];
  /** Recent private interactions (DMs, emails, calls) in the timeline. */
  privateInteractions: number;
}

/** Null when a public reply here is safe; otherwise what the agent must not bring up. */
export function privateMattersForPublicReply(context: PageContext | null, resolution: Resolution | null, now = Date.now()): PrivateMatters | null {
  if (context?.visibility !== 'public' || resolution?.status !== 'matched') return null;
  const { view } = resolution;
  const privateCases = view.openCases.filter((c) => !PUBLIC_CHANNELS.has(c.channel)).map((c) => ({ subject: c.subject, channel: c.channel }));
  const privateInteractions = view.timeline.filter((i) => i.visibility === 'private' && now - Date.parse(i.occurredAt) <= RECENT_MS).length;
  if (privateCases.length === 0 && privateInteractions === 0) return null;
  return { customerName: view.customer.name, privateCases, privateInteractions };
}
