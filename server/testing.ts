// The one helper module of the server suites (and of lib/ suites that sync against a real app): a database on each
// engine, an app per suite, a client that signs in, pushes, pulls and reads the live stream, and assertions on answers.
import { randomUUID } from 'node:crypto';
import { createServer, type Socket, connect as tcpConnect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import { ApiError, type Change, type MutationResult, PullResponse, PushResponse, SignInResponse } from '../lib/schema/api';
import type { Role } from '../lib/schema/entities';
import { type App, type AppOptions, createApp } from './app';
import { hashPassword } from './auth/passwords';
import { type Db, openPglite, openPostgres, type Queryable } from './db/database';
import { migrate } from './db/migrations';
import { DEMO_PASSWORD, seedDemo } from './seed/demo';
import { createDatabase, pgliteTemplate, postgresTemplate } from './test-templates';

// ---- Databases

export type Engine = 'pglite' | 'postgres';

/** A PostgreSQL server tests may create and drop databases on (any database on it; usually postgres://…/tandem_test). */
export const TEST_DATABASE_URL = process.env.TANDEM_TEST_DATABASE_URL || undefined;

/** The engines every server suite runs on: PGlite always, PostgreSQL when TANDEM_TEST_DATABASE_URL is set. */
export const ENGINES: readonly Engine[] = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** `url` is set on PostgreSQL so a test can open a second connection (another "server process") to the same database. */
export type TestDb = Db & { url?: string };

/** What a suite's database holds: the demo seed, or only the schema for suites that write rows they can count by hand. */
export type TestData = 'demo' | 'empty';

/**
 * A migrated database on engine. On PostgreSQL it is a fresh database of its own (created here, dropped on close),
 * so test files running in parallel, and CI runs sharing a server, never see each other's rows, locks or notifications.
 * Under the unit run's global setup (server/test-templates.ts) it starts as a copy of the run's migrated template, and
 * `migrate` finds nothing left to apply; without it (another config, a script) it starts empty and is migrated here.
 */
export async function openTestDb(engine: Engine, data: TestData): Promise<TestDb> {
  const db = await freshDb(engine);
  try {
    await migrate(db);
    if (data === 'demo') await seedDemo(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/** A migrated database with the demo seed; share one per suite and engine, since seeding takes a second or two. */
export function seededDb(engine: Engine = 'pglite'): Promise<TestDb> {
  return openTestDb(engine, 'demo');
}

async function freshDb(engine: Engine): Promise<TestDb> {
  if (engine === 'pglite') return openPglite('memory://', pgliteTemplate());
  if (!TEST_DATABASE_URL) throw new Error('TANDEM_TEST_DATABASE_URL is not set');
  const created = await createDatabase(TEST_DATABASE_URL, 'tandem_t', postgresTemplate());
  const db = await openPostgres(created.url, { max: 5 });
  return {
    ...db,
    url: created.url,
    async close() {
      await db.close();
      await created.drop();
    },
  };
}

async function onAdminConnection(fn: (c: pg.Client) => Promise<unknown>): Promise<void> {
  const connection = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await connection.connect();
  try {
    await fn(connection);
  } finally {
    await connection.end();
  }
}

/**
 * Ends the connections to db's own database that match condition (SQL on pg_stat_activity, e.g. an application_name),
 * as a crash, an admin or a failover would; answers how many. Other databases' connections (suites running in
 * parallel, another helper's CI run) are never candidates. PostgreSQL only.
 */
export async function terminateBackends(db: TestDb, condition = 'true'): Promise<number> {
  if (!db.url) throw new Error('terminateBackends needs a PostgreSQL test database');
  const database = new URL(db.url).pathname.slice(1);
  let ended = 0;
  await onAdminConnection(async (c) => {
    const { rows } = await c.query<{ ended: boolean }>(
      `select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and (${condition})`,
      [database],
    );
    ended = rows.filter((r) => r.ended).length;
  });
  return ended;
}

/** PostgreSQL's answer to `commit` (CommandComplete's tag), as it travels. */
const COMMIT_ANSWER = Buffer.from('COMMIT\0');

/**
 * A TCP relay in front of the PostgreSQL server at url, whose `url` a test connects through: `cut()` drops every
 * connection and refuses new ones (the database is down, for this test only), `restore()` lets them through again,
 * `loseCommitAnswer(marker)` drops the next connection that sent marker at the moment its commit is answered.
 */
export async function databaseRelay(url: string) {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  let up = true;
  let refused = 0;
  let losing: Buffer | undefined;
  let lostAnswers = 0;
  const relay = createServer((inbound) => {
    if (!up) {
      refused += 1;
      return inbound.destroy();
    }
    const outbound = tcpConnect(Number(target.port || 5432), target.hostname);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        sockets.delete(s);
        inbound.destroy();
        outbound.destroy();
      });
    }
    let marked = false;
    inbound.on('data', (chunk: Buffer) => {
      if (losing && chunk.includes(losing)) marked = true;
    });
    inbound.pipe(outbound);
    outbound.on('data', (chunk: Buffer) => {
      if (marked && losing && chunk.includes(COMMIT_ANSWER)) {
        // The commit is made; the client never hears so, as when a connection drops at the worst moment.
        losing = undefined;
        lostAnswers += 1;
        inbound.destroy();
        outbound.destroy();
        return;
      }
      inbound.write(chunk);
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const relayed = new URL(url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String((relay.address() as { port: number }).port);
  const cut = () => {
    up = false;
    for (const s of sockets) s.destroy();
  };
  return {
    url: relayed.toString(),
    /** Connections refused while cut. */
    get refused() {
      return refused;
    },
    cut,
    restore() {
      up = true;
    },
    /** Drops the next connection whose client sends `marker` (a statement's text) when its `commit` is answered, once. */
    loseCommitAnswer(marker: string) {
      losing = Buffer.from(marker);
    },
    /** Commit answers dropped so far. */
    get lostAnswers() {
      return lostAnswers;
    },
    close() {
      cut();
      return new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}

/** Another account, beside the demo ones (or instead of them, on an empty database). */
export async function addUser(
  q: Queryable,
  u: { id: string; email: string; name: string; role: Role; teamIds: string[] },
  password = DEMO_PASSWORD,
): Promise<void> {
  await q.query('insert into users (id, email, name, role, password_hash, team_ids) values ($1, $2, $3, $4, $5, $6::text[])', [
    u.id,
    u.email,
    u.name,
    u.role,
    await hashPassword(password),
    u.teamIds,
  ]);
}

// ---- An app per suite

export interface SuiteOptions extends Omit<AppOptions, 'db'> {
  /** Default 'demo'. */
  data?: TestData;
}

/**
 * A database and an app on it for the enclosing describe block, opened in a beforeAll (so before the suite's own hooks)
 * and closed in an afterAll. `db()` and `app()` answer from then on; `api` may be kept at once, it reaches the app when called.
 */
export function appForSuite(engine: Engine, { data = 'demo', ...options }: SuiteOptions = {}) {
  let opened: { db: TestDb; app: App } | undefined;
  beforeAll(async () => {
    const db = await openTestDb(engine, data);
    opened = { db, app: createApp({ db, ...options }) };
  }, 60_000);
  afterAll(async () => {
    await opened?.db.close();
  });
  const current = () => {
    if (!opened) throw new Error("The suite's app opens in its beforeAll: use it inside hooks and tests.");
    return opened;
  };
  return {
    db: (): TestDb => current().db,
    app: (): App => current().app,
    api: client((path, init) => Promise.resolve(current().app.request(path, init))),
  };
}

// ---- Requests

export type Fetch = (path: string, init?: RequestInit) => Promise<Response>;

/** Requests as the extension makes them, to an app (app.request), a running server (its base URL) or any fetch. */
export function client(target: App | string | Fetch) {
  const send: Fetch =
    typeof target === 'string'
      ? (path, init) => fetch(`${target}${path}`, init)
      : typeof target === 'function'
        ? target
        : (path, init) => Promise.resolve(target.request(path, init));
  const headers = (token?: string) => ({ 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) });
  /** A string body is sent as is (for malformed JSON); anything else is JSON-encoded. */
  const sendBody = (method: 'POST' | 'PUT', path: string, token: string | undefined, body: unknown) =>
    send(path, { method, headers: headers(token), body: typeof body === 'string' ? body : JSON.stringify(body) });

  const api = {
    request: send,
    async signIn(email: string, password = DEMO_PASSWORD): Promise<string> {
      const res = await sendBody('POST', '/auth/sign-in', undefined, { email, password });
      expect(res.status, `sign-in of ${email}`).toBe(200);
      return SignInResponse.parse(await res.json()).token;
    },
    get(path: string, token?: string): Promise<Response> {
      return send(path, { headers: headers(token) });
    },
    post(path: string, token: string | undefined, body: unknown = {}): Promise<Response> {
      return sendBody('POST', path, token, body);
    },
    put(path: string, token: string | undefined, body: unknown): Promise<Response> {
      return sendBody('PUT', path, token, body);
    },
    /** Pushes the mutations (each given a fresh id unless it has one) and answers their results, checked to be in order. */
    async push(token: string, ...mutations: Record<string, unknown>[]): Promise<MutationResult[]> {
      const sent = mutations.map((m) => ({ id: randomUUID(), ...m }));
      const { results } = await expectOk(await api.post('/sync/push', token, { mutations: sent }), PushResponse);
      expect(results.map((r) => r.mutationId)).toEqual(sent.map((m) => m.id));
      return results;
    },
    async pushOne(token: string, mutation: Record<string, unknown>): Promise<MutationResult> {
      const [result] = await api.push(token, mutation);
      if (!result) throw new Error('no result');
      return result;
    },
    /** Pulls page by page from cursor to the end, checking each page's size and cursor; answers every change, the pages and the final cursor. */
    async pullAll(token: string, { limit = 1000, cursor = 0 } = {}): Promise<{ changes: Change[]; pages: number; cursor: number }> {
      const changes: Change[] = [];
      let pages = 0;
      for (;;) {
        const page = await expectOk(await api.get(`/sync/pull?cursor=${cursor}&limit=${limit}`, token), PullResponse);
        pages += 1;
        expect(page.changes.length).toBeLessThanOrEqual(limit);
        const last = page.changes.length > 0 ? (page.changes[page.changes.length - 1]?.seq ?? cursor) : cursor;
        // A finished pull may move past its last change, to the seq of a change of the user's teams (see routes/sync.ts).
        if (page.hasMore) expect(page.cursor).toBe(last);
        else expect(page.cursor).toBeGreaterThanOrEqual(last);
        changes.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) return { changes, pages, cursor };
      }
    },
    openLive: (token: string) => openLive(send, token),
  };
  return api;
}

export type TestClient = ReturnType<typeof client>;

/** A live stream read as text, with a way to wait for what should arrive. */
async function openLive(send: Fetch, token: string) {
  const abort = new AbortController();
  const res = await send('/sync/live', { headers: { Authorization: `Bearer ${token}` }, signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = (res.body ?? new ReadableStream<Uint8Array>()).getReader();
  const decoder = new TextDecoder();
  let text = '';
  let ended = false;
  let reading: Promise<void> | undefined;
  const readMore = () =>
    (reading ??= reader.read().then(({ done, value }) => {
      reading = undefined;
      if (done) ended = true;
      else text += decoder.decode(value, { stream: true });
    }));
  return {
    get text() {
      return text;
    },
    get ended() {
      return ended;
    },
    /** Reads until pred holds on everything received so far (or the stream ends), failing after ms. */
    async until(pred: (text: string) => boolean, ms = 5000): Promise<string> {
      const deadline = Date.now() + ms;
      while (!pred(text) && !ended) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting; received so far:\n${text}`);
        await Promise.race([readMore(), new Promise((r) => setTimeout(r, left))]);
      }
      return text;
    },
    /** The data of every event of this name received so far, parsed from JSON. */
    events(name: string): unknown[] {
      return [...text.matchAll(new RegExp(`event: ${name}\ndata: (.*)\n`, 'g'))].map((m) => JSON.parse(m[1] ?? '') as unknown);
    },
    close() {
      abort.abort();
      reader.cancel().catch(() => {});
    },
  };
}

// ---- Answers

export async function expectError(res: Response, status: number, code: string): Promise<ApiError> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = ApiError.parse(JSON.parse(text));
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

/** The body of a successful answer, parsed with its schema. */
export async function expectOk<T>(res: Response, schema: { parse(value: unknown): T }, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return schema.parse(JSON.parse(text));
}

/** The change an applied mutation result carries; anything else fails the test with the result. */
export function appliedChange(result: MutationResult): Change {
  if (result.status !== 'applied') throw new Error(`not applied: ${JSON.stringify(result)}`);
  return result.change;
}

// ---- Fixtures

/** The data of a new case for Jane Doe (a demo customer of team-care); overrides replace or add fields. */
export function caseData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    teamId: 'team-care',
    customerId: 'cust-jane-doe',
    subject: 'A test case',
    status: 'new',
    priority: 'normal',
    channel: 'chat',
    source: { url: null, site: null, externalId: null },
    ...overrides,
  };
}

/** A mutation creating a case with caseData(overrides) under a fresh record id. */
export function createCase(overrides: Record<string, unknown> = {}) {
  return { entity: 'cases', op: 'create', recordId: `case-${randomUUID()}`, data: caseData(overrides) };
}
