// Schemas for the manager console and the admin pages: authoring knowledge (articles, snippets,
// broadcasts, site rules) with versions, usage analytics, and user administration. Inputs are
// strict (unknown fields are refused); outputs reuse the entity schemas the extension syncs.
import { z } from 'zod';
import {
  Article,
  Broadcast,
  CardSurface,
  Channel,
  HttpUrl,
  Id,
  Role,
  Severity,
  Snippet,
  Targeting,
  Timestamp,
  UsageEventType,
  UsageItemKind,
  User,
} from './entities';
import { isSiteMatchPattern } from './match-pattern';
import { Int4, IsoDate, Text } from './primitives';

/** Where a piece of knowledge is in its life: only published items reach agents. */
export const ContentStatus = z.enum(['draft', 'published', 'archived']);
export type ContentStatus = z.infer<typeof ContentStatus>;

/** A site adapter name (`twitter`, `zendesk`) or a host name (`help.example.com`). */
export const SiteName = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[a-z0-9][a-z0-9.-]*$/, 'Use a lowercase site name such as "zendesk" or a host name such as "help.example.com".');
/** Tags are lowercase slugs, so "Billing" and "billing" cannot both exist. */
export const TagName = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Use a lowercase tag of letters, digits, "-" or "_", such as "roaming" or "fair-use".');

function unique<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item)
    .max(max)
    .refine((xs) => new Set(xs).size === xs.length, 'List each value once.');
}

/** Who an item reaches. Empty lists mean "no restriction": no teams listed reaches every team. */
export const TargetingInput = z.strictObject({
  teamIds: unique(Id, 50).default([]),
  sites: unique(SiteName, 50).default([]),
  tags: unique(TagName, 50).default([]),
});
export type TargetingInput = z.infer<typeof TargetingInput>;

const Tags = unique(Text(50).min(1), 50);
const Language = Text(10).min(2);

/**
 * A Chrome match pattern for one site (`https://crm.example.net/*`, `https://*.example.org/app/*`): the same
 * check the extension applies before it asks for the host permission, so a rule the server accepts is one it can use.
 */
export const UrlPattern = z
  .string()
  .max(300)
  .refine(isSiteMatchPattern, 'Use a match pattern for one site, such as "https://crm.example.net/*" (http or https).');
/** A CSS selector run with querySelectorAll in the page; never evaluated as script or markup. */
export const CssSelector = z
  .string()
  .min(1)
  .max(500)
  .refine((s) => !/[<{}]/.test(s) && s.trim() === s, 'A selector cannot contain "<", braces or surrounding spaces.');

/** Which elements hold the customer's details; the same fields as the extension's own site rules. */
export const SiteRuleSelectors = z
  .strictObject({
    email: CssSelector.optional(),
    phone: CssSelector.optional(),
    twitter: CssSelector.optional(),
    name: CssSelector.optional(),
    recordId: CssSelector.optional(),
    conversation: CssSelector.optional(),
  })
  .refine((s) => Boolean(s.email || s.phone || s.twitter), 'Give at least one identity selector (email, phone or twitter).');

/** Ids the extension's site-rule store accepts. */
export const SiteRuleId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'Use 1–40 lowercase letters, digits and dashes.');

/**
 * A manager-authored recipe for reading customer context on a site no built-in adapter knows.
 * Stored in `site_rules` with the same columns as the other synced tables.
 */
export const SiteRule = z.object({
  id: Id,
  version: Int4,
  updatedAt: Timestamp,
  deleted: z.boolean().default(false),
  name: Text(80).min(1),
  urlPattern: UrlPattern,
  selectors: SiteRuleSelectors,
  /** Whether what the site shows is public (a social post) or private (a CRM record). */
  visibility: z.enum(['public', 'private']).default('private'),
  targeting: Targeting,
  status: ContentStatus,
});
export type SiteRule = z.infer<typeof SiteRule>;

/** GET /site-rules: the published rules for the caller's teams. */
export const SiteRulesResponse = z.object({ rules: z.array(SiteRule) });

/** A broadcast as managers see it: the synced Broadcast plus its publication status (agents only ever get published ones). */
export const ManagedBroadcast = Broadcast.extend({ status: ContentStatus });
export type ManagedBroadcast = z.infer<typeof ManagedBroadcast>;

/** The kinds of content managers author, as they appear in `/manager/:kind` paths. */
export const ContentKind = z.enum(['articles', 'snippets', 'broadcasts', 'site-rules']);
export type ContentKind = z.infer<typeof ContentKind>;

export const MANAGED_SCHEMAS = {
  articles: Article,
  snippets: Snippet,
  broadcasts: ManagedBroadcast,
  'site-rules': SiteRule,
} as const;
export type ManagedRecord<K extends ContentKind = ContentKind> = z.infer<(typeof MANAGED_SCHEMAS)[K]>;

// ---- Authoring inputs. Field schemas carry no defaults so a patch never resets a field it does not name.

const articleFields = {
  title: Text(300).min(1),
  body: Text(100_000),
  summary: Text(1000),
  url: HttpUrl.max(2000).nullable(),
  tags: Tags,
  language: Language,
  targeting: TargetingInput,
  /** Other phrasings of the question the article answers, one each (see Article.alsoAnswers). */
  alsoAnswers: unique(Text(300).min(1), 20),
};
const snippetFields = {
  title: Text(200).min(1),
  shortcut: z.string().regex(/^;[a-z0-9-]{2,30}$/, 'A shortcut is ";" and 2–30 lowercase letters, digits or "-", such as ";refund".'),
  body: Text(10_000),
  tags: Tags,
  language: Language,
  targeting: TargetingInput,
};
const broadcastFields = {
  title: Text(200).min(1),
  message: Text(5000),
  severity: Severity,
  startsAt: Timestamp,
  endsAt: Timestamp.nullable(),
  suggestedSnippetId: Id.nullable(),
  targeting: TargetingInput,
};
const siteRuleFields = {
  name: Text(80).trim().min(1),
  urlPattern: UrlPattern,
  selectors: SiteRuleSelectors,
  visibility: z.enum(['public', 'private']),
  targeting: TargetingInput,
};

const nonEmpty = (o: object) => Object.keys(o).length > 0;
const NON_EMPTY = 'Name at least one field to change.';

/** Create bodies. `id` is optional: the server makes one (`art-…`, `snip-…`, `bc-…`, `rule-…`) when it is missing. New items start as drafts. */
export const CreateArticleRequest = z.strictObject({
  id: Id.optional(),
  ...articleFields,
  summary: articleFields.summary.default(''),
  url: articleFields.url.default(null),
  tags: Tags.default([]),
  language: Language.default('en'),
  targeting: TargetingInput.default({ teamIds: [], sites: [], tags: [] }),
  alsoAnswers: articleFields.alsoAnswers.default([]),
  /** Set once, by "Draft article" on a solved case (Article.fromCaseId). */
  fromCaseId: Id.optional(),
});
export const CreateSnippetRequest = z.strictObject({
  id: Id.optional(),
  ...snippetFields,
  tags: Tags.default([]),
  language: Language.default('en'),
  targeting: TargetingInput.default({ teamIds: [], sites: [], tags: [] }),
});
export const CreateBroadcastRequest = z.strictObject({
  id: Id.optional(),
  ...broadcastFields,
  endsAt: broadcastFields.endsAt.default(null),
  suggestedSnippetId: broadcastFields.suggestedSnippetId.default(null),
  targeting: TargetingInput.default({ teamIds: [], sites: [], tags: [] }),
});
export const CreateSiteRuleRequest = z.strictObject({
  id: SiteRuleId.optional(),
  ...siteRuleFields,
  visibility: siteRuleFields.visibility.default('private'),
  targeting: TargetingInput.default({ teamIds: [], sites: [], tags: [] }),
});

/** Edit bodies: the version the editor started from and the fields to change. A stale baseVersion is `409 conflict` with the current record. */
function editRequest<S extends z.ZodRawShape>(fields: S) {
  return z.strictObject({
    baseVersion: Int4,
    patch: z.strictObject(fields).partial().refine(nonEmpty, NON_EMPTY),
  });
}
export const EditArticleRequest = editRequest(articleFields);
export const EditSnippetRequest = editRequest(snippetFields);
export const EditBroadcastRequest = editRequest(broadcastFields);
export const EditSiteRuleRequest = editRequest(siteRuleFields);

export const CREATE_REQUESTS = {
  articles: CreateArticleRequest,
  snippets: CreateSnippetRequest,
  broadcasts: CreateBroadcastRequest,
  'site-rules': CreateSiteRuleRequest,
} as const;
export const EDIT_REQUESTS = {
  articles: EditArticleRequest,
  snippets: EditSnippetRequest,
  broadcasts: EditBroadcastRequest,
  'site-rules': EditSiteRuleRequest,
} as const;

/** Publish, unpublish (back to draft) and archive. baseVersion is optional; when given, a stale one is a conflict. */
export const StatusChangeRequest = z.strictObject({ baseVersion: Int4.optional() });
export const RollbackRequest = z.strictObject({
  /** The version to restore; the result is a new version equal to it (status included). */
  toVersion: Int4,
  baseVersion: Int4.optional(),
});

export const ManagerListQuery = z.strictObject({
  status: ContentStatus.optional(),
  /** Items that target this team (items with no team targeting reach every team and are included). */
  teamId: Id.optional(),
  site: SiteName.optional(),
  tag: TagName.optional(),
  /** Case-insensitive substring of the title (or name, for site rules). */
  q: Text(200).min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ManagerListQuery = z.infer<typeof ManagerListQuery>;

// ---- Answers.

export const ManagedItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('articles'), record: Article }),
  z.object({ kind: z.literal('snippets'), record: Snippet }),
  z.object({ kind: z.literal('broadcasts'), record: ManagedBroadcast }),
  z.object({ kind: z.literal('site-rules'), record: SiteRule }),
]);
export type ManagedItem = z.infer<typeof ManagedItem>;

const page = { total: z.number().int().nonnegative(), limit: z.number().int(), offset: z.number().int() };
export const ManagerListResponse = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('articles'), items: z.array(Article), ...page }),
  z.object({ kind: z.literal('snippets'), items: z.array(Snippet), ...page }),
  z.object({ kind: z.literal('broadcasts'), items: z.array(ManagedBroadcast), ...page }),
  z.object({ kind: z.literal('site-rules'), items: z.array(SiteRule), ...page }),
]);
export type ManagerListResponse = z.infer<typeof ManagerListResponse>;

export const VersionAction = z.enum(['baseline', 'create', 'edit', 'publish', 'unpublish', 'archive', 'rollback', 'verify']);
export type VersionAction = z.infer<typeof VersionAction>;

/** One saved version: who saved it, when, by doing what. `authorId` is null for the baseline of seeded or imported items. */
export const VersionMeta = z.object({
  version: Int4,
  action: VersionAction,
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  savedAt: Timestamp,
});
export type VersionMeta = z.infer<typeof VersionMeta>;

export const VersionEntry = VersionMeta.extend({ record: z.record(z.string(), z.unknown()) });
export const VersionHistoryResponse = z.object({
  kind: ContentKind,
  id: Id,
  /** Newest first. */
  versions: z.array(VersionEntry),
});
export type VersionHistoryResponse = z.infer<typeof VersionHistoryResponse>;

export const CompareQuery = z.strictObject({
  from: z.coerce.number().int().nonnegative(),
  to: z.coerce.number().int().nonnegative(),
});
/** One field that differs; nested objects (targeting, selectors) are compared per key, as `targeting.teamIds`. */
export const FieldChange = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
export const CompareResponse = z.object({
  kind: ContentKind,
  id: Id,
  from: VersionMeta,
  to: VersionMeta,
  /** Fields other than version and updatedAt whose values differ, in field order. */
  changes: z.array(FieldChange),
});
export type CompareResponse = z.infer<typeof CompareResponse>;

export const TeamsResponse = z.object({
  teams: z.array(z.object({ id: Id, name: z.string(), member: z.boolean() })),
});

// ---- Usage events and analytics.

/** A usage event as the extension sends it. userId and teamId come from the token; a body naming another user is refused. */
export const UsageEventInput = z.strictObject({
  id: Id,
  type: UsageEventType,
  itemKind: UsageItemKind,
  itemId: Id,
  /** card_opened: where the card was opened (the event goes to the access log, not the analytics). */
  surface: CardSurface.optional(),
  userId: Id.optional(),
  teamId: Id.optional(),
  site: Text(50).nullable().default(null),
  occurredAt: Timestamp,
});
export const MAX_USAGE_EVENTS = 500;
export const UsageEventsRequest = z.strictObject({ events: z.array(UsageEventInput).min(1).max(MAX_USAGE_EVENTS) });
export const UsageEventsResponse = z.object({
  /** Events stored by this call. */
  accepted: z.number().int().nonnegative(),
  /** Events whose id was already stored (a retry); nothing was changed for them. */
  duplicates: z.number().int().nonnegative(),
});
export type UsageEventsResponse = z.infer<typeof UsageEventsResponse>;

const DateOrTimestamp = z.union([Timestamp, IsoDate]);
export const AnalyticsQuery = z.strictObject({
  /** Window start, inclusive (an ISO timestamp or a date, read as UTC midnight); default 30 days before `to`. */
  from: DateOrTimestamp.optional(),
  /** Window end, exclusive; default now. */
  to: DateOrTimestamp.optional(),
  teamId: Id.optional(),
});

export const UsageCounts = z.object({
  suggested: z.number().int().nonnegative(),
  opened: z.number().int().nonnegative(),
  inserted: z.number().int().nonnegative(),
  helpful: z.number().int().nonnegative(),
  notHelpful: z.number().int().nonnegative(),
});
export type UsageCounts = z.infer<typeof UsageCounts>;

const KnowledgeKind = z.enum(['article', 'snippet']);
const SlaFigures = z.object({
  /** Cases whose SLA deadline falls in the window. */
  cases: z.number().int().nonnegative(),
  met: z.number().int().nonnegative(),
  breached: z.number().int().nonnegative(),
  /** Not answered (or not solved) yet, with the deadline still ahead. */
  pending: z.number().int().nonnegative(),
  /** met / (met + breached), or null when nothing is decided yet. */
  attainment: z.number().min(0).max(1).nullable(),
});

export const AnalyticsResponse = z.object({
  from: Timestamp,
  to: Timestamp,
  /** The teams the figures cover. */
  teamIds: z.array(Id),
  /** Per article or snippet with any event in the window, most inserted first. */
  items: z.array(z.object({ kind: KnowledgeKind, id: Id, title: z.string().nullable(), counts: UsageCounts })),
  byTeam: z.array(z.object({ teamId: Id, kind: KnowledgeKind, counts: UsageCounts })),
  /** Per UTC day, team and kind, oldest first; days without events are absent. */
  byDay: z.array(z.object({ day: z.iso.date(), teamId: Id, kind: KnowledgeKind, counts: UsageCounts })),
  /** Published articles and snippets reaching these teams that nobody opened or inserted in the window. */
  unused: z.array(z.object({ kind: KnowledgeKind, id: Id, title: z.string() })),
  /** `captured` events per channel of the captured case ("unknown" when the case has not synced). */
  capturesByChannel: z.array(z.object({ channel: z.union([Channel, z.literal('unknown')]), count: z.number().int().nonnegative() })),
  sla: z.object({ firstResponse: SlaFigures, resolution: SlaFigures }),
  /** Items agents marked not helpful, most marks first. */
  notHelpful: z.array(z.object({ kind: KnowledgeKind, id: Id, title: z.string().nullable(), count: z.number().int().positive(), lastAt: Timestamp })),
});
export type AnalyticsResponse = z.infer<typeof AnalyticsResponse>;

// ---- Administration.

export const AdminUser = User.extend({
  active: z.boolean(),
  /** Created by invitation and not yet accepted. */
  invitationPending: z.boolean(),
});
export type AdminUser = z.infer<typeof AdminUser>;
export const AdminUsersResponse = z.object({ users: z.array(AdminUser) });

export const NewPassword = z.string().min(10, 'Use a password of at least 10 characters.').max(200);

export const CreateUserRequest = z.strictObject({
  email: z.email().max(320),
  name: Text(200).trim().min(1),
  role: Role,
  teamIds: unique(Id, 50).default([]),
  /** Without a password the answer carries an invitation token for `POST /auth/accept-invite`. */
  password: NewPassword.optional(),
});
export const Invitation = z.object({ token: z.string(), expiresAt: Timestamp });
export const CreateUserResponse = z.object({ user: AdminUser, invitation: Invitation.nullable() });
export type CreateUserResponse = z.infer<typeof CreateUserResponse>;

export const UpdateUserRequest = z
  .strictObject({ name: Text(200).trim().min(1), role: Role, teamIds: unique(Id, 50) })
  .partial()
  .refine(nonEmpty, NON_EMPTY);
export const AdminUserResponse = z.object({ user: AdminUser });

export const AcceptInviteRequest = z.strictObject({
  token: Text(200).min(1),
  password: NewPassword,
});
