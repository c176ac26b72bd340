import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { startAwayReturnSweep } from './assignment/assign';
import { type Db, isDatabaseError, logJobFailure, openDb } from './db/database';
import { migrate } from './db/migrations';
import { seedDemoOutage } from './incidents/demo-outage';
import { incidentsSettled } from './incidents/watch';
import { startEmbedding } from './knowledge/embed';
import { workerEncoder } from './knowledge/embed-model';
import { ACCESS_LOG_RETENTION_DAYS, purgeAccessLog } from './policy/access-log';
import { DEMO_FIELD_POLICY, FIELD_POLICY, type FieldPolicy } from './policy/field-policy';
import { runRetention } from './privacy/retention';
import { DEMO_CLOCK, seedDemo } from './seed/demo';
import { startEscalationSweep } from './sla/escalation';
import { runWebhooks } from './webhooks/dispatch';

export { DEMO_FIELD_POLICY };

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('./data/pglite', import.meta.url));

export interface StartOptions {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** A directory, or 'memory://' for an in-memory database. Default server/data/pglite. Ignored with databaseUrl. */
  dataDir?: string;
  /** A PostgreSQL connection string; when set, the server uses that server instead of PGlite. */
  databaseUrl?: string;
  /** With dataDir 'memory://': a PGlite data directory dump the database starts as instead of running initdb (e2e/global-setup.ts). */
  pgliteTemplate?: Blob;
  /** Write the demo seed when the database does not have it yet. Default true. */
  seed?: boolean;
  /** The clock the demo seed's timestamps are relative to. Default 2026-11-20T09:00:00Z. */
  seedClock?: Date;
  /** With the seed, a running outage the detector finds (server/incidents/demo-outage.ts): `npm start` only. Default false. */
  demoOutage?: boolean;
  /** Default 127.0.0.1. */
  host?: string;
  now?: () => Date;
  /** The default field policy per role, under the rules an admin sets in the console. Default DEMO_FIELD_POLICY. */
  fieldPolicy?: FieldPolicy;
  /** Days the access log keeps an entry; older ones are purged at start and daily. Default 365. */
  accessLogDays?: number;
  /** Socket limits; the defaults are HTTP_LIMITS. Tests shorten the timeouts. */
  httpLimits?: Partial<HttpLimits>;
  /** Live streams one user may hold open (server/live/stream.ts); the fan-out bench opens 1,000 with one token. */
  liveStreamsPerUser?: number;
  /** How often the SLA escalation sweep and the away agents' sweep run (server/sla/escalation.ts, server/assignment/). Default 60 s; tests shorten it. */
  escalationSweepMs?: number;
  /**
   * Embed each published article and snippet version for the extension's semantic stage (server/knowledge/embed.ts):
   * `npm start` and `npm run server` turn it on (TANDEM_EMBEDDINGS=off turns it off); default off, so tests that do not
   * check it never load the model.
   */
  embeddings?: boolean;
  /** How often the embedding job looks for new versions. Default 5 s. */
  embedEveryMs?: number;
}

export interface HttpLimits {
  /** Time a client has to send a request's headers before Node answers 408 and closes the socket (slow-loris). */
  headersTimeoutMs: number;
  /** Time a client has to send a whole request, body included. Answers after it (a live stream) are not bounded. */
  requestTimeoutMs: number;
  /** Open sockets beyond which new ones are refused, so one client cannot hold every file descriptor. */
  maxConnections: number;
}

/** The figures docs/server.md gives. A 1 MB body at a slow mobile 100 kB/s takes 10 s, well inside 30 s. */
export const HTTP_LIMITS: HttpLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxConnections: 1000 };

/**
 * The default policy a started server uses below the rules an admin stores: the demo's (agents get a value band, not
 * the figure), unless TANDEM_AGENTS_SEE_VALUE=1 lets agents see lifetime value too.
 */
export function fieldPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): FieldPolicy {
  return env.TANDEM_AGENTS_SEE_VALUE === '1' ? FIELD_POLICY : DEMO_FIELD_POLICY;
}

/** TANDEM_EMBEDDINGS=off: the server does not embed articles for the semantic stage (on by default when started). */
export function embeddingsFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return !['0', 'false', 'off', 'no'].includes((env.TANDEM_EMBEDDINGS ?? 'on').toLowerCase());
}

/** TANDEM_ACCESS_LOG_DAYS: how long the access log keeps an entry (a positive whole number of days). */
export function accessLogDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.TANDEM_ACCESS_LOG_DAYS);
  return Number.isInteger(days) && days > 0 ? days : ACCESS_LOG_RETENTION_DAYS;
}

const DAY_MS = 24 * 3600_000;
const WEBHOOK_INTERVAL_MS = 2000;

export interface RunningServer {
  url: string;
  port: number;
  database: Db['kind'];
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const {
    port = 8787,
    seed = true,
    seedClock = DEMO_CLOCK,
    host = '127.0.0.1',
    now,
    fieldPolicy = DEMO_FIELD_POLICY,
    accessLogDays = ACCESS_LOG_RETENTION_DAYS,
  } = opts;
  // An empty TANDEM_DATA_DIR passed straight through means "the default", not the current directory.
  const dataDir = opts.dataDir || DEFAULT_DATA_DIR;
  const databaseUrl = opts.databaseUrl || undefined;
  if (!databaseUrl && !dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  const db = await openDb({ databaseUrl, dataDir, pgliteTemplate: opts.pgliteTemplate });
  try {
    await migrate(db);
    if (seed) await seedDemo(db, seedClock);
    if (seed && opts.demoOutage) await seedDemoOutage(db, seedClock);
    // PGlite runs no autovacuum, so planner statistics would never exist: without them each pull
    // page scans everything after the cursor (bench/sync: 623 ms vs 34 ms a page at 300k rows).
    if (db.kind === 'pglite') await db.exec('analyze');
  } catch (err) {
    await db.close();
    throw err;
  }
  const analyzeTimer = db.kind === 'pglite' ? setInterval(() => void db.exec('analyze').catch(() => undefined), 10 * 60_000) : null;
  analyzeTimer?.unref();
  // The retention jobs (docs/privacy.md): the access log's and each team's data, at start, then once a day.
  const purge = async () => {
    const at = (now ?? (() => new Date()))();
    await purgeAccessLog(db, at, accessLogDays).catch((err: unknown) => logJobFailure('access log purge', err));
    await runRetention(db, at).catch((err: unknown) => logJobFailure('retention run', err));
  };
  await purge();
  const purgeTimer = setInterval(() => void purge(), DAY_MS);
  purgeTimer.unref();
  // Outbound webhooks (docs/webhooks.md): queue what changed and send what is due, one round at a time.
  let webhookRound: Promise<void> = Promise.resolve();
  const webhookTimer = setInterval(() => {
    webhookRound = webhookRound.then(() => runWebhooks(db, { now: now ?? (() => new Date()) })).catch((err: unknown) => logJobFailure('webhooks', err));
  }, WEBHOOK_INTERVAL_MS);
  webhookTimer.unref();
  const stopEscalationSweep = startEscalationSweep(db, now ?? (() => new Date()), opts.escalationSweepMs ?? 60_000);
  const stopAwayReturnSweep = startAwayReturnSweep(db, now ?? (() => new Date()), opts.escalationSweepMs ?? 60_000);
  const stopEmbedding = opts.embeddings ? startEmbedding(db, workerEncoder, opts.embedEveryMs ?? 5000) : null;
  const app = createApp({ db, now, fieldPolicy, accessLogDays, liveStreamsPerUser: opts.liveStreamsPerUser });
  const limits = { ...HTTP_LIMITS, ...opts.httpLimits };
  const serverOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // Node checks both timeouts on this interval (30 s by default), so it bounds how late a cut comes.
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  };
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host, serverOptions }, () => resolve(s));
    s.once('error', reject);
  });
  server.maxConnections = limits.maxConnections;
  const address = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    database: db.kind,
    close() {
      closing ??= (async () => {
        if (analyzeTimer) clearInterval(analyzeTimer);
        clearInterval(purgeTimer);
        clearInterval(webhookTimer);
        await webhookRound;
        stopEscalationSweep();
        stopAwayReturnSweep();
        await stopEmbedding?.();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive connections would hold close() open; the server is going away anyway.
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        // Pushes already answered may still be with the incident detector: let it finish before the pool goes.
        await incidentsSettled(db);
        await db.close();
      })();
      return closing;
    },
  };
}

/**
 * The process's last line for an error nothing caught: one the database raised (a connection dropped where no listener
 * waited for it) is logged and the server goes on, since the pool replaces the connection; anything else is a bug and
 * ends the process as Node would. Install with `process.on('uncaughtException', databaseErrorGuard(process.exit))`.
 */
export function databaseErrorGuard(exit: (code: number) => void, log: (...args: unknown[]) => void = console.error) {
  return (err: unknown): void => {
    if (isDatabaseError(err)) {
      log('[tandem-server] database error nothing handled; still serving:', err instanceof Error ? err.message : err);
      return;
    }
    log(err);
    exit(1);
  };
}
