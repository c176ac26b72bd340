// The one way the extension talks HTTP to the Tandem server: the session's bearer token, a timeout
// per attempt, one retry where it is safe, zod on the way out and on the way back, and one mapping
// of every failure to an ApiClientError with a stable code.
import type { z } from 'zod';
import { MessageError } from '../messaging/error';
import { ApiError } from '../schema/api';

/**
 * A failed call to the backend: the server's stable code, message, HTTP status and details (a manager
 * write conflict carries the stored version there), or one of ours: `offline` (no answer, status null),
 * `http_error` (an answer without an error body), `bad_response` (an answer we do not understand),
 * `invalid_request` (refused before sending), `aborted` (the client's signal cancelled it, status null).
 */
export class ApiClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null,
    readonly details: unknown = undefined,
    /** How long the server asked us to wait before trying again (its `Retry-After`), bounded; null when it did not say. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

/** The client's error as the messaging layer's (same code and message); anything else passes through unchanged. */
export function toMessageError<E>(error: E): MessageError | E {
  return error instanceof ApiClientError ? new MessageError(error.code, error.message) : error;
}

/** The shortest and longest waits a `Retry-After` may impose: a typo or a hostile proxy must not park sync for a day. */
export const RETRY_AFTER_BOUNDS_MS = { min: 1000, max: 600_000 } as const;

/**
 * A `Retry-After` header (delay-seconds or an HTTP date) as milliseconds from `now`, clamped to
 * RETRY_AFTER_BOUNDS_MS; null when absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  const value = header?.trim();
  if (!value) return null;
  // Seconds are digits only; an HTTP date names its weekday and month (Date.parse alone would read '-3' as a year).
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : /^[a-z]{3}, /i.test(value) ? Date.parse(value) - now : Number.NaN;
  if (Number.isNaN(ms)) return null;
  return Math.min(RETRY_AFTER_BOUNDS_MS.max, Math.max(RETRY_AFTER_BOUNDS_MS.min, ms));
}

export interface HttpOptions {
  baseUrl: string;
  token?: string | null;
  fetch?: typeof fetch;
  /** Per attempt. */
  timeoutMs?: number;
  /** Cancels every request of this client at once (a sync pass a sign-out ends): they fail `aborted`. */
  signal?: AbortSignal;
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Build paths with `path` so ids are encoded. */
  path: string;
  /** Empty and undefined values are left out. */
  query?: Record<string, string | number | undefined>;
  /** A JSON body, parsed with the server's own request schema before it leaves. */
  json?: { schema: z.ZodType; value: unknown };
  /** A raw body (attachment bytes) with its content type. */
  bytes?: { type: string; data: ArrayBuffer };
  timeoutMs?: number;
}

/** A path whose every interpolated value is encoded as one segment, so an id can never climb out of its route. */
export function path(parts: TemplateStringsArray, ...segments: (string | number)[]): string {
  return parts.reduce((built, part, i) => built + part + (i < segments.length ? encodeURIComponent(String(segments[i])) : ''), '');
}

function queryString(query: HttpRequest['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * A GET is retried once, at once, when no answer came back at all (fetch threw): it only reads, so a
 * second try costs nothing but time, and a blip no longer fails a whole sync or console view. Writes
 * are never retried here: the sync outbox retries pushes and uploads itself (under their mutation and
 * attachment ids, with backoff), and a manager's save must not run twice. A timeout is not retried
 * either: the server may be slow rather than gone, and the caller has already waited once.
 */
function retriesOnce(method: string, error: unknown, cancelled: AbortSignal | undefined): boolean {
  return method === 'GET' && !cancelled?.aborted && !(error instanceof Error && error.name === 'TimeoutError');
}

export function createHttp({
  baseUrl,
  token = null,
  fetch: doFetch = (input, init) => fetch(input, init),
  timeoutMs = 15_000,
  signal: cancelled,
}: HttpOptions) {
  const root = baseUrl.replace(/\/+$/, '');

  /** The attempt's timeout, and the client's cancellation when it has one. */
  function attemptSignal(ms: number): AbortSignal {
    const timeout = AbortSignal.timeout(ms);
    return cancelled ? AbortSignal.any([cancelled, timeout]) : timeout;
  }

  /** Thrown in place of whatever a cancelled request failed with: nobody waits for its answer any more. */
  function throwIfCancelled(): void {
    if (cancelled?.aborted) throw new ApiClientError('aborted', 'The request was cancelled.', null);
  }

  function headers(accept: string, contentType?: string): Record<string, string> {
    return { accept, ...(contentType ? { 'content-type': contentType } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  }

  /** The checked request body, or an `invalid_request` refusal: the same code (and status) the server would answer. */
  function body(request: HttpRequest): BodyInit | undefined {
    if (request.bytes) return request.bytes.data;
    if (!request.json) return undefined;
    const parsed = request.json.schema.safeParse(request.json.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiClientError(
        'invalid_request',
        `Tandem refused to send an invalid request (${request.path}): ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
        400,
      );
    }
    return JSON.stringify(parsed.data);
  }

  /** Sends one request and answers the successful response; every failure is an ApiClientError. */
  async function send(request: HttpRequest, accept = 'application/json'): Promise<Response> {
    const method = request.method ?? 'GET';
    const contentType = request.bytes?.type ?? (request.json ? 'application/json' : undefined);
    const init = { method, headers: headers(accept, contentType), body: body(request) };
    const url = `${root}${request.path}${queryString(request.query)}`;
    const attempt = () => doFetch(url, { ...init, signal: attemptSignal(request.timeoutMs ?? timeoutMs) });
    throwIfCancelled();
    let response: Response;
    try {
      response = await attempt().catch((error: unknown) => {
        if (retriesOnce(method, error, cancelled)) return attempt();
        throw error;
      });
    } catch {
      throwIfCancelled();
      throw new ApiClientError('offline', `Cannot reach the Tandem server at ${root}. Check the address and your connection.`, null);
    }
    if (!response.ok) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const error = ApiError.safeParse(await response.json().catch(() => null));
      if (error.success) throw new ApiClientError(error.data.error.code, error.data.error.message, response.status, error.data.error.details, retryAfterMs);
      throw new ApiClientError('http_error', `The server answered ${response.status}.`, response.status, undefined, retryAfterMs);
    }
    return response;
  }

  /** Sends one request and answers its JSON body parsed with `schema` (a zod schema, or one compiled from it: lib/schema/compiled.ts). */
  async function call<S extends BodySchema>(schema: S, request: HttpRequest): Promise<BodyOf<S>> {
    const response = await send(request);
    const parsed = schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) {
      // A body cut short by the cancellation is not the server's fault.
      throwIfCancelled();
      throw new ApiClientError(
        'bad_response',
        `The server sent an answer Tandem does not understand (${request.method ?? 'GET'} ${request.path}).`,
        response.status,
      );
    }
    return parsed.data as BodyOf<S>;
  }

  /** Opens an event stream for the caller to read (lib/sync/live.ts): authorised, with no timeout and no retry. */
  function eventStream(route: string, signal: AbortSignal): Promise<Response> {
    return doFetch(`${root}${route}`, { headers: headers('text/event-stream'), signal });
  }

  return { call, send, eventStream };
}

export type Http = ReturnType<typeof createHttp>;

/** What `call` parses an answer with: anything with zod's safeParse. */
export type BodySchema = { safeParse(value: unknown): { success: true; data: unknown } | { success: false } };
type BodyOf<S extends BodySchema> = Extract<ReturnType<S['safeParse']>, { success: true }>['data'];
