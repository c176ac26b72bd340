import { z } from 'zod';
import { isHttpUrl } from './http-url';
import { Int4, Text, Timestamp } from './primitives';
import { CHANNELS, IDENTITY_KINDS } from './site-catalog';
import { SlaClock } from './sla-clock';

export { Timestamp };
export const Id = Text(64).min(1);
/** A link Tandem stores (an article's, a case's or an interaction's source): http(s) only, see ./http-url.ts. */
export const HttpUrl = z.url().refine(isHttpUrl, 'Only http: and https: links are allowed.');

/** Where a conversation happens: a general channel (email, phone, chat, web) or a built-in site's own (./site-catalog.ts). */
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** Email, phone, or a built-in site's own kind: a handle or a record id (./site-catalog.ts). */
export const IdentityKind = z.enum(IDENTITY_KINDS);
export type IdentityKind = z.infer<typeof IdentityKind>;

/** One way of recognising a person: an email, an E.164 phone, a social handle or a CRM record id. */
export const Identity = z.object({
  kind: IdentityKind,
  value: Text(320).min(1),
});
export type Identity = z.infer<typeof Identity>;

export const Tier = z.enum(['standard', 'silver', 'gold', 'platinum']);
export type Tier = z.infer<typeof Tier>;

/**
 * A coarse lifetime value, sent instead of the exact figure to roles whose field policy masks it (thresholds:
 * VALUE_BAND_FLOORS_CENTS in ./privacy.ts), so their queue still sorts by who matters most.
 */
export const ValueBand = z.enum(['low', 'medium', 'high', 'top']);
export type ValueBand = z.infer<typeof ValueBand>;

/**
 * What the server's field policy masked in this record for its reader (policy field keys such as "phone" or
 * "lifetimeValueCents"), and whether the reader may reveal them with a reason. Absent: nothing is masked.
 */
export const Masking = z.object({ masked: z.array(Text(50)).max(50), revealable: z.boolean() });
export type Masking = z.infer<typeof Masking>;

/** Fields every synced record carries: server version for optimistic concurrency, and soft delete. */
const Synced = {
  id: Id,
  version: Int4,
  updatedAt: Timestamp,
  deleted: z.boolean().default(false),
};

export const Customer = z.object({
  ...Synced,
  teamId: Id,
  name: Text(200).min(1),
  identities: z.array(Identity).min(1).max(50),
  tier: Tier,
  /** Lifetime value in minor currency units; hidden by role policy for some roles, hence optional. */
  lifetimeValueCents: z.number().int().nonnegative().optional(),
  /** Set by the server only where the reader's policy masks lifetimeValueCents. */
  valueBand: ValueBand.optional(),
  /** Set by the server only; never stored. */
  masking: Masking.optional(),
  currency: Text(3).length(3).default('USD'),
  language: Text(10).min(2).default('en'),
  tags: z.array(Text(50)).max(50).default([]),
  createdAt: Timestamp,
});
export type Customer = z.infer<typeof Customer>;

export const Direction = z.enum(['inbound', 'outbound']);

export const Interaction = z.object({
  ...Synced,
  teamId: Id,
  customerId: Id,
  caseId: Id.nullable().default(null),
  channel: Channel,
  /** Public interactions are visible to anyone (a tweet); private ones are not (an email, a DM). */
  visibility: z.enum(['public', 'private']),
  direction: Direction,
  text: Text(20_000),
  sourceUrl: HttpUrl.nullable().default(null),
  authorName: Text(200).nullable().default(null),
  occurredAt: Timestamp,
  /** Set by the server only, where the reader's policy masks this channel's text; never stored. */
  masking: Masking.optional(),
});
export type Interaction = z.infer<typeof Interaction>;

export const CaseStatus = z.enum(['new', 'open', 'pending', 'solved', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatus>;
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'open', 'pending'];
export const Priority = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof Priority>;

export const CaseSource = z.object({
  url: HttpUrl.nullable(),
  site: Text(50).nullable(),
  /** The post, tweet, message or record the case was captured from, when it has an id of its own. */
  externalId: Text(200).nullable(),
  pageTitle: Text(500).nullable().default(null),
});

/**
 * A note on a case for its agents, never sent to the customer. `workaround`: the one a broadcast incident carries,
 * written by the server on every case linked to it (server/incidents/notes.ts, docs/incidents.md), or one an agent
 * wrote and marked so (lib/cases/notes.ts): offered to the manager for an incident's broadcast. `note`: an agent's plain note.
 */
export const CaseNote = z.object({
  kind: z.enum(['workaround', 'note']),
  text: Text(5000).min(1),
  incidentId: Id.nullable(),
  /** Set by the capture form when the agent used an incident broadcast's reply: the server links the case to that incident. */
  broadcastId: Id.optional(),
  createdAt: Timestamp,
});
export type CaseNote = z.infer<typeof CaseNote>;

export const Case = z.object({
  ...Synced,
  teamId: Id,
  customerId: Id,
  subject: Text(300).min(1),
  status: CaseStatus,
  priority: Priority,
  channel: Channel,
  slaDueAt: Timestamp.nullable(),
  /** Set by the server: the running service-level targets in business time (lib/sla/clock.ts); absent: wall-clock slaDueAt only. */
  slaClock: SlaClock.optional(),
  assigneeId: Id.nullable().default(null),
  tags: z.array(Text(50)).max(50).default([]),
  source: CaseSource,
  createdAt: Timestamp,
  /** Absent on cases nobody has noted anything on. */
  notes: z.array(CaseNote).max(20).optional(),
});
export type Case = z.infer<typeof Case>;

export const Targeting = z.object({
  teamIds: z.array(Id).default([]),
  sites: z.array(Text(50)).default([]),
  tags: z.array(Text(50)).default([]),
});

/**
 * Who keeps an article or snippet true, and until when it counts as verified (issue 19): past
 * `verifyBy` it is stale, shown with a badge and ranked lower. Optional: older records have neither.
 */
const Verification = {
  owner: Id.nullable().optional(),
  verifyBy: Timestamp.nullable().optional(),
  /** When someone last clicked "Verified" (lib/knowledge/verification.ts). */
  verifiedAt: Timestamp.nullable().optional(),
};

/**
 * A sentence vector of an article or snippet version, computed once by the server (server/knowledge/embed.ts) and
 * synced with it for the optional semantic stage (lib/knowledge/semantic/). `vector`: 512 int8 components, base64;
 * `model` names the encoder, so a client whose encoder differs ignores the vector. Absent until the server embedded
 * this version, and on servers that do not embed.
 */
export const ContentEmbedding = z.object({
  model: Text(40).min(1),
  vector: z.string().regex(/^[A-Za-z0-9+/]{683}=$/),
});
export type ContentEmbedding = z.infer<typeof ContentEmbedding>;

export const Article = z.object({
  ...Synced,
  ...Verification,
  title: Text(300).min(1),
  /** Markdown; rendered only through a sanitizer. */
  body: Text(100_000),
  summary: Text(1000),
  url: HttpUrl.nullable().default(null),
  tags: z.array(Text(50)).max(50).default([]),
  language: Text(10).min(2).default('en'),
  status: z.enum(['draft', 'published', 'archived']),
  targeting: Targeting,
  /**
   * "Also answers": other ways customers ask what this article answers, added by managers (issue 19);
   * ranked as a field of their own (lib/knowledge/postings.ts). Absent on older records.
   */
  alsoAnswers: z.array(Text(300).min(1)).max(20).optional(),
  /** The solved case the article was drafted from ("Draft article", issue 19); absent on others. */
  fromCaseId: Id.optional(),
  embedding: ContentEmbedding.optional(),
});
export type Article = z.infer<typeof Article>;

export const Snippet = z.object({
  ...Synced,
  ...Verification,
  title: Text(200).min(1),
  /** Typed in a reply box (e.g. ";refund") to expand the snippet. */
  shortcut: z.string().regex(/^;[a-z0-9-]{2,30}$/),
  /** Plain text with {{placeholders}} such as {{customer.firstName}}, {{agent.name}}, {{case.id}}. */
  body: Text(10_000),
  tags: z.array(Text(50)).max(50).default([]),
  language: Text(10).min(2).default('en'),
  status: z.enum(['draft', 'published', 'archived']),
  targeting: Targeting,
  embedding: ContentEmbedding.optional(),
});
export type Snippet = z.infer<typeof Snippet>;

export const Severity = z.enum(['info', 'minor', 'major', 'critical']);

export const Broadcast = z.object({
  ...Synced,
  title: Text(200).min(1),
  message: Text(5000),
  severity: Severity,
  startsAt: Timestamp,
  endsAt: Timestamp.nullable(),
  suggestedSnippetId: Id.nullable().default(null),
  targeting: Targeting,
});
export type Broadcast = z.infer<typeof Broadcast>;

/** What the agent did: with knowledge (suggested… helpful), a capture, or opening a customer's card (the access log's). */
export const UsageEventType = z.enum(['suggested', 'opened', 'inserted', 'helpful', 'not_helpful', 'captured', 'card_opened']);
export const UsageItemKind = z.enum(['article', 'snippet', 'case', 'customer']);
/** Where a customer's card was opened: resolved on a page, in the side panel, from the queue. */
export const CardSurface = z.enum(['page', 'sidepanel', 'queue']);
export type CardSurface = z.infer<typeof CardSurface>;

export const UsageEvent = z.object({
  id: Id,
  type: UsageEventType,
  itemKind: UsageItemKind,
  itemId: Id,
  /** card_opened only. */
  surface: CardSurface.optional(),
  userId: Id,
  teamId: Id,
  site: Text(50).nullable(),
  occurredAt: Timestamp,
});
export type UsageEvent = z.infer<typeof UsageEvent>;

export const Role = z.enum(['agent', 'manager', 'admin']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: Id,
  email: z.email(),
  name: Text(200).min(1),
  role: Role,
  teamIds: z.array(Id),
});
export type User = z.infer<typeof User>;

/** The entities that sync between server and extension, by table name. */
export const SYNCED_ENTITIES = {
  customers: Customer,
  interactions: Interaction,
  cases: Case,
  articles: Article,
  snippets: Snippet,
  broadcasts: Broadcast,
} as const;
export type SyncedEntityName = keyof typeof SYNCED_ENTITIES;
