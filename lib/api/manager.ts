// The manager console's routes (`/manager/*` and the service-level policies), as methods of the API client.
import type { z } from 'zod';
import { CustomerImportRequest, CustomerImportResult } from '../schema/customer-import';
import { type EffortReportQuery, EffortReportResponse } from '../schema/effort';
import { HistoryImportRequest } from '../schema/history-import';
import {
  type AnalyticsQuery,
  AnalyticsResponse,
  CompareResponse,
  type ContentKind,
  CREATE_REQUESTS,
  EDIT_REQUESTS,
  ManagedItem,
  type ManagerListQuery,
  ManagerListResponse,
  RollbackRequest,
  StatusChangeRequest,
  TeamsResponse,
  VersionHistoryResponse,
} from '../schema/manager';
import { type AccessLogQuery, AccessLogResponse, FieldPolicyResponse, SetFieldPolicyRequest } from '../schema/privacy';
import { type RecognitionHealthQuery, RecognitionHealthResponse } from '../schema/recognition';
import {
  BusinessCalendarUpdate,
  EscalationSettings,
  SlaPolicyUpdate,
  type SlaReportQuery,
  SlaReportResponse,
  TeamCalendar,
  TeamEscalationSettings,
  TeamSlaPolicy,
} from '../schema/sla';
import { type Http, path } from './http';

/** Longer than the client's default of 15 s: analytics aggregates weeks of usage events. */
const MANAGER_TIMEOUT_MS = 20_000;

export function managerRoutes(http: Http) {
  const item = (kind: ContentKind, id: string) => path`/manager/${kind}/${id}`;
  const read = <S extends z.ZodType>(schema: S, route: string, query?: Record<string, string | number | undefined>) =>
    http.call(schema, { path: route, query, timeoutMs: MANAGER_TIMEOUT_MS });
  const write = <S extends z.ZodType>(schema: S, route: string, json: { schema: z.ZodType; value: unknown }) =>
    http.call(schema, { method: 'POST', path: route, json, timeoutMs: MANAGER_TIMEOUT_MS });

  return {
    teams: () => read(TeamsResponse, '/manager/teams'),
    list: (kind: ContentKind, query: ManagerListQuery) => read(ManagerListResponse, path`/manager/${kind}`, query),
    get: (kind: ContentKind, id: string) => read(ManagedItem, item(kind, id)),
    versions: (kind: ContentKind, id: string) => read(VersionHistoryResponse, `${item(kind, id)}/versions`),
    compare: (kind: ContentKind, id: string, from: number, to: number) => read(CompareResponse, `${item(kind, id)}/compare`, { from, to }),
    analytics: (query: z.output<typeof AnalyticsQuery>) => read(AnalyticsResponse, '/manager/analytics', query),
    /** One batch of a customer import (server/routes/customer-import.ts): written whole, or not at all. */
    importCustomers: (body: CustomerImportRequest) => write(CustomerImportResult, '/import/customers', { schema: CustomerImportRequest, value: body }),
    /** One batch of a ticket history import (server/routes/history-import.ts): written whole, or not at all. */
    importHistory: (body: HistoryImportRequest) => write(CustomerImportResult, '/import/history', { schema: HistoryImportRequest, value: body }),
    create: <K extends ContentKind>(kind: K, body: z.input<(typeof CREATE_REQUESTS)[K]>) =>
      write(ManagedItem, path`/manager/${kind}`, { schema: CREATE_REQUESTS[kind], value: body }),
    /** A stale `baseVersion` fails with code `conflict` and the stored version in `details.current`. */
    edit: <K extends ContentKind>(kind: K, id: string, body: z.input<(typeof EDIT_REQUESTS)[K]>) =>
      write(ManagedItem, `${item(kind, id)}/edit`, { schema: EDIT_REQUESTS[kind], value: body }),
    setStatus: (kind: ContentKind, id: string, action: 'publish' | 'unpublish' | 'archive', body: z.input<typeof StatusChangeRequest>) =>
      write(ManagedItem, `${item(kind, id)}/${action}`, { schema: StatusChangeRequest, value: body }),
    rollback: (kind: ContentKind, id: string, body: z.input<typeof RollbackRequest>) =>
      write(ManagedItem, `${item(kind, id)}/rollback`, { schema: RollbackRequest, value: body }),
    fieldPolicy: () => read(FieldPolicyResponse, '/admin/field-policy'),
    setFieldPolicy: (rule: z.input<typeof SetFieldPolicyRequest>) =>
      http.call(FieldPolicyResponse, {
        method: 'PUT',
        path: '/admin/field-policy',
        json: { schema: SetFieldPolicyRequest, value: rule },
        timeoutMs: MANAGER_TIMEOUT_MS,
      }),
    accessLog: (query: z.output<typeof AccessLogQuery>) => read(AccessLogResponse, '/privacy/access-log', query),
    /** Recognition health per site and day (admins only). */
    recognitionHealth: (query: z.output<typeof RecognitionHealthQuery>) => read(RecognitionHealthResponse, '/recognition/health', query),
    setSlaPolicy: (teamId: string, policy: z.input<typeof SlaPolicyUpdate>) =>
      http.call(TeamSlaPolicy, {
        method: 'PUT',
        path: path`/sla/policies/${teamId}`,
        json: { schema: SlaPolicyUpdate, value: policy },
        timeoutMs: MANAGER_TIMEOUT_MS,
      }),
    setSlaCalendar: (teamId: string, calendar: z.input<typeof BusinessCalendarUpdate>) =>
      http.call(TeamCalendar, {
        method: 'PUT',
        path: path`/sla/calendars/${teamId}`,
        json: { schema: BusinessCalendarUpdate, value: calendar },
        timeoutMs: MANAGER_TIMEOUT_MS,
      }),
    clearSlaCalendar: (teamId: string) =>
      http.call(TeamCalendar, { method: 'POST', path: path`/sla/calendars/${teamId}/delete`, timeoutMs: MANAGER_TIMEOUT_MS }),
    slaReport: (teamId: string, { from, to }: SlaReportQuery) =>
      http.call(SlaReportResponse, { path: path`/sla/report/${teamId}`, query: { from, to }, timeoutMs: MANAGER_TIMEOUT_MS }),
    effortReport: (teamId: string, { from, to }: EffortReportQuery) =>
      http.call(EffortReportResponse, { path: path`/effort/report/${teamId}`, query: { from, to }, timeoutMs: MANAGER_TIMEOUT_MS }),
    slaEscalation: (teamId: string) => http.call(TeamEscalationSettings, { path: path`/sla/escalation/${teamId}`, timeoutMs: MANAGER_TIMEOUT_MS }),
    setSlaEscalation: (teamId: string, settings: EscalationSettings) =>
      http.call(TeamEscalationSettings, {
        method: 'PUT',
        path: path`/sla/escalation/${teamId}`,
        json: { schema: EscalationSettings, value: settings },
        timeoutMs: MANAGER_TIMEOUT_MS,
      }),
  };
}
