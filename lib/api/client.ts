import { z } from 'zod';
import { SiteRulesResponse, UsageEventsResponse, type UsageEventsRequest } from '../schema/manager';
import { SlaPoliciesResponse } from '../schema/sla';
import { AttachmentUploadResponse, CaseAttachmentsResponse } from '../schema/attachments';
import { ApiError, HealthResponse, MeResponse, PullResponse, PushResponse, SignInResponse, type MutationEnvelope } from '../schema/api';

/** A failed call to the backend, with the server's stable code or one of ours (offline, bad_response). */
export class ApiClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  token?: string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The extension's only door to the server: every response is parsed before anyone sees it. */
export function createApiClient({ baseUrl, token = null, fetch: doFetch = fetch, timeoutMs = 15_000 }: ApiClientOptions) {
  const root = baseUrl.replace(/\/+$/, '');

  async function send(path: string, init: { method?: string; body?: unknown; raw?: { type: string; bytes: ArrayBuffer } }, accept: string): Promise<Response> {
    const headers: Record<string, string> = { accept };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.raw) headers['content-type'] = init.raw.type;
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(`${root}${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.raw ? init.raw.bytes : init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new ApiClientError('offline', `Cannot reach the Tandem server at ${root}. Check the address and your connection.`, null);
    }
    if (!response.ok) {
      const error = ApiError.safeParse(await response.json().catch(() => null));
      if (error.success) throw new ApiClientError(error.data.error.code, error.data.error.message, response.status);
      throw new ApiClientError('http_error', `The server answered ${response.status}.`, response.status);
    }
    return response;
  }

  async function call<S extends z.ZodType>(schema: S, path: string, init: { method?: string; body?: unknown; raw?: { type: string; bytes: ArrayBuffer } } = {}): Promise<z.output<S>> {
    const response = await send(path, init, 'application/json');
    const json: unknown = await response.json().catch(() => null);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiClientError('bad_response', `The server sent an answer Tandem does not understand (${path}).`, response.status);
    return parsed.data;
  }

  return {
    health: () => call(HealthResponse, '/health'),
    signIn: (email: string, password: string) => call(SignInResponse, '/auth/sign-in', { method: 'POST', body: { email, password } }),
    signOut: () => call(z.unknown(), '/auth/sign-out', { method: 'POST', body: {} }),
    me: () => call(MeResponse, '/auth/me'),
    pull: (cursor: number, limit = 500) => call(PullResponse, `/sync/pull?cursor=${cursor}&limit=${limit}`),
    slaPolicies: () => call(SlaPoliciesResponse, '/sla/policies'),
    siteRules: () => call(SiteRulesResponse, '/site-rules'),
    usage: (events: z.input<typeof UsageEventsRequest>['events']) => call(UsageEventsResponse, '/usage/events', { method: 'POST', body: { events } }),
    push: (mutations: MutationEnvelope[]) => call(PushResponse, '/sync/push', { method: 'POST', body: { mutations } }),
    /** PUT /attachments/:id: idempotent by id (a replay of the same bytes answers `replayed: true`). */
    uploadAttachment: (id: string, caseId: string, mime: string, bytes: ArrayBuffer) =>
      call(AttachmentUploadResponse, `/attachments/${encodeURIComponent(id)}?caseId=${encodeURIComponent(caseId)}`, { method: 'PUT', raw: { type: mime, bytes } }),
    caseAttachments: (caseId: string) => call(CaseAttachmentsResponse, `/cases/${encodeURIComponent(caseId)}/attachments`),
    /** The image itself, with the type the server stored it as. */
    attachmentBytes: async (id: string) => {
      const response = await send(`/attachments/${encodeURIComponent(id)}`, {}, 'image/*');
      return { mime: (response.headers.get('content-type') ?? '').split(';')[0]!.trim(), bytes: await response.arrayBuffer() };
    },
    /** Opens the live stream; the caller reads it (see lib/sync/live.ts). */
    live: (signal: AbortSignal) =>
      doFetch(`${root}/sync/live`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token ?? ''}` }, signal }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
