// The manager console's routes (`/manager/*` and the service-level policies), as methods of the API client.
import type { z } from 'zod';
import {
  AnalyticsResponse,
  CompareResponse,
  CREATE_REQUESTS,
  EDIT_REQUESTS,
  ManagedItem,
  ManagerListResponse,
  RollbackRequest,
  StatusChangeRequest,
  TeamsResponse,
  VersionHistoryResponse,
  type AnalyticsQuery,
  type ContentKind,
  type ManagerListQuery,
} from '../schema/manager';
import { SlaPolicyUpdate, TeamSlaPolicy } from '../schema/sla';
import { path, type Http } from './http';

/** Longer than the client's default of 15 s: analytics aggregates weeks of usage events. */
const MANAGER_TIMEOUT_MS = 20_000;

export function managerRoutes(http: Http) {
  const item = (kind: ContentKind, id: string) => path`/manager/${kind}/${id}`;
  const get = <S extends z.ZodType>(schema: S, route: string, query?: Record<string, string | number | undefined>) =>
    http.call(schema, { path: route, query, timeoutMs: MANAGER_TIMEOUT_MS });
  const post = <S extends z.ZodType>(schema: S, route: string, json: { schema: z.ZodType; value: unknown }) =>
    http.call(schema, { method: 'POST', path: route, json, timeoutMs: MANAGER_TIMEOUT_MS });

  return {
    teams: () => get(TeamsResponse, '/manager/teams'),
    list: (kind: ContentKind, query: ManagerListQuery) => get(ManagerListResponse, path`/manager/${kind}`, query),
    get: (kind: ContentKind, id: string) => get(ManagedItem, item(kind, id)),
    versions: (kind: ContentKind, id: string) => get(VersionHistoryResponse, `${item(kind, id)}/versions`),
    compare: (kind: ContentKind, id: string, from: number, to: number) => get(CompareResponse, `${item(kind, id)}/compare`, { from, to }),
    analytics: (query: z.output<typeof AnalyticsQuery>) => get(AnalyticsResponse, '/manager/analytics', query),
    create: <K extends ContentKind>(kind: K, body: z.input<(typeof CREATE_REQUESTS)[K]>) =>
      post(ManagedItem, path`/manager/${kind}`, { schema: CREATE_REQUESTS[kind], value: body }),
    /** A stale `baseVersion` fails with code `conflict` and the stored version in `details.current`. */
    edit: <K extends ContentKind>(kind: K, id: string, body: z.input<(typeof EDIT_REQUESTS)[K]>) =>
      post(ManagedItem, `${item(kind, id)}/edit`, { schema: EDIT_REQUESTS[kind], value: body }),
    setStatus: (kind: ContentKind, id: string, action: 'publish' | 'unpublish' | 'archive', body: z.input<typeof StatusChangeRequest>) =>
      post(ManagedItem, `${item(kind, id)}/${action}`, { schema: StatusChangeRequest, value: body }),
    rollback: (kind: ContentKind, id: string, body: z.input<typeof RollbackRequest>) =>
      post(ManagedItem, `${item(kind, id)}/rollback`, { schema: RollbackRequest, value: body }),
    setSlaPolicy: (teamId: string, policy: z.input<typeof SlaPolicyUpdate>) =>
      http.call(TeamSlaPolicy, { method: 'PUT', path: path`/sla/policies/${teamId}`, json: { schema: SlaPolicyUpdate, value: policy }, timeoutMs: MANAGER_TIMEOUT_MS }),
  };
}
