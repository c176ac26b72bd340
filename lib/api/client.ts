import { z } from 'zod';
import {
  HealthResponse,
  MeResponse,
  type MutationEnvelope,
  PullPage,
  type PullResponse,
  PushRequest,
  PushResponse,
  SignInRequest,
  SignInResponse,
} from '../schema/api';
import { AttachmentUploadResponse, CaseAttachmentsResponse } from '../schema/attachments';
import { CapturePrivacyResponse, RedactionOptions, SetNeverCaptureRequest, TeamRedaction } from '../schema/capture-privacy';
import { LearnedAssociationsResponse, LearningPicksRequest, LearningPicksResponse } from '../schema/knowledge-learning';
import { SiteRulesResponse, UsageEventsRequest, UsageEventsResponse } from '../schema/manager';
import { OrgHostsResponse, SetOrgHostsRequest } from '../schema/org-hosts-api';
import { RevealRequest, RevealResponse } from '../schema/privacy';
import { RecognitionReport, RecognitionReportResponse } from '../schema/recognition';
import { SlaPoliciesResponse } from '../schema/sla';
import { assignmentRoutes } from './assignment';
import { broadcastRoutes } from './broadcasts';
import { createHttp, type HttpOptions, path } from './http';
import { incidentRoutes } from './incidents';
import { integrationRoutes } from './integrations';
import { knowledgeReviewRoutes } from './knowledge-review';
import { managerRoutes } from './manager';
import { privacyAdminRoutes } from './privacy';
import { queueRoutes } from './queue';

export { ApiClientError, toMessageError } from './http';

export type ApiClientOptions = HttpOptions;

/** `POST /auth/sign-out` answers this once the token is revoked. */
const SignOutResponse = z.object({ ok: z.literal(true) });

/** The revoke is best effort and the agent waits for it: a server that never answers may hold sign-out this long at most. */
export const SIGN_OUT_TIMEOUT_MS = 3000;

/**
 * The extension's only door to the server (the background's, never a page's): one method per route,
 * every request body checked and every response parsed before anyone sees it (lib/api/http.ts).
 */
export function createApiClient(options: ApiClientOptions) {
  const http = createHttp(options);
  return {
    health: () => http.call(HealthResponse, { path: '/health' }),
    signIn: (email: string, password: string) =>
      http.call(SignInResponse, { method: 'POST', path: '/auth/sign-in', json: { schema: SignInRequest, value: { email, password } } }),
    signOut: () => http.call(SignOutResponse, { method: 'POST', path: '/auth/sign-out', timeoutMs: SIGN_OUT_TIMEOUT_MS }),
    me: () => http.call(MeResponse, { path: '/auth/me' }),
    pull: (cursor: number, limit = 500): Promise<PullResponse> => http.call(PullPage, { path: '/sync/pull', query: { cursor, limit } }),
    push: (mutations: MutationEnvelope[]) =>
      http.call(PushResponse, { method: 'POST', path: '/sync/push', json: { schema: PushRequest, value: { mutations } } }),
    /** Opens the live stream; the caller reads it (see lib/sync/live.ts). */
    live: (signal: AbortSignal) => http.eventStream('/sync/live', signal),
    slaPolicies: () => http.call(SlaPoliciesResponse, { path: '/sla/policies' }),
    siteRules: () => http.call(SiteRulesResponse, { path: '/site-rules' }),
    /** The organisation's CRM hosts, for every signed-in user. */
    orgHosts: () => http.call(OrgHostsResponse, { path: '/org-hosts' }),
    /** The same list through the admin route, and its replacement (admins only). */
    crmHosts: () => http.call(OrgHostsResponse, { path: '/admin/crm-hosts' }),
    setCrmHosts: (hosts: string[]) =>
      http.call(OrgHostsResponse, { method: 'PUT', path: '/admin/crm-hosts', json: { schema: SetOrgHostsRequest, value: { hosts } } }),
    /** The never-capture sites and the redaction options of the caller's teams (docs/privacy.md). */
    capturePrivacy: () => http.call(CapturePrivacyResponse, { path: '/capture-privacy' }),
    setNeverCapture: (hosts: string[]) =>
      http.call(SetNeverCaptureRequest, { method: 'PUT', path: '/capture-privacy/never-capture', json: { schema: SetNeverCaptureRequest, value: { hosts } } }),
    setTeamRedaction: (teamId: string, options: z.input<typeof RedactionOptions>) =>
      http.call(TeamRedaction, { method: 'PUT', path: path`/capture-privacy/redaction/${teamId}`, json: { schema: RedactionOptions, value: options } }),
    /** A masked value in full, logged by the server with the reason (POST /privacy/reveal). */
    reveal: (request: z.input<typeof RevealRequest>) =>
      http.call(RevealResponse, { method: 'POST', path: '/privacy/reveal', json: { schema: RevealRequest, value: request } }),
    usage: (events: z.input<typeof UsageEventsRequest>['events']) =>
      http.call(UsageEventsResponse, { method: 'POST', path: '/usage/events', json: { schema: UsageEventsRequest, value: { events } } }),
    /** A batch of recognition health (lib/recognition/health.ts); the server skips a batch id it has. */
    recognitionReport: (report: RecognitionReport) =>
      http.call(RecognitionReportResponse, { method: 'POST', path: '/recognition/reports', json: { schema: RecognitionReport, value: report } }),
    /** Agents' picks (an insert, a "helpful") with the page terms they teach; idempotent by id. */
    knowledgePicks: (picks: z.input<typeof LearningPicksRequest>['picks']) =>
      http.call(LearningPicksResponse, { method: 'POST', path: '/knowledge/learning/picks', json: { schema: LearningPicksRequest, value: { picks } } }),
    /** The caller's teams' learned associations, decayed to the time of the answer. */
    knowledgeAssociations: () => http.call(LearnedAssociationsResponse, { path: '/knowledge/learning/associations' }),
    /** PUT /attachments/:id: idempotent by id (a replay of the same bytes answers `replayed: true`). */
    uploadAttachment: (id: string, caseId: string, mime: string, bytes: ArrayBuffer) =>
      http.call(AttachmentUploadResponse, { method: 'PUT', path: path`/attachments/${id}`, query: { caseId }, bytes: { type: mime, data: bytes } }),
    caseAttachments: (caseId: string) => http.call(CaseAttachmentsResponse, { path: path`/cases/${caseId}/attachments` }),
    /** The image itself, with the type the server stored it as. */
    attachmentBytes: async (id: string) => {
      const response = await http.send({ path: path`/attachments/${id}` }, 'image/*');
      return { mime: (response.headers.get('content-type') ?? '').split(';')[0]!.trim(), bytes: await response.arrayBuffer() };
    },
    /** The manager console's routes. */
    manager: managerRoutes(http),
    /** The team queue's teammates and presence. */
    queue: queueRoutes(http),
    /** The agent's available/away status and the teams' assignment settings. */
    assignment: assignmentRoutes(http),
    /** Admins: retention, erasure and export (docs/privacy.md). */
    privacy: privacyAdminRoutes(http),
    /** Possible incidents of the manager's teams (docs/incidents.md). */
    incidents: incidentRoutes(http),
    /** Admins: API tokens and webhooks (docs/api.md, docs/webhooks.md). */
    integrations: integrationRoutes(http),
    /** Verify intervals, the "To verify" list and one-click verify (docs/knowledge-search.md "Verification"). */
    knowledgeReview: knowledgeReviewRoutes(http),
    broadcasts: broadcastRoutes(http),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
