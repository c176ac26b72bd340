// The background's side of the manager console: forwards the console's messages to the server's
// `/manager/*` routes with the session's token (pages never hold it) and parses every answer.
import { SlaPoliciesResponse, TeamSlaPolicy } from '../schema/sla';
import type { z } from 'zod';
import { MessageError, type Handlers } from '../messaging/dispatch';
import { ApiError } from '../schema/api';
import {
  AnalyticsResponse,
  CompareResponse,
  ManagedItem,
  ManagerListResponse,
  TeamsResponse,
  VersionHistoryResponse,
  type ContentKind,
} from '../schema/manager';
import type { ManagerWriteResult } from '../schema/messages';

export type ManagerMessageName =
  | 'manager.teams'
  | 'manager.list'
  | 'manager.get'
  | 'manager.create'
  | 'manager.edit'
  | 'manager.setStatus'
  | 'manager.rollback'
  | 'manager.versions'
  | 'manager.compare'
  | 'manager.analytics'
  | 'manager.slaPolicies'
  | 'manager.setSlaPolicy';

export interface ManagerDeps {
  /** The signed-in session's server and token; null when signed out or expired. */
  credentials(): Promise<{ baseUrl: string; token: string } | null>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** A refused manager call, keeping the server's details (a conflict carries the stored version). */
class ManagerCallError extends MessageError {
  constructor(
    code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(code, message);
  }
}

const seg = (s: string) => encodeURIComponent(s);
const itemPath = (kind: ContentKind, id: string) => `/manager/${seg(kind)}/${seg(id)}`;

function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function createManagerHandlers(deps: ManagerDeps): Pick<Handlers, ManagerMessageName> {
  const doFetch = deps.fetch ?? ((input, init) => fetch(input, init));

  async function call<S extends z.ZodType>(schema: S, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<z.output<S>> {
    // Only manager routes (and the service-level policies) go through here, whatever a page asks for.
    if (!path.startsWith('/manager/') && !path.startsWith('/sla/policies')) throw new MessageError('invalid_request', 'Only manager routes are forwarded.');
    const creds = await deps.credentials();
    if (!creds) throw new MessageError('signed_out', 'Sign in to Tandem (options page) to use the manager console.');
    const root = creds.baseUrl.replace(/\/+$/, '');
    let response: Response;
    try {
      response = await doFetch(`${root}${path}`, {
        method,
        headers: { accept: 'application/json', authorization: `Bearer ${creds.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(deps.timeoutMs ?? 20_000),
      });
    } catch {
      throw new MessageError('offline', `Cannot reach the Tandem server at ${root}. Check your connection and try again.`);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = ApiError.safeParse(json);
      if (error.success) throw new ManagerCallError(error.data.error.code, error.data.error.message, error.data.error.details);
      throw new MessageError('http_error', `The server answered ${response.status}.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new MessageError('bad_response', `The server sent an answer Tandem does not understand (${method} ${path}).`);
    return parsed.data;
  }

  /** A write that may meet someone else's newer save: the conflict is an answer, not an error. */
  async function write(path: string, body: unknown): Promise<ManagerWriteResult> {
    try {
      return { outcome: 'saved', item: await call(ManagedItem, 'POST', path, body) };
    } catch (error) {
      if (error instanceof ManagerCallError && error.code === 'conflict') {
        const current = ManagedItem.safeParse((error.details as { current?: unknown } | null)?.current);
        if (current.success) return { outcome: 'conflict', message: error.message, current: current.data };
      }
      throw error;
    }
  }

  return {
    'manager.teams': () => call(TeamsResponse, 'GET', '/manager/teams'),
    'manager.list': ({ kind, query }) => call(ManagerListResponse, 'GET', `/manager/${seg(kind)}${queryString(query)}`),
    'manager.get': ({ kind, id }) => call(ManagedItem, 'GET', itemPath(kind, id)),
    'manager.create': ({ kind, body }) => call(ManagedItem, 'POST', `/manager/${seg(kind)}`, body),
    'manager.edit': ({ kind, id, body }) => write(`${itemPath(kind, id)}/edit`, body),
    'manager.setStatus': ({ kind, id, action, baseVersion }) => write(`${itemPath(kind, id)}/${action}`, baseVersion === undefined ? {} : { baseVersion }),
    'manager.rollback': ({ kind, id, toVersion, baseVersion }) =>
      write(`${itemPath(kind, id)}/rollback`, baseVersion === undefined ? { toVersion } : { toVersion, baseVersion }),
    'manager.versions': ({ kind, id }) => call(VersionHistoryResponse, 'GET', `${itemPath(kind, id)}/versions`),
    'manager.compare': ({ kind, id, from, to }) => call(CompareResponse, 'GET', `${itemPath(kind, id)}/compare${queryString({ from, to })}`),
    'manager.analytics': (query) => call(AnalyticsResponse, 'GET', `/manager/analytics${queryString(query)}`),
    'manager.slaPolicies': () => call(SlaPoliciesResponse, 'GET', '/sla/policies'),
    'manager.setSlaPolicy': ({ teamId, policy }) => call(TeamSlaPolicy, 'PUT', `/sla/policies/${seg(teamId)}`, policy),
  };
}
