// The app: middleware, error handling, and one route module per path prefix (server/routes/).
import { readFileSync } from 'node:fs';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HealthResponse } from '../lib/schema/api';
import { assignmentRoutes } from './assignment/routes';
import { DatabaseUnavailableError, type Db } from './db/database';
import { callersDataError } from './db/errors';
import { effortRoutes } from './effort/routes';
import { errorBody, HttpError, isClientAbort, JsonBodyBudget, payloadTooLarge } from './http';
import { HEARTBEAT_MS, LIVE_STREAMS_PER_USER } from './live/stream';
import { openApiDocument } from './openapi/document';
import { referencePage } from './openapi/reference';
import { ACCESS_LOG_RETENTION_DAYS } from './policy/access-log';
import { FIELD_POLICY, type FieldPolicy } from './policy/field-policy';
import type { RouteEnv } from './routes/access';
import { privacyRoutes } from './routes/access-log';
import { adminRoutes } from './routes/admin';
import { attachmentRoutes } from './routes/attachments';
import { authRoutes } from './routes/auth';
import { broadcastReceiptRoutes } from './routes/broadcast-receipts';
import { capturePrivacyRoutes } from './routes/capture-privacy';
import { customerImportRoutes } from './routes/customer-import';
import { historyImportRoutes } from './routes/history-import';
import { incidentRoutes } from './routes/incidents';
import { knowledgeLearningRoutes } from './routes/knowledge-learning';
import { knowledgeReviewRoutes } from './routes/knowledge-review';
import { managerRoutes } from './routes/manager';
import { orgHostRoutes } from './routes/org-hosts';
import { privacyAdminRoutes } from './routes/privacy-admin';
import { queueRoutes } from './routes/queue';
import { recognitionRoutes } from './routes/recognition';
import { siteRuleRoutes } from './routes/site-rules';
import { slaRoutes } from './routes/sla';
import { syncRoutes } from './routes/sync';
import { usageRoutes } from './routes/usage';

export const MAX_BODY_BYTES = 1024 * 1024;

/** JSON body text one process holds at once (JsonBodyBudget): 16 full-size bodies, some 350 MB of heap parsed at worst. */
export const JSON_BODY_BUDGET_CHARS = 16 * MAX_BODY_BYTES;

/** Seconds a client is asked to wait after a 503 while the database is away (a restart or failover takes a few). */
export const DATABASE_RETRY_AFTER_S = 5;

const VERSION = readVersion();

function readVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export interface AppOptions {
  db: Db;
  now?: () => Date;
  /** The default field policy per role, under the rules an admin stores; defaults to FIELD_POLICY (everything visible). */
  fieldPolicy?: FieldPolicy;
  /** Days the access log keeps an entry (the purge job's figure, shown in the console). */
  accessLogDays?: number;
  /** Failed sign-ins allowed per email and IP per minute. */
  signInLimit?: number;
  /** Interval of `: ping` comments on live streams; default 15 s. */
  liveHeartbeatMs?: number;
  /** Live streams one user may hold open on this process; past it their oldest ends. Default LIVE_STREAMS_PER_USER. */
  liveStreamsPerUser?: number;
  /** JSON body text held at once before requests are answered 503; default JSON_BODY_BUDGET_CHARS. */
  jsonBodyBudgetChars?: number;
}

export function createApp({
  db,
  now = () => new Date(),
  fieldPolicy = FIELD_POLICY,
  accessLogDays = ACCESS_LOG_RETENTION_DAYS,
  signInLimit = 10,
  liveHeartbeatMs = HEARTBEAT_MS,
  liveStreamsPerUser = LIVE_STREAMS_PER_USER,
  jsonBodyBudgetChars = JSON_BODY_BUDGET_CHARS,
}: AppOptions) {
  const app = new Hono<RouteEnv>();

  app.use('*', cors({ origin: '*', allowHeaders: ['Authorization', 'Content-Type'], allowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'], maxAge: 600 }));
  const tooLarge = (c: Context) => payloadTooLarge(c, `The request body is larger than ${MAX_BODY_BYTES} bytes.`, MAX_BODY_BYTES);
  const jsonBodyLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  // Attachment uploads are raw images with a limit of their own (server/routes/attachments.ts).
  app.use('*', (c, next) => {
    if (c.req.path.startsWith('/attachments/')) return next();
    // A GET or HEAD carries no body (the Node adapter gives it none). A declared length is exact (Node's HTTP parser
    // reads no more), so it is checked as it is: hono's bodyLimit would first build the whole web Request and its
    // stream, which cost a push of one mutation more CPU than its zod parse, and the body then could not take the
    // adapter's direct read. A chunked body goes through bodyLimit, which counts what it reads.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && /^\d{1,15}$/.test(declared) && c.req.header('transfer-encoding') === undefined) {
      return Number(declared) > MAX_BODY_BYTES ? Promise.resolve(tooLarge(c)) : next();
    }
    return jsonBodyLimit(c, next);
  });

  const jsonBodies = new JsonBodyBudget(jsonBodyBudgetChars);
  app.use('*', async (c, next) => {
    c.set('jsonBodies', jsonBodies);
    try {
      await next();
    } finally {
      jsonBodies.release(c.req.raw);
    }
  });

  // A database that cannot be reached answers 503 (through onError), so a load balancer or monitor sees it.
  app.get('/health', async (c) => {
    await db.query('select 1');
    return c.json(HealthResponse.parse({ ok: true, version: VERSION, database: db.kind }));
  });

  // The API's description, built once from the route table (server/openapi/, docs/api.md).
  let openApi: Record<string, unknown> | undefined;
  const apiDocument = () => (openApi ??= openApiDocument(VERSION));
  app.get('/openapi.json', (c) => c.json(apiDocument()));
  app.get('/reference', (c) => c.html(referencePage(apiDocument())));

  const deps = { db, now };
  app.route('/auth', authRoutes({ ...deps, signInLimit }));
  app.route('/sync', syncRoutes({ ...deps, fieldPolicy, liveHeartbeatMs, liveStreamsPerUser }));
  app.route('/manager', managerRoutes(deps));
  app.route('/admin', adminRoutes({ ...deps, fieldPolicy }));
  app.route('/import', customerImportRoutes(deps));
  app.route('/import', historyImportRoutes(deps));
  app.route('/privacy', privacyRoutes({ ...deps, fieldPolicy, accessLogDays }));
  app.route('/privacy', privacyAdminRoutes(deps));
  app.route('/usage', usageRoutes(deps));
  app.route('/knowledge/learning', knowledgeLearningRoutes(deps));
  app.route('/knowledge/review', knowledgeReviewRoutes(deps));
  app.route('/queue', queueRoutes(deps));
  app.route('/sla', slaRoutes(deps));
  app.route('/assignment', assignmentRoutes(deps));
  app.route('/site-rules', siteRuleRoutes(deps));
  app.route('/org-hosts', orgHostRoutes(deps));
  app.route('/recognition', recognitionRoutes(deps));
  app.route('/capture-privacy', capturePrivacyRoutes(deps));
  app.route('/incidents', incidentRoutes(deps));
  app.route('/effort', effortRoutes(deps));
  app.route('/broadcasts', broadcastReceiptRoutes(deps));
  // PUT/GET /attachments/:id and GET /cases/:id/attachments; auth is per route, so nothing else is caught.
  app.route('/', attachmentRoutes(deps));

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));

  app.onError((err, c) => {
    if (err instanceof HttpError) {
      for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
      return c.json(errorBody(err.code, err.message, err.details), err.status);
    }
    if (err instanceof DatabaseUnavailableError) {
      console.error('[tandem-server]', err.message);
      c.header('Retry-After', String(DATABASE_RETRY_AFTER_S));
      return c.json(errorBody('unavailable', 'The database is unavailable; try again shortly.'), 503);
    }
    // Not logged as unexpected: a flaky network makes these all day. The answer reaches no one; the status is for the record.
    if (isClientAbort(err)) return c.json(errorBody('invalid_request', 'The connection closed before the whole request body arrived.'), 400);
    const sqlState = callersDataError(err);
    if (sqlState) return c.json(errorBody('invalid_request', 'The database cannot store a value in this request.', { sqlState }), 400);
    console.error('[tandem-server] unexpected error', err);
    return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
