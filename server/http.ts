import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ApiError, ApiErrorCode } from '../lib/schema/api';
import { Id } from '../lib/schema/entities';

/** The stable codes of `{ error: { code, message } }`, listed once in lib/schema/api.ts so the UI can translate each. */
export type ErrorCode = ApiErrorCode;

/** Thrown by routes and middleware; turned into `{ error: { code, message } }` by the app's error handler. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ApiError {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

/**
 * The 413 of a body limit. The rest of the body is never read, so the socket cannot carry another request:
 * `Connection: close` says so, instead of a keep-alive the client would find reset.
 */
export function payloadTooLarge(c: Context, message: string, max: number): Response {
  c.header('Connection', 'close');
  return c.json(errorBody('payload_too_large', message, { max }), 413);
}

/** A zod error as the `details` of a 400 or a rejected mutation: one dotted path and message per issue. */
export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Seconds a client is asked to wait when the server holds too many request bodies to parse another. */
export const BUSY_RETRY_AFTER_S = 5;

/**
 * The JSON request bodies one process holds at once, counted in characters of text. Parsed, a body may take some 20
 * times its size (1 MB of `{},` is 340,000 objects), and a route keeps it while it waits for the database: 900 pushes
 * of 1 MB sent at once ended the server out of heap. A body past the budget is not parsed: its request is answered
 * 503 with Retry-After, which clients already wait out. Counted after the body has arrived, so slow senders hold none.
 */
export class JsonBodyBudget {
  private heldChars = 0;
  private readonly byRequest = new WeakMap<Request, number>();

  constructor(readonly maxChars: number) {}

  /** Holds chars for request until release(request); false, holding nothing, when they do not fit. */
  hold(request: Request, chars: number): boolean {
    if (this.heldChars + chars > this.maxChars) return false;
    this.heldChars += chars;
    this.byRequest.set(request, (this.byRequest.get(request) ?? 0) + chars);
    return true;
  }

  /** Gives back what request held, once it is answered. */
  release(request: Request): void {
    this.heldChars -= this.byRequest.get(request) ?? 0;
    this.byRequest.delete(request);
  }
}

/** Reads a JSON body and parses it with schema; anything else is a 400 with a stable code. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  return parseInput(schema, await readJsonValue(c));
}

/**
 * Reads a JSON body without checking its shape. A body not declared as JSON is a 415 (a form or text/plain body is
 * not parsed as if it were JSON); malformed JSON is a 400 invalid_json.
 */
export async function readJsonValue(c: Context): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.', { accepted: ['application/json'] });
  }
  const text = await c.req.text();
  const budget = c.get('jsonBodies') as JsonBodyBudget | undefined;
  if (budget && !budget.hold(c.req.raw, text.length)) {
    throw new HttpError(503, 'unavailable', 'The server is busy; try again shortly.', undefined, { 'Retry-After': String(BUSY_RETRY_AFTER_S) });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}

/**
 * Whether err is Node's word that the client closed the connection before sending the whole request body (a link that
 * dropped mid-push, a closed tab): the client's doing, not a bug, and nobody is left to read an answer.
 */
export function isClientAbort(err: unknown): boolean {
  return err instanceof Error && err.message === 'aborted' && (err as { code?: unknown }).code === 'ECONNRESET';
}

/** How many items raw[key] holds when it is an array (else 0), so a route can refuse an oversized batch before parsing it item by item. */
export function batchLength(raw: unknown, key: string): number {
  const items = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
  return Array.isArray(items) ? items.length : 0;
}

/** A path parameter checked like any input, so `%00` in a path is a 400, not a database error. */
export function pathParam<S extends z.ZodType>(c: Context, name: string, schema: S): z.infer<S>;
export function pathParam(c: Context, name: string): string;
export function pathParam(c: Context, name: string, schema: z.ZodType = Id): unknown {
  return parseInput(schema, c.req.param(name));
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new HttpError(400, 'invalid_request', 'The request does not match what this endpoint expects.', zodIssues(result.error));
  }
  return result.data;
}
