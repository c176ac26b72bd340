// Customer effort from the cached interactions (pure): how many times, on how many channels, and how often about the
// same case the customer has had to write. Only what the customer sent counts (inbound), never the agents' replies.

import { type MessageKey, t, tCount, uiLocale } from '../i18n/t';
import type { Effort } from '../schema/effort';
import type { Channel, Interaction } from '../schema/entities';
import { BUILT_IN_SITES, GENERAL_CHANNELS } from '../schema/site-catalog';

/** Contacts further apart than this start a new run: the customer is back with something new. */
export const REPEAT_WINDOW_MS = 7 * 86_400_000;

type Contact = Pick<Interaction, 'channel' | 'direction' | 'occurredAt' | 'caseId'>;

/** The effort of the customer's current run of contact, from their interactions in any order. */
export function customerEffort(interactions: readonly Contact[]): Effort {
  const inbound = interactions.filter((i) => i.direction === 'inbound').sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  // The current run: back from the latest message while each is within the window of the next.
  let start = inbound.length - 1;
  while (start > 0 && Date.parse(inbound[start]!.occurredAt) - Date.parse(inbound[start - 1]!.occurredAt) <= REPEAT_WINDOW_MS) start--;
  const run = inbound.slice(Math.max(0, start));
  const channels: Channel[] = [];
  let switches = 0;
  let repeats = 0;
  const lastOnCase = new Map<string, number>();
  for (const [k, contact] of run.entries()) {
    if (!channels.includes(contact.channel)) channels.push(contact.channel);
    if (k > 0 && run[k - 1]!.channel !== contact.channel) switches++;
    const at = Date.parse(contact.occurredAt);
    if (contact.caseId) {
      const previous = lastOnCase.get(contact.caseId);
      if (previous !== undefined && at - previous <= REPEAT_WINDOW_MS) repeats++;
      lastOnCase.set(contact.caseId, at);
    }
  }
  return { contacts: run.length, channels, switches, repeats, firstAt: run[0]?.occurredAt ?? null };
}

/** Each case's effort: the customer's messages filed under it. */
export function effortByCase(interactions: readonly Contact[]): Map<string, Effort> {
  const byCase = new Map<string, Contact[]>();
  for (const i of interactions) {
    if (!i.caseId) continue;
    const list = byCase.get(i.caseId);
    if (list) list.push(i);
    else byCase.set(i.caseId, [i]);
  }
  return new Map([...byCase].map(([caseId, list]) => [caseId, customerEffort(list)]));
}

/** A channel as agents call it: a site's own name for it ("X"), else the channel ("email"). */
export function channelName(channel: Channel): string {
  if (channel in GENERAL_CHANNELS) return channel;
  const site = BUILT_IN_SITES.find((s) => s.channel === channel);
  return (site && 'ownIdentity' in site && site.ownIdentity?.label) || channel;
}

/** "2 days", "under an hour": how long the customer has been at it. */
function span(ms: number): string {
  const hours = Math.max(0, ms) / 3_600_000;
  if (hours < 1) return t('effort_under_an_hour');
  if (hours < 24) return tCount('effort_hours', Math.round(hours));
  return tCount('effort_days', Math.round(hours / 24));
}

const ORDINAL_CONTACT = {
  one: 'effort_contact_one',
  two: 'effort_contact_two',
  few: 'effort_contact_few',
  other: 'effort_contact_other',
} as const satisfies Partial<Record<Intl.LDMLPluralRule, MessageKey>>;

/** "3rd contact in 2 days" (the ordinal's form by the locale's ordinal rules: 1st, 2nd, 3rd, 4th / 3. Kontakt). */
function contactOrdinal(n: number, within: string): string {
  const form = new Intl.PluralRules(uiLocale(), { type: 'ordinal' }).select(n);
  return t(ORDINAL_CONTACT[form as keyof typeof ORDINAL_CONTACT] ?? ORDINAL_CONTACT.other, n, within);
}

/** One line for the overlay ("3rd contact in 2 days · tried email, X"), or null for a first contact. */
export function effortLine(effort: Effort, now: Date): string | null {
  if (effort.contacts < 2 || !effort.firstAt) return null;
  const parts = [contactOrdinal(effort.contacts, span(now.getTime() - Date.parse(effort.firstAt)))];
  if (effort.channels.length > 1) parts.push(t('effort_tried', effort.channels.map(channelName).join(', ')));
  return parts.join(' · ');
}
