// Every route the server serves, with the zod schemas it parses its input and its answer with (the same objects the
// route modules import from lib/schema) and the scopes an API token needs for it. The OpenAPI document
// (./document.ts) is built from this table and the token check (server/tokens/) reads its scopes; a test fails when
// the app serves a route this table lacks, or the table names one the app does not serve (./document.test.ts).
import { z } from 'zod';
import * as api from '../../lib/schema/api';
import * as assignment from '../../lib/schema/assignment';
import * as attachments from '../../lib/schema/attachments';
import * as receipts from '../../lib/schema/broadcast-receipts';
import * as capture from '../../lib/schema/capture-privacy';
import * as imports from '../../lib/schema/customer-import';
import * as effort from '../../lib/schema/effort';
import { HistoryImportRequest } from '../../lib/schema/history-import';
import * as incidents from '../../lib/schema/incidents';
import * as gaps from '../../lib/schema/knowledge-gaps';
import * as learning from '../../lib/schema/knowledge-learning';
import * as review from '../../lib/schema/knowledge-review';
import * as manager from '../../lib/schema/manager';
import * as hosts from '../../lib/schema/org-hosts-api';
import * as privacy from '../../lib/schema/privacy';
import * as queue from '../../lib/schema/queue';
import * as recognition from '../../lib/schema/recognition';
import * as sla from '../../lib/schema/sla';
import { type ApiScope, ApiTokensResponse, CreateApiTokenRequest, CreatedApiToken } from '../../lib/schema/tokens';
import * as webhooks from '../../lib/schema/webhooks';

/** Schemas by the name they get in the document's components: `{ SignInRequest }`. Several names are alternatives (oneOf). */
export type NamedSchemas = Record<string, z.ZodType>;

export interface RouteSpec {
  summary: string;
  /** Callable without a token. */
  public?: true;
  /**
   * The scopes an API token needs, all of them (server/tokens/); `[]`: any API token. Absent: only a signed-in
   * person, never an API token (user and policy administration, tokens themselves).
   */
  scopes?: readonly ApiScope[];
  query?: NamedSchemas;
  /** A JSON body, or raw image bytes. */
  body?: NamedSchemas | 'image';
  /** The success status and its body: JSON, image bytes, a server-sent event stream, or nothing. */
  status?: 200 | 201 | 204;
  response: NamedSchemas | 'image' | 'event-stream' | 'html' | 'empty';
}

/** Answers the routes build without a schema of their own. */
const Ok = z.object({ ok: z.literal(true) });
const DeletedRoutingRule = z.object({ ok: z.literal(true), id: z.string() });
const OpenApiDocument = z.record(z.string(), z.unknown());

const managedCreate = {
  CreateArticleRequest: manager.CreateArticleRequest,
  CreateSnippetRequest: manager.CreateSnippetRequest,
  CreateBroadcastRequest: manager.CreateBroadcastRequest,
  CreateSiteRuleRequest: manager.CreateSiteRuleRequest,
};
const managedEdit = {
  EditArticleRequest: manager.EditArticleRequest,
  EditSnippetRequest: manager.EditSnippetRequest,
  EditBroadcastRequest: manager.EditBroadcastRequest,
  EditSiteRuleRequest: manager.EditSiteRuleRequest,
};
const item = { ManagedItem: manager.ManagedItem };
const statusChange = (summary: string): RouteSpec => ({
  summary,
  scopes: ['knowledge:write'],
  body: { StatusChangeRequest: manager.StatusChangeRequest },
  response: item,
});

/** Keyed `METHOD /path` with the app's own path patterns (`:id`). */
export const API_ROUTES: Record<string, RouteSpec> = {
  'GET /health': { summary: 'Whether the server and its database answer', public: true, response: { HealthResponse: api.HealthResponse } },

  'POST /auth/sign-in': {
    summary: 'Sign in with email and password; answers a bearer token',
    public: true,
    body: { SignInRequest: api.SignInRequest },
    response: { SignInResponse: api.SignInResponse },
  },
  'POST /auth/accept-invite': {
    summary: 'Set a password with an invitation and sign in',
    public: true,
    body: { AcceptInviteRequest: manager.AcceptInviteRequest },
    response: { SignInResponse: api.SignInResponse },
  },
  'POST /auth/sign-out': { summary: 'End this session', response: { Ok } },
  'GET /auth/me': { summary: 'Who the token acts for', scopes: [], response: { MeResponse: api.MeResponse } },

  'GET /sync/pull': {
    summary: 'Changes after a cursor: cases, customers, interactions and content the caller may see',
    scopes: ['cases:read', 'customers:read'],
    query: { PullQuery: api.PullQuery },
    response: { PullResponse: api.PullResponse },
  },
  'POST /sync/push': {
    summary: 'Apply a batch of mutations; each answers applied or rejected',
    scopes: ['cases:write', 'customers:write'],
    body: { PushRequest: api.PushRequest },
    response: { PushResponse: api.PushResponse },
  },
  // Not for API tokens: the stream re-checks a session at each heartbeat; an integration polls pull or takes webhooks.
  'GET /sync/live': { summary: 'Server-sent events: a new cursor whenever something changed', response: 'event-stream' },

  'GET /manager/teams': { summary: 'The teams, and which the caller belongs to', scopes: [], response: { TeamsResponse: manager.TeamsResponse } },
  'GET /manager/analytics': {
    summary: 'Usage and knowledge figures of the caller’s teams',
    scopes: ['analytics:read'],
    query: { AnalyticsQuery: manager.AnalyticsQuery },
    response: { AnalyticsResponse: manager.AnalyticsResponse },
  },
  'GET /manager/:kind': {
    summary: 'List articles, snippets, broadcasts or site rules',
    scopes: ['knowledge:read'],
    query: { ManagerListQuery: manager.ManagerListQuery },
    response: { ManagerListResponse: manager.ManagerListResponse },
  },
  'POST /manager/:kind': { summary: 'Create an item (a draft)', scopes: ['knowledge:write'], body: managedCreate, status: 201, response: item },
  'GET /manager/:kind/:id': { summary: 'One item', scopes: ['knowledge:read'], response: item },
  'POST /manager/:kind/:id/edit': { summary: 'Change an item from a base version', scopes: ['knowledge:write'], body: managedEdit, response: item },
  'POST /manager/:kind/:id/publish': statusChange('Publish an item'),
  'POST /manager/:kind/:id/unpublish': statusChange('Take an item back to draft'),
  'POST /manager/:kind/:id/archive': statusChange('Archive an item'),
  'POST /manager/:kind/:id/rollback': {
    summary: 'Restore an earlier version as a new one',
    scopes: ['knowledge:write'],
    body: { RollbackRequest: manager.RollbackRequest },
    response: item,
  },
  'GET /manager/:kind/:id/versions': {
    summary: 'An item’s version history',
    scopes: ['knowledge:read'],
    response: { VersionHistoryResponse: manager.VersionHistoryResponse },
  },
  'GET /manager/:kind/:id/versions/:version': {
    summary: 'One version of an item',
    scopes: ['knowledge:read'],
    response: { VersionHistoryResponse: manager.VersionHistoryResponse },
  },
  'GET /manager/:kind/:id/compare': {
    summary: 'The fields that differ between two versions',
    scopes: ['knowledge:read'],
    query: { CompareQuery: manager.CompareQuery },
    response: { CompareResponse: manager.CompareResponse },
  },

  'GET /admin/users': { summary: 'Every user', response: { AdminUsersResponse: manager.AdminUsersResponse } },
  'POST /admin/users': {
    summary: 'Create a user with a password or an invitation',
    body: { CreateUserRequest: manager.CreateUserRequest },
    status: 201,
    response: { CreateUserResponse: manager.CreateUserResponse },
  },
  'GET /admin/users/:id': { summary: 'One user', response: { AdminUserResponse: manager.AdminUserResponse } },
  'POST /admin/users/:id': {
    summary: 'Change a user’s name, role or teams',
    body: { UpdateUserRequest: manager.UpdateUserRequest },
    response: { AdminUserResponse: manager.AdminUserResponse },
  },
  'POST /admin/users/:id/deactivate': { summary: 'Deactivate a user and end their sessions', response: { AdminUserResponse: manager.AdminUserResponse } },
  'GET /admin/field-policy': { summary: 'Which fields each role sees', response: { FieldPolicyResponse: privacy.FieldPolicyResponse } },
  'PUT /admin/field-policy': {
    summary: 'Set the field policy of a role (and team)',
    body: { SetFieldPolicyRequest: privacy.SetFieldPolicyRequest },
    response: { FieldPolicyResponse: privacy.FieldPolicyResponse },
  },
  'GET /admin/crm-hosts': { summary: 'The organisation’s own CRM and help-desk hosts', response: { OrgHostsResponse: hosts.OrgHostsResponse } },
  'PUT /admin/crm-hosts': {
    summary: 'Replace the organisation’s CRM hosts',
    body: { SetOrgHostsRequest: hosts.SetOrgHostsRequest },
    response: { OrgHostsResponse: hosts.OrgHostsResponse },
  },
  'GET /admin/webhooks': {
    summary: 'The webhooks with their pending and failed deliveries',
    scopes: ['webhooks:manage'],
    response: { WebhooksResponse: webhooks.WebhooksResponse },
  },
  'POST /admin/webhooks': {
    summary: 'Register a webhook; answers its signing secret, once',
    scopes: ['webhooks:manage'],
    body: { CreateWebhookRequest: webhooks.CreateWebhookRequest },
    status: 201,
    response: { CreatedWebhook: webhooks.CreatedWebhook },
  },
  'DELETE /admin/webhooks/:id': { summary: 'Stop a webhook', scopes: ['webhooks:manage'], status: 204, response: 'empty' },
  'GET /admin/webhooks/:id/deliveries': {
    summary: 'A webhook’s last 100 deliveries',
    scopes: ['webhooks:manage'],
    response: { WebhookDeliveriesResponse: webhooks.WebhookDeliveriesResponse },
  },
  'GET /admin/tokens': { summary: 'The API tokens (never their secrets)', response: { ApiTokensResponse } },
  'POST /admin/tokens': {
    summary: 'Create an API token; answers the token, once',
    body: { CreateApiTokenRequest },
    status: 201,
    response: { CreatedApiToken },
  },
  'POST /admin/tokens/:id/revoke': { summary: 'Revoke an API token at once', response: { ApiTokensResponse } },

  'POST /import/customers': {
    summary: 'Import customers (idempotent upsert by identity)',
    scopes: ['customers:write'],
    body: { CustomerImportRequest: imports.CustomerImportRequest },
    response: { CustomerImportResult: imports.CustomerImportResult },
  },
  'POST /import/history': {
    summary: 'Import tickets as cases and interactions of imported customers (idempotent by ticket id)',
    scopes: ['cases:write'],
    body: { HistoryImportRequest },
    response: { CustomerImportResult: imports.CustomerImportResult },
  },

  'POST /privacy/reveal': {
    summary: 'Reveal a masked field of a customer (logged)',
    body: { RevealRequest: privacy.RevealRequest },
    response: { RevealResponse: privacy.RevealResponse },
  },
  'GET /privacy/access-log': {
    summary: 'Who revealed or exported what',
    query: { AccessLogQuery: privacy.AccessLogQuery },
    response: { AccessLogResponse: privacy.AccessLogResponse },
  },
  'GET /privacy/retention': { summary: 'Retention per team', response: { RetentionResponse: privacy.RetentionResponse } },
  'PUT /privacy/retention/:teamId': {
    summary: 'Set a team’s retention',
    body: { SetRetentionRequest: privacy.SetRetentionRequest },
    response: { RetentionResponse: privacy.RetentionResponse },
  },
  'POST /privacy/retention/run': {
    summary: 'Apply retention now',
    body: { RunRetentionRequest: privacy.RunRetentionRequest },
    response: { RetentionRunResponse: privacy.RetentionRunResponse },
  },
  'GET /privacy/customers': {
    summary: 'Find customers by name or identity',
    scopes: ['customers:read'],
    query: { PrivacyCustomerQuery: privacy.PrivacyCustomerQuery },
    response: { PrivacyCustomersResponse: privacy.PrivacyCustomersResponse },
  },
  'POST /privacy/customers/:id/erase': {
    summary: 'Erase a customer and their history',
    body: { EraseCustomerRequest: privacy.EraseCustomerRequest },
    response: { ErasureResponse: privacy.ErasureResponse },
  },
  'GET /privacy/customers/:id/export': {
    summary: 'Everything stored about a customer',
    scopes: ['customers:read'],
    response: { CustomerExport: privacy.CustomerExport },
  },

  'POST /usage/events': {
    summary: 'Record what agents opened, inserted and captured',
    body: { UsageEventsRequest: manager.UsageEventsRequest },
    response: { UsageEventsResponse: manager.UsageEventsResponse },
  },
  'POST /knowledge/learning/picks': {
    summary: 'Record which article an agent picked for a conversation',
    body: { LearningPicksRequest: learning.LearningPicksRequest },
    response: { LearningPicksResponse: learning.LearningPicksResponse },
  },
  'GET /knowledge/learning/associations': {
    summary: 'What the team learnt: terms and the articles picked for them',
    scopes: ['knowledge:read'],
    response: { LearnedAssociationsResponse: learning.LearnedAssociationsResponse },
  },

  'GET /queue/teammates': { summary: 'The caller’s teammates', scopes: ['cases:read'], response: { TeammatesResponse: queue.TeammatesResponse } },
  'GET /queue/presence': {
    summary: 'Who is viewing or replying to which case',
    scopes: ['cases:read'],
    response: { PresenceListResponse: queue.PresenceListResponse },
  },
  'POST /queue/presence': {
    summary: 'Say the caller views, replies to or left a case',
    scopes: ['cases:write'],
    body: { PresenceRequest: queue.PresenceRequest },
    response: { PresenceEvent: queue.PresenceEvent },
  },
  'GET /queue/routing-rules': {
    summary: 'The routing rules of the caller’s teams',
    scopes: ['cases:read'],
    response: { RoutingRulesResponse: queue.RoutingRulesResponse },
  },
  'POST /queue/routing-rules': {
    summary: 'Create a routing rule',
    body: { CreateRoutingRuleRequest: queue.CreateRoutingRuleRequest },
    status: 201,
    response: { RoutingRule: queue.RoutingRule },
  },
  'POST /queue/routing-rules/:id': {
    summary: 'Change a routing rule',
    body: { EditRoutingRuleRequest: queue.EditRoutingRuleRequest },
    response: { RoutingRule: queue.RoutingRule },
  },
  'POST /queue/routing-rules/:id/delete': { summary: 'Delete a routing rule', response: { DeletedRoutingRule } },

  'GET /sla/policies': {
    summary: 'SLA targets and business calendars per team',
    scopes: ['cases:read'],
    response: { SlaPoliciesResponse: sla.SlaPoliciesResponse },
  },
  'PUT /sla/policies/:teamId': {
    summary: 'Set a team’s SLA targets',
    body: { SlaPolicyUpdate: sla.SlaPolicyUpdate },
    response: { TeamSlaPolicy: sla.TeamSlaPolicy },
  },
  'PUT /sla/calendars/:teamId': {
    summary: 'Set a team’s business hours and holidays',
    body: { BusinessCalendarUpdate: sla.BusinessCalendarUpdate },
    response: { TeamCalendar: sla.TeamCalendar },
  },
  'POST /sla/calendars/:teamId/delete': { summary: 'Back to round-the-clock SLA clocks', response: { TeamCalendar: sla.TeamCalendar } },
  'GET /sla/escalation/:teamId': {
    summary: 'A team’s escalation settings',
    scopes: ['cases:read'],
    response: { TeamEscalationSettings: sla.TeamEscalationSettings },
  },
  'PUT /sla/escalation/:teamId': {
    summary: 'Set a team’s escalation settings',
    body: { EscalationSettings: sla.EscalationSettings },
    response: { TeamEscalationSettings: sla.TeamEscalationSettings },
  },
  'GET /sla/escalations/:teamId': { summary: 'A team’s escalations', scopes: ['cases:read'], response: { EscalationsResponse: sla.EscalationsResponse } },
  'GET /sla/report/:teamId': {
    summary: 'A team’s SLA attainment over a period',
    scopes: ['analytics:read'],
    query: { SlaReportQuery: sla.SlaReportQuery },
    response: { SlaReportResponse: sla.SlaReportResponse },
  },
  'GET /effort/report/:teamId': {
    summary: 'The customer effort behind a team’s cases over a period, by topic, channel and week',
    scopes: ['analytics:read'],
    query: { EffortReportQuery: effort.EffortReportQuery },
    response: { EffortReportResponse: effort.EffortReportResponse },
  },

  'GET /site-rules': {
    summary: 'The published site rules the extension applies',
    scopes: ['knowledge:read'],
    response: { SiteRulesResponse: manager.SiteRulesResponse },
  },
  'GET /org-hosts': { summary: 'The organisation’s CRM hosts', scopes: [], response: { OrgHostsResponse: hosts.OrgHostsResponse } },
  'POST /recognition/reports': {
    summary: 'Report whether the extension recognised a page',
    body: { RecognitionReport: recognition.RecognitionReport },
    response: { RecognitionReportResponse: recognition.RecognitionReportResponse },
  },
  'GET /recognition/health': {
    summary: 'Recognition rates per site',
    query: { RecognitionHealthQuery: recognition.RecognitionHealthQuery },
    response: { RecognitionHealthResponse: recognition.RecognitionHealthResponse },
  },
  'GET /capture-privacy': {
    summary: 'Never-capture hosts and each team’s redaction',
    scopes: [],
    response: { CapturePrivacyResponse: capture.CapturePrivacyResponse },
  },
  'PUT /capture-privacy/never-capture': {
    summary: 'Set the hosts nothing is ever captured from',
    body: { SetNeverCaptureRequest: capture.SetNeverCaptureRequest },
    response: { SetNeverCaptureRequest: capture.SetNeverCaptureRequest },
  },
  'PUT /capture-privacy/redaction/:teamId': {
    summary: 'Set what a team’s captures redact',
    body: { RedactionOptions: capture.RedactionOptions },
    response: { TeamRedaction: capture.TeamRedaction },
  },

  'POST /manager/:kind/:id/verify': {
    summary: 'Mark an article or snippet verified: current again for its teams’ verify interval',
    scopes: ['knowledge:write'],
    body: { VerifyRequest: review.VerifyRequest },
    response: item,
  },
  'GET /knowledge/review/intervals': {
    summary: 'Each managed team’s verify interval',
    scopes: ['knowledge:read'],
    response: { VerifyIntervalsResponse: review.VerifyIntervalsResponse },
  },
  'PUT /knowledge/review/intervals/:teamId': {
    summary: 'Set a team’s verify interval',
    scopes: ['knowledge:write'],
    body: { SetVerifyIntervalRequest: review.SetVerifyIntervalRequest },
    response: { VerifyIntervalsResponse: review.VerifyIntervalsResponse },
  },
  'GET /knowledge/review/to-verify': {
    summary: 'Articles and snippets past their verify-by date, longest overdue first',
    scopes: ['knowledge:read'],
    response: { ToVerifyResponse: review.ToVerifyResponse },
  },
  'POST /knowledge/review/flags': {
    summary: 'Agents’ flags on suggested items (outdated, wrong, missing information); idempotent by flag id',
    body: { FlagsRequest: review.FlagsRequest },
    response: { FlagsSentResponse: review.FlagsSentResponse },
  },
  'GET /knowledge/review/flags': {
    summary: 'Open flags on the caller’s teams’ items',
    scopes: ['knowledge:read'],
    response: { OpenFlagsResponse: review.OpenFlagsResponse },
  },
  'POST /knowledge/review/flags/:id/resolve': {
    summary: 'Resolve a flag',
    scopes: ['knowledge:write'],
    response: { OpenFlagsResponse: review.OpenFlagsResponse },
  },
  'POST /knowledge/review/gaps': {
    summary: 'Content gaps: what found no confident suggestion or search result, as site and terms; idempotent by gap id',
    body: { GapsRequest: gaps.GapsRequest },
    response: { GapsSentResponse: gaps.GapsSentResponse },
  },
  'GET /knowledge/review/gaps': {
    summary: 'The caller’s teams’ content gaps of the last 30 days, grouped by similar terms',
    scopes: ['knowledge:read'],
    response: { GapGroupsResponse: gaps.GapGroupsResponse },
  },

  'GET /assignment/status': { summary: 'The caller’s own available/away status', response: { MyAgentStatus: assignment.MyAgentStatus } },
  'PUT /assignment/status': {
    summary: 'Set the caller’s own status (by hand, or the browser’s idle signal)',
    body: { SetAgentStatusRequest: assignment.SetAgentStatusRequest },
    response: { MyAgentStatus: assignment.MyAgentStatus },
  },
  'GET /assignment/teams/:teamId': {
    summary: 'A team’s assignment mode and settings, and its agents’ status and open cases',
    scopes: ['cases:read'],
    response: { TeamAssignment: assignment.TeamAssignment },
  },
  'PUT /assignment/teams/:teamId': {
    summary: 'Set a team’s assignment mode, capacity, auto-away and return-to-pool times, skills and language matching, agents’ skills',
    body: { SaveTeamAssignment: assignment.SaveTeamAssignment },
    response: { TeamAssignment: assignment.TeamAssignment },
  },

  'GET /incidents': {
    summary: 'Possible incidents of the caller’s teams',
    scopes: ['cases:read'],
    query: { IncidentsQuery: incidents.IncidentsQuery },
    response: { IncidentsResponse: incidents.IncidentsResponse },
  },
  'POST /incidents/:id/link': {
    summary: 'Link a broadcast to an incident',
    scopes: ['cases:write'],
    body: { LinkBroadcastRequest: incidents.LinkBroadcastRequest },
    response: { Incident: incidents.Incident },
  },
  'POST /incidents/:id/status': {
    summary: 'Confirm, dismiss or close an incident',
    scopes: ['cases:write'],
    body: { IncidentStatusRequest: incidents.IncidentStatusRequest },
    response: { Incident: incidents.Incident },
  },
  'POST /incidents/:id/follow-ups': {
    summary: 'Draft a follow-up to every case of a closed incident',
    scopes: ['cases:write'],
    body: { FollowUpRequest: incidents.FollowUpRequest },
    response: { FollowUpResponse: incidents.FollowUpResponse },
  },
  'POST /broadcasts/receipts': {
    summary: 'Agents acknowledge broadcasts aimed at them (the first acknowledgement counts; gone broadcasts are ignored)',
    body: { ReceiptsRequest: receipts.ReceiptsRequest },
    response: { ReceiptsSentResponse: receipts.ReceiptsSentResponse },
  },
  'GET /broadcasts/receipts': {
    summary: 'Live broadcasts with the caller’s teams’ agents who have and have not acknowledged each',
    scopes: ['knowledge:read'],
    response: { BroadcastReadsResponse: receipts.BroadcastReadsResponse },
  },

  'PUT /attachments/:id': {
    summary: 'Upload a screenshot or image of a case (idempotent by id)',
    scopes: ['cases:write'],
    query: { AttachmentUploadQuery: attachments.AttachmentUploadQuery },
    body: 'image',
    status: 201,
    response: { AttachmentUploadResponse: attachments.AttachmentUploadResponse },
  },
  'GET /attachments/:id': { summary: 'An attachment’s bytes', scopes: ['cases:read'], response: 'image' },
  'GET /cases/:id/attachments': {
    summary: 'A case’s attachments',
    scopes: ['cases:read'],
    response: { CaseAttachmentsResponse: attachments.CaseAttachmentsResponse },
  },

  'GET /reference': { summary: 'This document as a page to read', public: true, response: 'html' },
  'GET /openapi.json': { summary: 'This document (OpenAPI 3.1)', public: true, response: { OpenApiDocument } },
};
