import { z } from 'zod';
import { AgentStatus, MyAgentStatus, SaveTeamAssignment, TeamAssignment } from './assignment';
import { AttachmentWithBytes, LocalAttachmentSummary, ScreenshotRequest } from './attachments';
import { BroadcastReadsResponse } from './broadcast-receipts';
import { CapturePrivacyResponse, RedactionOptions, SetNeverCaptureRequest, TeamRedaction } from './capture-privacy';
import { PageContext } from './context';
import { CustomerImportRequest, CustomerImportResult } from './customer-import';
import { Effort, EffortReportQuery, EffortReportResponse } from './effort';
import {
  Article,
  Broadcast,
  CardSurface,
  Case,
  CaseNote,
  Channel,
  Customer,
  HttpUrl,
  Id,
  Identity,
  Interaction,
  Priority,
  Role,
  Timestamp,
  UsageEventType,
  UsageItemKind,
} from './entities';
import { HistoryImportRequest } from './history-import';
import { FollowUpRequest, FollowUpResponse, Incident, IncidentCardData, IncidentOffer, IncidentStatusRequest } from './incidents';
import { GapGroupsResponse } from './knowledge-gaps';
import {
  FlagReason,
  MAX_FLAG_NOTE,
  OpenFlagsResponse,
  SetVerifyIntervalRequest,
  ToVerifyResponse,
  VerifiableKind,
  VerifyIntervalsResponse,
  VerifyRequest,
} from './knowledge-review';
import {
  AnalyticsQuery,
  AnalyticsResponse,
  CompareResponse,
  ContentKind,
  CreateArticleRequest,
  CreateBroadcastRequest,
  CreateSiteRuleRequest,
  CreateSnippetRequest,
  EditArticleRequest,
  EditBroadcastRequest,
  EditSiteRuleRequest,
  EditSnippetRequest,
  ManagedItem,
  ManagerListQuery,
  ManagerListResponse,
  TeamsResponse,
  VersionHistoryResponse,
} from './manager';
import { OrgHostsResponse, SetOrgHostsRequest } from './org-hosts-api';
import {
  AccessLogQuery,
  AccessLogResponse,
  CustomerExport,
  EraseCustomerRequest,
  ErasureResponse,
  FieldPolicyResponse,
  PrivacyCustomerQuery,
  PrivacyCustomersResponse,
  RetentionDays,
  RetentionResponse,
  RetentionRunResponse,
  RevealRequest,
  RevealResponse,
  RunRetentionRequest,
  SetFieldPolicyRequest,
} from './privacy';
import { PresenceRequest, QueueChanges, QueuePosition, QueueSnapshot } from './queue';
import { RecognitionHealthQuery, RecognitionHealthResponse, RecognitionPage } from './recognition';
import { REDACTION_KINDS } from './redaction';
import {
  BusinessCalendarUpdate,
  EscalationSettings,
  SlaPoliciesResponse,
  SlaPolicyUpdate,
  SlaReportQuery,
  SlaReportResponse,
  TeamCalendar,
  TeamEscalationSettings,
  TeamSlaPolicy,
} from './sla';
import { ApiTokensResponse, CreateApiTokenRequest, CreatedApiToken } from './tokens';
import { CreatedWebhook, CreateWebhookRequest, WebhookDeliveriesResponse, WebhooksResponse } from './webhooks';

/** The customer in focus with what the agent needs at a glance. */
export const CustomerView = z.object({
  customer: Customer,
  openCases: z.array(Case),
  timeline: z.array(Interaction),
  /** Which of the page's identities matched this customer. */
  matchedBy: z.array(Identity),
  /** How hard the customer has had to work lately (lib/effort), from the cached interactions. */
  effort: Effort.optional(),
});
export type CustomerView = z.infer<typeof CustomerView>;

/** A customer named but not shown: other matches, and the answer to contact.create (least data to the page). */
export const CustomerRef = z.object({ id: Id, name: z.string().min(1).max(200) });
export type CustomerRef = z.infer<typeof CustomerRef>;

/** Another person the page's identities found; `plausible` when close enough to the first that the agent may pick (lib/recognition/rank.ts). */
export const OtherMatch = CustomerRef.extend({ plausible: z.boolean().optional() });
export type OtherMatch = z.infer<typeof OtherMatch>;

export const Resolution = z.discriminatedUnion('status', [
  z.object({ status: z.literal('matched'), view: CustomerView, otherMatches: z.array(OtherMatch).max(10) }),
  /** Identities were found on the page but nobody in the cache has them. */
  z.object({ status: z.literal('unknown'), identities: z.array(Identity) }),
  /** The page shows nobody to look up. */
  z.object({ status: z.literal('none') }),
  /** The tab has looked up its budget of people this minute (lib/context/lookup-budget.ts): nobody new is looked up. */
  z.object({ status: z.literal('busy') }),
]);
export type Resolution = z.infer<typeof Resolution>;

export const SyncStatus = z.object({
  signedIn: z.boolean(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: Role }).nullable(),
  backendUrl: z.string(),
  online: z.boolean(),
  lastSyncAt: z.string().nullable(),
  syncing: z.boolean(),
  /** Records in the local cache, by table. */
  counts: z.record(z.string(), z.number().int()),
  /** Writes waiting to reach the server, and writes the server refused for good (kept, shown). */
  pending: z.number().int().nonnegative(),
  failed: z.array(z.object({ entity: z.string(), recordId: z.string(), error: z.string() })),
  /** Edits the server answered with a conflict a person must settle. */
  conflicts: z.number().int().nonnegative(),
  /** When the next automatic retry happens after a failure. */
  retryAt: z.string().nullable(),
  live: z.boolean(),
  error: z.string().nullable(),
  /** Something the agent should know that is not an error (e.g. old history trimmed for space). */
  notice: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

const Empty = z.object({}).strict();

/** A suggested article or snippet, with why it was chosen and the text one click inserts. */
export const KnowledgeSuggestion = z.object({
  kind: z.enum(['article', 'snippet']),
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  reason: z.string(),
  matchedTerms: z.array(z.string()),
  /** Snippet body with placeholders filled, or the article's title, summary and link. */
  insertText: z.string(),
  /** Pinned first by an active incident broadcast. */
  pinned: z.boolean(),
  /** Past its verify-by date: shown with a badge (and ranked lower). */
  stale: z.boolean().optional(),
});
export type KnowledgeSuggestion = z.infer<typeof KnowledgeSuggestion>;

/**
 * The overlay's suggestions, or an honest silence: `quiet` when nothing is suggested on purpose
 * (nothing matched, or the best match is unlikely to answer the page: lib/knowledge/rank.ts
 * `suggestAnswer`), so the overlay shows nothing rather than a guess. Optional for older backgrounds.
 */
export const KnowledgeSuggestResponse = z.object({
  suggestions: z.array(KnowledgeSuggestion),
  quiet: z.boolean().optional(),
  quietReason: z.enum(['no-match', 'not-confident']).nullable().optional(),
});
export type KnowledgeSuggestResponse = z.infer<typeof KnowledgeSuggestResponse>;

/** A piece of a page the agent turns into a case: who said what, where and when. */
export const CaptureInput = z.object({
  site: z.string().min(1).max(50),
  channel: Channel,
  visibility: z.enum(['public', 'private']),
  identities: z.array(Identity).max(20),
  authorName: z.string().max(200).nullable(),
  text: z.string().max(20_000),
  /** The permalink of the post, message or record. */
  url: HttpUrl.nullable(),
  /** The post's or message's own id; capturing the same one twice opens the existing case. */
  externalId: z.string().max(200).nullable(),
  postedAt: Timestamp.nullable(),
  pageTitle: z.string().max(500).nullable(),
  subject: z.string().min(1).max(300),
  priority: Priority,
  tags: z.array(z.string().min(1).max(50)).max(20),
  /** The agent used the matching incident broadcast's reply (the capture form's offer): noted on the case, which links it to the incident. */
  incidentNote: z.strictObject({ broadcastId: Id, text: z.string().min(1).max(5000) }).optional(),
  /** Page country for national phone numbers (as in PageContext). */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});
export type CaptureInput = z.infer<typeof CaptureInput>;

export const CaptureResult = z.object({
  status: z.enum(['created', 'existing']),
  caseId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  customerCreated: z.boolean(),
  slaDueAt: z.string().nullable(),
  /** A sentence saying what was redacted, or null. */
  redacted: z.string().nullable(),
  /** True until the server has the case. */
  pending: z.boolean(),
});
export type CaptureResult = z.infer<typeof CaptureResult>;

const ManagerItemRef = z.strictObject({ kind: ContentKind, id: Id });

/** A create for one kind of content: the body is that kind's create request. */
export const ManagerCreate = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('articles'), body: CreateArticleRequest }),
  z.strictObject({ kind: z.literal('snippets'), body: CreateSnippetRequest }),
  z.strictObject({ kind: z.literal('broadcasts'), body: CreateBroadcastRequest }),
  z.strictObject({ kind: z.literal('site-rules'), body: CreateSiteRuleRequest }),
]);
export type ManagerCreate = z.input<typeof ManagerCreate>;

export const ManagerEdit = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('articles'), id: Id, body: EditArticleRequest }),
  z.strictObject({ kind: z.literal('snippets'), id: Id, body: EditSnippetRequest }),
  z.strictObject({ kind: z.literal('broadcasts'), id: Id, body: EditBroadcastRequest }),
  z.strictObject({ kind: z.literal('site-rules'), id: Id, body: EditSiteRuleRequest }),
]);
export type ManagerEdit = z.input<typeof ManagerEdit>;

/** A manager's save: done, or refused because someone saved first (the stored version comes along to compare). */
export const ManagerWriteResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), item: ManagedItem }),
  z.object({ outcome: z.literal('conflict'), message: z.string(), current: ManagedItem }),
]);
export type ManagerWriteResult = z.infer<typeof ManagerWriteResult>;

/** How the content script is answered a page's context: no customer data at all, only whether to show the frame busy. */
export const OverlayStatus = z.object({ status: z.enum(['matched', 'unknown', 'none', 'busy']) });
export type OverlayStatus = z.infer<typeof OverlayStatus>;

/** What the page says about one post or message before the agent adds subject, priority and tags (lib/sites/types.ts). */
export const CaptureDraft = CaptureInput.omit({ subject: true, priority: true, tags: true });

/** What the agent must not bring up in a public reply (lib/sites/public-reply.ts), worked out in the background from the whole timeline. */
export const PrivateMatters = z.object({
  customerName: z.string(),
  privateCases: z.array(z.object({ subject: z.string(), channel: Channel })),
  privateInteractions: z.number().int().nonnegative(),
});

/** Whether the page around the overlay is light or dark. */
export const PageScheme = z.enum(['light', 'dark']);
export type PageScheme = z.infer<typeof PageScheme>;

/** A message that arrived after the agent started the reply (lib/stale-send): shown in the frame only, never to the page. */
export const NewerMessage = z.object({
  /** The customer wrote again, or an agent replied; null where the page shows new text without saying whose. */
  from: z.enum(['customer', 'agent']).nullable(),
  /** Who wrote it, when known (an interaction's author). */
  author: z.string().max(200).nullable(),
  text: z.string().max(1000),
  /** Where Tandem saw it: on the page itself, or through sync (a teammate's reply, a message captured elsewhere). */
  seenOn: z.enum(['page', 'sync']),
});
export type NewerMessage = z.infer<typeof NewerMessage>;
/** The stale-send guard's warning for a tab: what is newer than the agent's draft, and whether a send is held back. */
export const StaleSendWarning = z.object({ newer: z.array(NewerMessage).min(1).max(20), held: z.boolean() });
export type StaleSendWarning = z.infer<typeof StaleSendWarning>;

/** Everything the overlay frame shows for its tab, sent by the background (lib/context/frames.ts). */
export const OverlayState = z.object({
  context: PageContext.nullable(),
  resolution: Resolution.nullable(),
  publicReplyWarning: PrivateMatters.nullable(),
  /** The agent's focus is in the page's reply box (reported by the content script). */
  replyFocused: z.boolean(),
  /** The teammate who has claimed this page's case, when it is not this agent. */
  claimedBy: z.string().nullable(),
  /** When the content script read this context (epoch ms): the frame marks it beside its own shown time for bench/overlay. */
  readAt: z.number().nullable(),
  /** The page's colours as the content script saw them once the page was parsed (the frame starts loading before). */
  scheme: PageScheme.optional(),
});
export type OverlayState = z.infer<typeof OverlayState>;

/** Background → overlay frame, over the frame's port: its tab's state changed, or the agent asked for the capture form. */
export const FrameUpdate = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('state'), state: OverlayState }),
  z.object({ kind: z.literal('capture'), draft: CaptureDraft }),
  z.object({ kind: z.literal('staleSend'), warning: StaleSendWarning.nullable() }),
  /**
   * The semantic stage's order for the suggestions last answered (lib/knowledge/semantic/): `page` (page-key.ts) and
   * `replaces` name the page and the list it re-orders, so a frame showing another (the page moved on) ignores it.
   */
  z.object({
    kind: z.literal('suggestions'),
    page: z.string().max(16),
    replaces: z.array(z.string()).max(50),
    suggestions: z.array(KnowledgeSuggestion).max(50),
  }),
]);
export type FrameUpdate = z.infer<typeof FrameUpdate>;

/** The overlay frame asks its tab's content script to act on the page, after the agent's trusted click in the frame. */
export const PageCommand = z.discriminatedUnion('do', [
  /** Put this text into the site's reply box. */
  z.strictObject({ do: z.literal('insert'), text: z.string().max(20_000) }),
  /** A draft for the page as a whole (with the page's selection): "+ Case". */
  z.strictObject({ do: z.literal('draftPage') }),
  /** Hide Tandem and shoot the item the open form captures (or the viewport) for this case. */
  z.strictObject({ do: z.literal('screenshot'), caseId: Id }),
  /** Mark this item's capture button as captured. */
  z.strictObject({ do: z.literal('captured'), externalId: z.string().max(200), pending: z.boolean() }),
  /** The frame's content changed size (CSS px). */
  z.strictObject({ do: z.literal('size'), height: z.number().int().min(0).max(4000) }),
  /** Move the frame by this many px (the header's arrow keys). */
  z.strictObject({ do: z.literal('move'), right: z.number().int().min(-400).max(400), bottom: z.number().int().min(-400).max(400) }),
  /** The agent chose "Send anyway" on the stale-send warning: press the site's send button once, unguarded. */
  z.strictObject({ do: z.literal('send') }),
]);
export type PageCommand = z.infer<typeof PageCommand>;
export const PageCommandReply = z.object({
  ok: z.boolean(),
  /** Why not, in words the agent reads. */
  message: z.string().max(500).optional(),
  draft: CaptureDraft.optional(),
  attachment: LocalAttachmentSummary.optional(),
});
export type PageCommandReply = z.infer<typeof PageCommandReply>;

/** A broadcast the overlay shows, with the title of its suggested reply snippet when the agent has it. */
export const ActiveBroadcast = Broadcast.extend({ suggestedSnippetTitle: z.string().nullable() });
export type ActiveBroadcast = z.infer<typeof ActiveBroadcast>;

/**
 * Who may send a message, least trusted first: `content` = the content script (on any page), the
 * overlay frame and Tandem's other pages; `frame` = the overlay frame (an extension page inside a
 * site's tab, answered for that tab only) and Tandem's other pages; `extension` = Tandem's own pages
 * other than the frame. The dispatcher refuses anyone else (lib/messaging/dispatch.ts).
 */
export type MessageSender = 'content' | 'frame' | 'extension';

interface MessageDeclaration {
  from: MessageSender;
  request: z.ZodType;
  response: z.ZodType;
}

/**
 * Every message between contexts, declared once: name → who may send it, request and response schemas.
 * The background registers one handler per name; callers get typed promises. A name's prefix is its
 * feature (`manager.list` belongs to the manager console, see MessagesOf).
 */
export const MESSAGES = {
  /**
   * Content script: here is what this tab shows. The background resolves it and sends the answer to the tab's
   * overlay frame; the content script (in the page's renderer) learns only the status. `readAt`: when it was read (epoch ms).
   */
  'context.report': {
    from: 'content',
    request: z.object({ context: PageContext.nullable(), readAt: z.number().optional(), scheme: PageScheme.optional() }),
    response: OverlayStatus,
  },
  /** Content script: the agent's focus entered or left the site's reply box (presence, the public-reply warning in the frame). */
  'overlay.replyFocus': { from: 'content', request: z.strictObject({ replying: z.boolean() }), response: z.object({}) },
  /** Content script: the agent pressed a capture button beside a post; the background opens the form in the tab's frame. */
  'overlay.capture': { from: 'content', request: z.strictObject({ draft: CaptureDraft }), response: z.object({ opened: z.boolean() }) },
  /** Overlay frame: its tab's state now; `fresh` re-resolves the person first (a contact just created shows). */
  'overlay.state': { from: 'frame', request: z.strictObject({ fresh: z.boolean().default(false) }), response: OverlayState },
  /** Overlay frame → its tab's content script, through the background: act on the page (insert, screenshot…). */
  'overlay.page': { from: 'frame', request: PageCommand, response: PageCommandReply },
  /** Content script: the guard held back a press of the site's send button (the tab's reply is stale); the frame shows why. */
  'staleSend.held': { from: 'content', request: Empty, response: Empty },
  /** Content script: the site's send button acted (nothing was stale): the agent's own message is not newer than their next draft. */
  'staleSend.sent': { from: 'content', request: Empty, response: Empty },
  /** Overlay frame: the agent's answer to the stale-send warning: send anyway (the page's send button is pressed), or go back to the draft. */
  'staleSend.resolve': { from: 'frame', request: z.strictObject({ send: z.boolean() }), response: PageCommandReply },
  /**
   * Overlay → background: the agent picked who this record is about among plausible people (remembered per
   * record). From the overlay frame (or Tandem's own pages), never a content script.
   */
  'context.pick': {
    from: 'frame',
    request: z.object({ site: z.string().min(1).max(50), recordId: z.string().min(1).max(200), customerId: Id }),
    response: Empty,
  },
  /** Side panel → background: what does this tab show right now? */
  'context.forTab': {
    from: 'extension',
    request: z.object({ tabId: z.number().int() }),
    response: z.object({ context: PageContext.nullable(), resolution: Resolution.nullable() }),
  },
  'status.get': { from: 'extension', request: Empty, response: SyncStatus },
  'auth.signIn': {
    from: 'extension',
    request: z.object({ backendUrl: z.url(), email: z.email(), password: z.string().min(1).max(200) }),
    response: SyncStatus,
  },
  /** Refuses while writes are unsynced unless `discardUnsynced` says the agent accepts losing them. */
  'auth.signOut': { from: 'extension', request: z.object({ discardUnsynced: z.boolean().default(false) }).strict(), response: SyncStatus },
  /** `retryFailed` first queues again the writes the server refused or kept failing on (the agent asked). */
  'sync.now': { from: 'extension', request: z.object({ retryFailed: z.boolean().default(false) }).strict(), response: SyncStatus },
  /** Any context → background: make (or find) the case for this piece of a page. */
  'capture.create': { from: 'frame', request: z.object({ capture: CaptureInput }), response: CaptureResult },
  /**
   * Content script → background, right after capture.create: a screenshot of the visible tab cropped to the captured
   * element (its viewport rect in CSS px × devicePixelRatio), kept with the case and uploaded once the case is on the server.
   */
  'capture.screenshot': { from: 'content', request: ScreenshotRequest, response: LocalAttachmentSummary },
  /** Side panel: the screenshots of these cases, from this device or (for cases captured elsewhere) the server. */
  'attachments.forCases': {
    from: 'extension',
    request: z.strictObject({ caseIds: z.array(Id).max(100) }),
    response: z.object({ attachments: z.array(AttachmentWithBytes) }),
  },
  /** An unknown person on the page becomes a contact with the identities found (offline too). */
  'contact.create': {
    from: 'frame',
    request: z.object({
      name: z.string().min(1).max(200).nullable(),
      identities: z.array(Identity).min(1).max(20),
      country: z
        .string()
        .regex(/^[A-Z]{2}$/)
        .optional(),
    }),
    response: z.object({ customer: CustomerRef }),
  },
  /** Overlay: the agent's focus entered or left the reply box on this page (collision guard). */
  'presence.reply': {
    from: 'frame',
    request: z.object({ context: PageContext, replying: z.boolean() }),
    response: z.object({ claimedBy: z.string().nullable() }),
  },
  /** Whether this post or message was captured already (capture buttons show "Open case"). */
  'capture.find': {
    from: 'content',
    request: z.object({ site: z.string().max(50), externalId: z.string().max(200) }),
    response: z.object({ caseId: z.string().nullable(), pending: z.boolean() }),
  },
  /** Edits the server refused as conflicting, with both versions, for the agent to settle. */
  'conflicts.list': {
    from: 'extension',
    request: Empty,
    response: z.object({
      conflicts: z.array(
        z.object({
          mutationId: z.string(),
          entity: z.string(),
          recordId: z.string(),
          local: z.record(z.string(), z.unknown()),
          server: z.record(z.string(), z.unknown()),
          at: z.string(),
        }),
      ),
    }),
  },
  /** Keep the agent's edit (re-applied on top of the server's version) or the server's. */
  'conflicts.resolve': { from: 'extension', request: z.object({ mutationId: z.string(), keep: z.enum(['mine', 'server']) }), response: SyncStatus },
  /** Overlay → background: the articles and snippets that fit what the page shows, ready to insert. */
  'knowledge.suggest': { from: 'frame', request: z.object({ context: PageContext }), response: KnowledgeSuggestResponse },
  /** Side panel: instant search with filters. */
  'knowledge.search': {
    from: 'extension',
    request: z.object({
      text: z.string().max(500),
      kind: z.enum(['article', 'snippet']).optional(),
      tag: z.string().max(50).optional(),
      language: z.string().max(10).optional(),
      limit: z.number().int().min(1).max(50).default(20),
    }),
    response: z.object({ results: z.array(KnowledgeSuggestion) }),
  },
  /** Side panel reader: one article (markdown, rendered there through the sanitizer). */
  'knowledge.article': { from: 'extension', request: z.object({ id: z.string().max(64) }), response: z.object({ article: Article.nullable() }) },
  /** Overlay: the agent flags a suggested item; kept on the device and sent to the team's review list after the next sync. */
  'knowledge.flag': {
    from: 'frame',
    request: z.strictObject({
      itemKind: z.enum(['article', 'snippet']),
      itemId: Id,
      reason: FlagReason,
      note: z.string().max(MAX_FLAG_NOTE),
      /** From the side panel's search: what the agent searched for on which site (sent on as informative terms only). */
      searched: z.strictObject({ text: z.string().max(500), site: z.string().max(50).nullable() }).optional(),
    }),
    response: z.object({ kept: z.literal(true) }),
  },
  /** Console: "Draft article" from a solved case on this device, its question and answer redacted (lib/knowledge/article-from-case.ts). */
  'knowledge.articleFromCase': {
    from: 'extension',
    request: z.strictObject({ caseId: Id }),
    response: z.object({ caseId: Id, title: z.string(), body: z.string() }),
  },
  /** Overlay: a `;shortcut` typed before the caret, expanded with the page's placeholders. */
  'knowledge.expand': {
    from: 'content',
    request: z.object({ shortcut: z.string().regex(/^;[a-z0-9-]{2,30}$/i), context: PageContext.nullable() }),
    response: z.object({ text: z.string().nullable(), snippetId: z.string().nullable() }),
  },
  /** Any context: what the agent did with knowledge (suggested, opened, inserted, helpful…). */
  'usage.record': {
    from: 'content',
    request: z.object({
      events: z
        .array(
          z.object({
            type: UsageEventType,
            itemKind: UsageItemKind,
            itemId: z.string().max(64),
            site: z.string().max(50).nullable(),
            surface: CardSurface.optional(),
          }),
        )
        .max(50),
    }),
    response: z.object({ recorded: z.number().int() }),
  },
  /** The open cases and sync state the side panel lists, newest first. */
  /** Each team's business calendar as last synced (GET /sla/policies), for counting remaining business time offline. */
  'sla.calendars': { from: 'extension', request: Empty, response: z.object({ calendars: z.array(TeamCalendar) }) },
  'cases.recent': {
    from: 'extension',
    request: z.object({
      limit: z.number().int().min(1).max(200).default(50),
      /** The recently solved or closed cases instead of the open ones (the side panel's "Draft article"). */
      solved: z.boolean().default(false),
    }),
    response: z.object({ cases: z.array(Case.extend({ pending: z.boolean(), customerName: z.string().nullable() })) }),
  },
  /** Queue: moving a case to another of the agent's teams would offer to move its customer too (lib/cases/team-move.ts). */
  'cases.teamMoveOffer': {
    from: 'extension',
    request: z.strictObject({ caseId: Id, teamId: Id }),
    response: z.object({
      customerId: Id,
      customerName: z.string().nullable(),
      offered: z.boolean(),
      otherOpenCases: z.number().int(),
      suggested: z.boolean(),
    }),
  },
  /** Queue: moves the case (and, when asked and offered, its customer) to another team: local writes the server checks. */
  'cases.moveToTeam': {
    from: 'extension',
    request: z.strictObject({ caseId: Id, teamId: Id, moveCustomer: z.boolean() }),
    response: z.object({ moved: z.boolean(), customerMoved: z.boolean() }),
  },
  /** Side panel: the agent's note on a case, optionally marked as a workaround (lib/cases/notes.ts); queued offline. */
  'cases.note': {
    from: 'extension',
    request: z.strictObject({ caseId: Id, text: z.string().max(5000), workaround: z.boolean() }),
    response: z.object({ note: CaseNote }),
  },
  // ---- Manager console (lib/manager): the background forwards each to one `/manager/*` route with the
  // session's token, and the server decides whether the caller may (an agent gets `forbidden`).
  'manager.teams': { from: 'extension', request: Empty, response: TeamsResponse },
  'manager.list': { from: 'extension', request: z.strictObject({ kind: ContentKind, query: ManagerListQuery }), response: ManagerListResponse },
  'manager.get': { from: 'extension', request: ManagerItemRef, response: ManagedItem },
  'manager.create': { from: 'extension', request: ManagerCreate, response: ManagedItem },
  /** Saves, or answers the conflict (with the stored version) when someone saved since `baseVersion`. */
  'manager.edit': { from: 'extension', request: ManagerEdit, response: ManagerWriteResult },
  'manager.setStatus': {
    from: 'extension',
    request: ManagerItemRef.extend({ action: z.enum(['publish', 'unpublish', 'archive']), baseVersion: z.number().int().nonnegative().optional() }),
    response: ManagerWriteResult,
  },
  'manager.rollback': {
    from: 'extension',
    request: ManagerItemRef.extend({ toVersion: z.number().int().nonnegative(), baseVersion: z.number().int().nonnegative().optional() }),
    response: ManagerWriteResult,
  },
  'manager.versions': { from: 'extension', request: ManagerItemRef, response: VersionHistoryResponse },
  'manager.compare': {
    from: 'extension',
    request: ManagerItemRef.extend({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }),
    response: CompareResponse,
  },
  'manager.analytics': { from: 'extension', request: AnalyticsQuery, response: AnalyticsResponse },
  'manager.importCustomers': { from: 'extension', request: CustomerImportRequest, response: CustomerImportResult },
  'manager.importHistory': { from: 'extension', request: HistoryImportRequest, response: CustomerImportResult },
  /** Service-level policies per team (GET /sla/policies) and a team's new targets (PUT, managers of that team). */
  'manager.slaPolicies': { from: 'extension', request: Empty, response: SlaPoliciesResponse },
  'manager.setSlaPolicy': { from: 'extension', request: z.object({ teamId: Id, policy: SlaPolicyUpdate }), response: TeamSlaPolicy },
  /** The field policy (admins): the server's defaults per role and the rules stored over them; setting one answers the whole. */
  'manager.fieldPolicy': { from: 'extension', request: Empty, response: FieldPolicyResponse },
  'manager.setFieldPolicy': { from: 'extension', request: SetFieldPolicyRequest, response: FieldPolicyResponse },
  /** The access log of the caller's teams (managers and admins), filtered, newest first. */
  'manager.accessLog': { from: 'extension', request: AccessLogQuery, response: AccessLogResponse },
  /** Side panel: a value the field policy masks, in full, for a role allowed to reveal it; the server logs it with the reason. */
  'privacy.reveal': { from: 'extension', request: RevealRequest, response: RevealResponse },
  /** Console (admins): each team's retention period, setting one (days null: off), and "Run now" (docs/privacy.md "Retention"). */
  'privacy.retention': { from: 'extension', request: Empty, response: RetentionResponse },
  'privacy.setRetention': { from: 'extension', request: z.strictObject({ teamId: Id, days: RetentionDays.nullable() }), response: RetentionResponse },
  'privacy.runRetention': { from: 'extension', request: RunRetentionRequest, response: RetentionRunResponse },
  /** Console (admins): find the customer a request is about, erase them (Art. 17) or export what is held (Art. 15). */
  'privacy.findCustomers': { from: 'extension', request: PrivacyCustomerQuery, response: PrivacyCustomersResponse },
  'privacy.eraseCustomer': { from: 'extension', request: EraseCustomerRequest.extend({ customerId: Id }), response: ErasureResponse },
  'privacy.exportCustomer': { from: 'extension', request: z.strictObject({ customerId: Id }), response: CustomerExport },
  /** A team's business calendar (PUT /sla/calendars/:teamId), or none: around the clock (DELETE). */
  'manager.setSlaCalendar': { from: 'extension', request: z.object({ teamId: Id, calendar: BusinessCalendarUpdate }), response: TeamCalendar },
  'manager.clearSlaCalendar': { from: 'extension', request: z.object({ teamId: Id }), response: TeamCalendar },
  /** A team's service-level report over cases created in [from, to) (GET /sla/report/:teamId). */
  'manager.slaReport': { from: 'extension', request: SlaReportQuery.extend({ teamId: Id }), response: SlaReportResponse },
  /** A team's customer effort over cases created in [from, to), by topic, channel and week (GET /effort/report/:teamId). */
  'manager.effortReport': { from: 'extension', request: EffortReportQuery.extend({ teamId: Id }), response: EffortReportResponse },
  /** A team's escalation rule (GET/PUT /sla/escalation/:teamId): the share of a target that escalates, priority raised or not. */
  'manager.slaEscalation': { from: 'extension', request: z.object({ teamId: Id }), response: TeamEscalationSettings },
  'manager.setSlaEscalation': { from: 'extension', request: z.object({ teamId: Id, settings: EscalationSettings }), response: TeamEscalationSettings },
  /** Overlay: the broadcasts this agent should see on this site now (read from the local cache, lib/broadcasts). */
  'broadcasts.active': {
    from: 'content',
    request: z.strictObject({ site: z.string().max(50).nullable(), host: z.string().max(253) }),
    response: z.object({ broadcasts: z.array(ActiveBroadcast).max(50) }),
  },
  /** Overlay and side panel: the agent acknowledges a broadcast ("Got it"); kept at once, sent after the next sync (lib/broadcasts/receipts.ts). */
  'broadcasts.acknowledge': { from: 'frame', request: z.strictObject({ broadcastId: Id }), response: z.object({ kept: z.literal(true) }) },
  /** Console (managers): each live broadcast with their teams' agents who have and have not acknowledged it. */
  'broadcasts.reads': { from: 'extension', request: Empty, response: BroadcastReadsResponse },
  // ---- Team queue (lib/queue): the queue is read from the local cache, claims are local writes.
  /** Every open case of the agent's teams with customer tier and value, presence and teammates, for the queue pages to sort and filter. */
  'queue.list': { from: 'extension', request: Empty, response: QueueSnapshot },
  /** The queue since the page's position: the changed rows, or a snapshot when the position is null or unknown (lib/queue/feed.ts). */
  'queue.changes': { from: 'extension', request: z.strictObject({ after: QueuePosition.nullable() }), response: QueueChanges },
  /**
   * Claim (assigneeId = me), release (null) or assign to a teammate: a local write pushed like any other. Claiming a case
   * someone else holds is refused with `claimed` unless `force`; a claim that crosses another on the server comes back as a conflict.
   */
  'queue.assign': {
    from: 'extension',
    request: z.strictObject({ caseId: Id, assigneeId: Id.nullable(), force: z.boolean().default(false) }),
    response: z.object({ pending: z.boolean() }),
  },
  /** The agent opened, is replying to, or left a case; teammates see it live. `sent` is false when the server was not reachable. */
  'queue.presence': { from: 'extension', request: PresenceRequest, response: z.object({ sent: z.boolean() }) },
  // ---- end of the queue block
  // ---- Organisation hosts (lib/org-hosts): the admin's list of the organisation's CRM tenants, options page.
  /** The list as the server has it now (admins only: the server answers 403 to others). */
  'orgHosts.list': { from: 'extension', request: Empty, response: OrgHostsResponse },
  /** Replaces the list on the server; this browser registers the overlay on it at once, others with their next sync. */
  'orgHosts.save': { from: 'extension', request: SetOrgHostsRequest, response: OrgHostsResponse },
  // ---- Recognition health (lib/recognition/health.ts): record pages seen, recognised and missed, per site and day.
  /** Content script: a record page's outcome once it settled (no page text; the background keeps only the address's pattern). */
  'recognition.page': { from: 'content', request: RecognitionPage, response: Empty },
  /** The manager console (admins): per site and day, pages seen, recognised and missed, and the last miss. */
  'manager.recognitionHealth': { from: 'extension', request: RecognitionHealthQuery, response: RecognitionHealthResponse },
  // ---- Where Tandem never captures, private mode, redaction (lib/privacy/never-capture*, private-mode*, lib/capture/redact*; docs/privacy.md).
  /** The never-capture sites and the redaction options of the caller's teams, as the server has them now (console). */
  'capturePrivacy.get': { from: 'extension', request: Empty, response: CapturePrivacyResponse },
  /** Replaces the never-capture list (admins); this browser follows at once, others with their next sync. */
  'capturePrivacy.setNeverCapture': { from: 'extension', request: SetNeverCaptureRequest, response: SetNeverCaptureRequest },
  /** Sets a team's redaction options (admins, the team's managers). */
  'capturePrivacy.setRedaction': { from: 'extension', request: z.strictObject({ teamId: Id, options: RedactionOptions }), response: TeamRedaction },
  /** What saving this capture would redact, for the form to list before the agent saves. */
  'capture.redactPreview': {
    from: 'frame',
    request: z.strictObject({ texts: z.array(z.string().max(20_000)).max(2) }),
    response: z.object({ items: z.array(z.object({ kind: z.enum(REDACTION_KINDS), excerpt: z.string() })) }),
  },
  /** Whether a tab is in private mode (the popup's toggle). */
  'privateMode.get': { from: 'extension', request: z.strictObject({ tabId: z.number().int() }), response: z.object({ private: z.boolean() }) },
  /** Turns private mode on or off for a tab, until it closes; its content script stops or starts reading the page. */
  'privateMode.set': {
    from: 'extension',
    request: z.strictObject({ tabId: z.number().int(), private: z.boolean() }),
    response: z.object({ private: z.boolean() }),
  },
  /** The content script asks before it reads anything: is my tab in private mode? */
  'privateMode.here': { from: 'content', request: Empty, response: z.object({ private: z.boolean() }) },
  // ---- Possible incidents (lib/incidents, docs/incidents.md): managers only; anyone else is answered none.
  /** The open and broadcast incidents of the manager's teams, each with the broadcast one click would make (the console's cards, the overlay's banner). */
  'incidents.list': { from: 'frame', request: Empty, response: z.object({ incidents: z.array(IncidentCardData).max(100) }) },
  /** Creates and publishes the prefilled broadcast and links the incident's cases to it (the console's card, the manager's overlay banner). */
  'incidents.toBroadcast': {
    from: 'frame',
    /** `workaround`: the one the manager picked among the draft's offers (absent: the draft's first). */
    request: z.strictObject({ id: Id, workaround: z.string().max(5000).nullable().optional() }),
    response: Incident,
  },
  'incidents.setStatus': { from: 'extension', request: IncidentStatusRequest.extend({ id: Id }), response: Incident },
  /** After closing: one message for every linked customer, recorded as a draft on each case. */
  'incidents.followUp': { from: 'extension', request: FollowUpRequest.extend({ id: Id }), response: FollowUpResponse },
  /** Agents' capture form: the incident broadcast the post matches, with its suggested reply (read from the local cache). */
  'incidents.offer': {
    from: 'frame',
    request: z.strictObject({ text: z.string().max(20_000), site: z.string().max(50).nullable(), host: z.string().max(253) }),
    response: z.object({ offer: IncidentOffer.nullable() }),
  },
  // ---- Assignment (lib/assignment, docs/sla.md "Assignment"): the agent's own status; a team's settings for managers.
  /** The agent's available/away status as the server has it (popup, side panel). */
  'assignment.status': { from: 'extension', request: Empty, response: MyAgentStatus },
  /** The agent sets themselves available or away (the browser's idle signal goes through the background itself). */
  'assignment.setStatus': { from: 'extension', request: z.strictObject({ status: AgentStatus }), response: MyAgentStatus },
  /** A team's mode, capacity, auto-away and return times, and its agents' status and open cases (console, managers). */
  'assignment.team': { from: 'extension', request: z.strictObject({ teamId: Id }), response: TeamAssignment },
  'assignment.setTeam': { from: 'extension', request: z.strictObject({ teamId: Id, settings: SaveTeamAssignment }), response: TeamAssignment },
  // ---- Integrations (the console's admin screens; docs/api.md, docs/webhooks.md): API tokens and webhooks.
  'integrations.tokens': { from: 'extension', request: Empty, response: ApiTokensResponse },
  /** The answer carries the token itself, which the console shows once and keeps nowhere. */
  'integrations.createToken': { from: 'extension', request: CreateApiTokenRequest, response: CreatedApiToken },
  'integrations.revokeToken': { from: 'extension', request: z.strictObject({ id: Id }), response: ApiTokensResponse },
  'integrations.webhooks': { from: 'extension', request: Empty, response: WebhooksResponse },
  /** The answer carries the signing secret, shown once. */
  'integrations.createWebhook': { from: 'extension', request: CreateWebhookRequest, response: CreatedWebhook },
  'integrations.deleteWebhook': { from: 'extension', request: z.strictObject({ id: Id }), response: Empty },
  'integrations.deliveries': { from: 'extension', request: z.strictObject({ id: Id }), response: WebhookDeliveriesResponse },
  // ---- Keeping knowledge true (lib/knowledge/review-handlers.ts, docs/knowledge-search.md "Verification"): managers only.
  /** Each managed team's verify interval, and setting one. */
  'knowledgeReview.intervals': { from: 'extension', request: Empty, response: VerifyIntervalsResponse },
  'knowledgeReview.setInterval': { from: 'extension', request: SetVerifyIntervalRequest.extend({ teamId: Id }), response: VerifyIntervalsResponse },
  /** Articles and snippets past their verify-by date; "Verified" answers the list as it is after the click. */
  'knowledgeReview.toVerify': { from: 'extension', request: Empty, response: ToVerifyResponse },
  'knowledgeReview.verify': { from: 'extension', request: VerifyRequest.extend({ kind: VerifiableKind, id: Id }), response: ToVerifyResponse },
  /** Agents' open flags on the manager's teams' items, and resolving one (answers the list after it). */
  'knowledgeReview.flags': { from: 'extension', request: Empty, response: OpenFlagsResponse },
  'knowledgeReview.resolveFlag': { from: 'extension', request: z.strictObject({ id: Id }), response: OpenFlagsResponse },
  /** Content gaps of the manager's teams, grouped by similar terms. */
  'knowledgeReview.gaps': { from: 'extension', request: Empty, response: GapGroupsResponse },
} as const satisfies Record<string, MessageDeclaration>;

export type MessageName = keyof typeof MESSAGES;
/** The messages a content script may send (declared `from: 'content'`). */
export type ContentMessageName = { [N in MessageName]: (typeof MESSAGES)[N]['from'] extends 'content' ? N : never }[MessageName];
/** The messages the overlay frame may send (declared `from: 'content'` or `'frame'`). */
export type FrameMessageName = { [N in MessageName]: (typeof MESSAGES)[N]['from'] extends 'content' | 'frame' ? N : never }[MessageName];
/** The messages of one feature, by name prefix: `MessagesOf<'manager'>` is every `manager.*` message. */
export type MessagesOf<Prefix extends string> = Extract<MessageName, `${Prefix}.${string}`>;
export type MessageRequest<N extends MessageName> = z.input<(typeof MESSAGES)[N]['request']>;
export type MessageRequestParsed<N extends MessageName> = z.output<(typeof MESSAGES)[N]['request']>;
export type MessageResponse<N extends MessageName> = z.output<(typeof MESSAGES)[N]['response']>;

/** The envelope on the wire: the name selects the schemas. */
export const Envelope = z.object({ name: z.string().max(100), payload: z.unknown() });
export const Reply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

/** Messages the background sends to a tab's content script (the other direction). */
export const TAB_MESSAGES = {
  /** Open the capture form, prefilled with the selection when there is one. */
  'overlay.openCapture': { request: z.object({ selection: z.string().max(20_000).nullable() }), response: z.object({ opened: z.boolean() }) },
  /** The overlay frame's command for the page (relayed from `overlay.page`). */
  'overlay.page': { request: PageCommand, response: PageCommandReply },
  /** Private mode turned on or off for this tab: the content script stops reading the page, or starts again. */
  'privateMode.changed': { request: z.object({ private: z.boolean() }), response: z.object({ ok: z.boolean() }) },
  /** The tab's reply became stale or not (lib/stale-send): only this flag reaches the page's side, never what is newer. */
  'staleSend.changed': { request: z.object({ stale: z.boolean() }), response: z.object({ ok: z.boolean() }) },
} as const;
export type TabMessageName = keyof typeof TAB_MESSAGES;
