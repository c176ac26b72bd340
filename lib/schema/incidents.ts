// Possible incidents (issue 22, docs/incidents.md): what the server's detector found in a team's new contacts, as
// managers see it (`GET /incidents`, the console's card, the overlay's banner), and the actions on it.
import { z } from 'zod';
import { Channel, Id } from './entities';
import { Text, Timestamp } from './primitives';

/** open: just detected; broadcast: a manager turned it into a broadcast; closed: over; dismissed: not an incident. */
export const IncidentStatus = z.enum(['open', 'broadcast', 'closed', 'dismissed']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** Terms and cases, counts and times: never who wrote (server/incidents/detect.ts). */
export const Incident = z.object({
  id: Id,
  teamId: Id,
  /** The words customers shared, most shared first. */
  terms: z.array(Text(40)).min(1).max(40),
  caseIds: z.array(Id).max(5000),
  /** Different people so far, and how many the team's baseline expected in one window. */
  contacts: z.int().nonnegative(),
  expected: z.number().nonnegative(),
  firstAt: Timestamp,
  detectedAt: Timestamp,
  lastAt: Timestamp,
  status: IncidentStatus,
  broadcastId: Id.nullable(),
  closedAt: Timestamp.nullable(),
  /** Follow-up drafts recorded after it was closed (one per linked case), or 0. */
  followUps: z.int().nonnegative(),
  /** The workaround it was broadcast with, noted on every linked case; null when there was none. */
  workaround: Text(5000).nullable().default(null),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentsQuery = z.strictObject({ status: IncidentStatus.optional() });
export const IncidentsResponse = z.strictObject({ incidents: z.array(Incident) });
export type IncidentsResponse = z.infer<typeof IncidentsResponse>;

/** `POST /incidents/:id/link`: the broadcast a manager made of it; its cases are linked to it and get the workaround as a note. */
export const LinkBroadcastRequest = z.strictObject({ broadcastId: Id, workaround: Text(5000).min(1).nullable().optional() });
/** `POST /incidents/:id/status`: closing or dismissing it. */
export const IncidentStatusRequest = z.strictObject({ status: z.enum(['closed', 'dismissed']) });

/** `POST /incidents/:id/follow-ups`: one message for every linked customer, recorded as a draft on each case. */
export const FollowUpRequest = z.strictObject({ message: Text(5000).min(1) });
export const FollowUpDraft = z.object({ caseId: Id, channel: Channel, text: Text(5000), createdAt: Timestamp });
export type FollowUpDraft = z.infer<typeof FollowUpDraft>;
export const FollowUpResponse = z.strictObject({ incident: Incident, drafts: z.array(FollowUpDraft) });
export type FollowUpResponse = z.infer<typeof FollowUpResponse>;

/**
 * A workaround the manager may send with an incident's broadcast: the team's snippet tagged `workaround`, or a note an
 * agent marked "workaround" on one of the incident's cases (the note's text and case id: never who the customer is).
 */
export const WorkaroundOffer = z.object({
  source: z.enum(['snippet', 'case']),
  text: Text(5000).min(1),
  caseId: Id.nullable(),
  createdAt: Timestamp.nullable(),
});
export type WorkaroundOffer = z.infer<typeof WorkaroundOffer>;

/** The broadcast one click makes of an incident (lib/incidents/draft.ts), shown on the card before the click. */
export const IncidentBroadcastDraft = z.object({
  title: Text(200).min(1),
  message: Text(5000),
  severity: z.enum(['info', 'minor', 'major', 'critical']),
  teamId: Id,
  /** The team's workaround or outage reply that matches best, pinned first for agents; null when none does. */
  suggestedSnippetId: Id.nullable(),
  suggestedSnippetTitle: Text(300).nullable(),
  /** The workaround agents shared (the suggested snippet when it is tagged `workaround`): noted on every linked case. */
  workaround: Text(5000).nullable(),
  /** Every workaround found for it, the snippet first, then agents' case notes newest first; `workaround` is the first. */
  workarounds: z.array(WorkaroundOffer).max(30).default([]),
});
export type IncidentBroadcastDraft = z.infer<typeof IncidentBroadcastDraft>;

/** What the console's card and the manager's overlay banner show. */
export const IncidentCardData = z.object({ incident: Incident, draft: IncidentBroadcastDraft });
export type IncidentCardData = z.infer<typeof IncidentCardData>;

/**
 * What an agent's capture form offers when the post matches an incident broadcast (lib/incidents/prefill.ts): the
 * broadcast's suggested reply, prefilled, and the broadcast that links the case to its incident when the agent uses it.
 */
export const IncidentOffer = z.object({
  broadcastId: Id,
  title: Text(200).min(1),
  /** The broadcast's words the post shares (folded, stemmed). */
  terms: z.array(Text(40)).min(1).max(40),
  snippetId: Id,
  reply: Text(5000).min(1),
});
export type IncidentOffer = z.infer<typeof IncidentOffer>;
