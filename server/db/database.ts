import { fstatSync, fsyncSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import pg from 'pg';

export interface QueryResult<T> {
  rows: T[];
}

/** What routes and the seed may do with the database: run statements. Narrow so PGlite and a `pg` Pool both implement it. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs fn in one transaction (on one connection); commits when it resolves, rolls back when it throws. `pipelined`
   * (PostgreSQL; ignored elsewhere): on a pipelined connection, where `begin` leaves in one socket write with fn's first
   * statement and tx is a CommittingQueryable whose queryThenCommit sends the last statement with `commit`: two round
   * trips and two socket writes less.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, opts?: { pipelined?: boolean }): Promise<T>;
  /**
   * Calls onPayload for every NOTIFY on channel, after the notifying transaction commits. Resolves to an unsubscribe function.
   * onResumed is called when a lost LISTEN connection is listening again: notices sent while it was down are gone, so catch up.
   */
  listen(channel: string, onPayload: (payload: string) => void, onResumed?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A pipelined transaction's statements (Db.transaction with `pipelined`). */
export interface CommittingQueryable extends Queryable {
  /**
   * Sends sql and `commit` together (one write, one round trip) and resolves with sql's rows once both are done: the
   * transaction has ended then, committed, or rolled back if sql failed (its error is thrown). No statement may follow.
   */
  queryThenCommit<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

// ---- Connection loss

/** SQLSTATEs of a connection the server ended: admin_shutdown, crash_shutdown, cannot_connect_now (classes 08 and these). */
const CONNECTION_LOST_STATES = new Set(['57P01', '57P02', '57P03']);
/** Socket errors on the way to the server or on an open connection. */
const NETWORK_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** What pg and pg-pool say when the socket closed under them, a broken client is reused, or no connection came in time. */
const CONNECTION_LOST_MESSAGE = /Connection terminated|not queryable|timeout exceeded when trying to connect/i;

/** Whether err means the connection to the database failed, rather than the statement: worth retrying, not a bug. */
export function isConnectionLoss(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_LOST_STATES.has(code) || code.startsWith('08') || NETWORK_ERRNOS.has(code))) return true;
  return CONNECTION_LOST_MESSAGE.test(err.message);
}

/** The database could not be reached or dropped the connection mid-request; the app answers 503 with Retry-After. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The database is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** Any error the database or its driver raised (a failed statement or a lost connection), as opposed to a bug of ours. */
export function isDatabaseError(err: unknown): boolean {
  return err instanceof pg.DatabaseError || isConnectionLoss(err);
}

/**
 * Logs a background job's failure (a sweep, the webhooks, retention, embedding): a lost database as its one-line message
 * (during an outage every job fails each round; a stack a minute per job says nothing more), anything else with its stack.
 */
export function logJobFailure(job: string, err: unknown, log: (...args: unknown[]) => void = console.error): void {
  if (isConnectionLoss(err)) log(`[tandem-server] ${job}:`, (err as Error).message);
  else log(`[tandem-server] ${job}`, err);
}

/** err as DatabaseUnavailableError when it is a lost connection, else unchanged. */
function unavailableIfLost(err: unknown): unknown {
  return isConnectionLoss(err) && !(err instanceof DatabaseUnavailableError) ? new DatabaseUnavailableError(err) : err;
}

async function orUnavailable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw unavailableIfLost(err);
  }
}

// ---- PGlite

interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

function wrap(q: PgliteLike): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const result = await q.query<T>(sql, params);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  };
}

/** Emscripten's errno for an I/O error (its numbering, not the host's). */
const EIO = 29;

/**
 * PGlite's Node filesystem with an fsync. Emscripten's NODEFS has none (and its fdatasync returns at once), so by
 * default a commit PGlite acknowledged may sit in the page cache when the power goes: measured, 0 fsync calls over
 * 20 pushes (docs/operations.md, "Durability").
 */
class DurableNodeFS extends NodeFS {
  override async init(...args: Parameters<NodeFS['init']>): ReturnType<NodeFS['init']> {
    const { emscriptenOpts } = await super.init(...args);
    const addFsync = (mod: { NODEFS: unknown }) => {
      const ops = (mod.NODEFS as { stream_ops: { fsync?: (stream: { nfd: number }) => number } }).stream_ops;
      ops.fsync = (stream) => {
        try {
          fsyncSync(stream.nfd);
          return 0;
        } catch {
          // Some systems cannot sync a directory, which PostgreSQL tolerates; a file that cannot be synced is EIO to it.
          return fstatSync(stream.nfd).isDirectory() ? 0 : EIO;
        }
      };
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), addFsync] } };
  }
}

/** PGlite's start-up parameters with fsync on (its defaults pass -F) and the WAL flushed by fsync(), the sync call DurableNodeFS carries. */
const DURABLE_START_PARAMS = [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'];

/**
 * Opens PGlite at dataDir (a directory path, synced to disk at each commit; or 'memory://' for a throwaway in-memory database).
 * `template`, a data directory PGlite dumped (`dump()`), is what an in-memory database starts as instead of running initdb
 * (seconds per start): the end-to-end run's migrated database (e2e/global-setup.ts).
 */
export async function openPglite(dataDir = 'memory://', template?: Blob): Promise<Db & { dump(): Promise<Blob> }> {
  const db = dataDir.includes('://')
    ? await PGlite.create(dataDir, { loadDataDir: template })
    : await PGlite.create({ fs: new DurableNodeFS(dataDir), startParams: DURABLE_START_PARAMS });
  const base = wrap(db);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async listen(channel, onPayload) {
      const unsubscribe = await db.listen(channel, onPayload);
      return async () => {
        if (!db.closed) await unsubscribe();
      };
    },
    close: () => db.close(),
    /** The data directory as a tarball: a `template` for openPglite. */
    dump: () => db.dumpDataDir('none'),
  };
}

// ---- PostgreSQL

function wrapClient(q: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const result = await orUnavailable(q.query(sql, params));
      return { rows: result.rows as T[] };
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple query protocol, which runs several statements.
      await orUnavailable(q.query(sql));
    },
  };
}

/** How long a request waits for a pooled connection before it answers 503, rather than hanging while the database is away. */
const CONNECT_TIMEOUT_MS = 5000;
/** The LISTEN connection's reconnect delay doubles from listenRetryMs up to this. */
const MAX_LISTEN_RETRY_MS = 30_000;

export interface PostgresOptions {
  /** Connections in the pool; default 10. */
  max?: number;
  /** The first wait before re-establishing a lost LISTEN connection (then doubled each failure, up to 30 s); default 1000 ms. */
  listenRetryMs?: number;
  /** Shown in pg_stat_activity: the pool's connections as this, the LISTEN connection with `-listen` appended. Default tandem-server. */
  applicationName?: string;
}

/** Pipelined transactions in flight at most (the push groups run 3 at once). */
const PIPELINED_MAX = 4;

/** What pg's client holds under its public surface: the socket, to write two messages at once (cork). */
type Corkable = { connection: { stream: { cork(): void; uncork(): void } } };

/**
 * One transaction on a pipelined client: `begin` is written with whatever fn sends before the event loop turns (its
 * first statement), and queryThenCommit writes the last statement with `commit`. Should `begin` fail, nothing fn sends
 * after is let through (it would run outside a transaction).
 */
async function pipelinedTransaction<T>(pool: pg.Pool, fn: (tx: CommittingQueryable) => Promise<T>): Promise<T> {
  const client = await orUnavailable(pool.connect());
  const stream = (client as unknown as Corkable).connection.stream;
  let beginFailed: unknown;
  let ended = false;
  const guarded = <R>(send: () => Promise<R>): Promise<R> => {
    if (beginFailed !== undefined) return Promise.reject(unavailableIfLost(beginFailed));
    if (ended) return Promise.reject(new Error('A statement after queryThenCommit: the transaction has ended.'));
    return orUnavailable(send());
  };
  const tx: CommittingQueryable = {
    async query<R>(sql: string, params?: unknown[]) {
      const result = await guarded(() => client.query(sql, params));
      return { rows: result.rows as R[] };
    },
    async exec(sql: string) {
      await guarded(() => client.query(sql));
    },
    async queryThenCommit<R>(sql: string, params?: unknown[]) {
      stream.cork();
      let last: Promise<pg.QueryResult>;
      let commit: Promise<unknown>;
      try {
        last = guarded(() => client.query(sql, params));
        ended = true;
        // After a failed statement PostgreSQL answers `commit` with a rollback: either way the transaction is over.
        commit = orUnavailable(client.query('commit'));
      } finally {
        stream.uncork();
      }
      try {
        const result = await last;
        await commit;
        return { rows: result.rows as R[] };
      } catch (err) {
        await commit.catch(() => {});
        throw err;
      }
    },
  };
  stream.cork();
  const begun = client.query('begin').catch((err: unknown) => {
    beginFailed = err;
  });
  // Uncorked once the promise jobs fn started have run: its first statement (sent without waiting) is in the same write.
  process.nextTick(() => stream.uncork());
  try {
    const result = await fn(tx);
    await begun;
    if (beginFailed !== undefined) throw beginFailed;
    if (!ended) await orUnavailable(client.query('commit'));
    client.release();
    return result;
  } catch (err) {
    await begun;
    // Nothing to roll back once the commit was sent, or when `begin` failed.
    throw await rollBackAndRelease(client, err, !ended && beginFailed === undefined);
  }
}

/**
 * The end of a transaction that failed with err: rolled back (unless `rollback` is false) and its client released,
 * or closed when the rollback fails. Answers the error to throw.
 */
async function rollBackAndRelease(client: pg.PoolClient, err: unknown, rollback = true): Promise<unknown> {
  try {
    if (rollback) await client.query('rollback');
    client.release();
  } catch (rollbackErr) {
    // A client given an error is closed rather than returned to the pool.
    client.release(rollbackErr as Error);
  }
  return unavailableIfLost(err);
}

/** Opens a pool on a real PostgreSQL server. Transactions hold one pooled client; LISTEN uses one dedicated client. */
export async function openPostgres(connectionString: string, opts: PostgresOptions = {}): Promise<Db> {
  const applicationName = opts.applicationName ?? 'tandem-server';
  const newPool = (max: number, pipeline: boolean) => {
    // `pipeline` (pg ≥ 8.21): a statement is sent at once, not after the previous one's answer.
    const created = new pg.Pool({
      connectionString,
      max,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: applicationName,
      pipeline,
    } as pg.PoolConfig);
    // An idle client dropped by the server must not crash the process; the pool replaces it.
    created.on('error', (err) => console.error('[tandem-server] idle database client error', err.message));
    // pg-pool takes its 'error' listener off a client for as long as it is checked out, and a backend ended while no
    // statement runs (between two of a transaction, or in the tick a client changes hands) would then be an unhandled
    // 'error' event, which ends the process. This one stays for the client's life; the next statement fails by itself.
    created.on('connect', (client) => client.on('error', () => {}));
    return created;
  };
  const pool = newPool(opts.max ?? 10, false);
  /** Connections for pipelined transactions, opened on first use (the push groups: server/sync/push.ts). */
  let pipelinedPool: pg.Pool | undefined;
  await orUnavailable(pool.query('select 1'));
  const base = wrapClient(pool);
  const listeners = new Map<string, { onPayload: Set<(payload: string) => void>; onResumed: Set<() => void> }>();
  let listener: pg.Client | undefined;
  let listening = new Set<string>();
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  let listenFailures = 0;

  async function listenClient(): Promise<pg.Client> {
    if (listener) return listener;
    connecting ??= (async () => {
      const client = new pg.Client({ connectionString, application_name: `${applicationName}-listen` });
      client.on('notification', (msg) => {
        for (const fn of listeners.get(msg.channel)?.onPayload ?? []) fn(msg.payload ?? '');
      });
      client.on('error', (err) => {
        console.error('[tandem-server] LISTEN connection lost:', err.message);
        if (listener === client) listener = undefined;
        client.end().catch(() => {});
        scheduleRelisten();
      });
      try {
        await client.connect();
        const channels = new Set(listeners.keys());
        for (const channel of channels) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
        listener = client;
        listening = channels;
        return client;
      } catch (err) {
        client.end().catch(() => {});
        throw unavailableIfLost(err);
      }
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  function scheduleRelisten() {
    if (closed) return;
    const delay = Math.min(MAX_LISTEN_RETRY_MS, (opts.listenRetryMs ?? 1000) * 2 ** listenFailures);
    setTimeout(() => void relisten(), delay).unref();
  }

  async function relisten() {
    if (closed || listener || listeners.size === 0) return;
    try {
      await listenClient();
    } catch (err) {
      console.error('[tandem-server] LISTEN reconnect failed:', (err as Error).message);
      listenFailures += 1;
      scheduleRelisten();
      return;
    }
    listenFailures = 0;
    console.error('[tandem-server] LISTEN connection restored');
    for (const { onResumed } of listeners.values()) for (const fn of onResumed) fn();
  }

  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(fn, opts) {
      if (opts?.pipelined) return pipelinedTransaction((pipelinedPool ??= newPool(PIPELINED_MAX, true)), fn);
      const client = await orUnavailable(pool.connect());
      try {
        await client.query('begin');
        const result = await fn(wrapClient(client));
        await client.query('commit');
        client.release();
        return result;
      } catch (err) {
        throw await rollBackAndRelease(client, err);
      }
    },
    async listen(channel, onPayload, onResumed) {
      let entry = listeners.get(channel);
      if (!entry) listeners.set(channel, (entry = { onPayload: new Set(), onResumed: new Set() }));
      const subscribed = entry;
      subscribed.onPayload.add(onPayload);
      if (onResumed) subscribed.onResumed.add(onResumed);
      const unsubscribe = async () => {
        subscribed.onPayload.delete(onPayload);
        if (onResumed) subscribed.onResumed.delete(onResumed);
        if (subscribed.onPayload.size === 0 && listeners.get(channel) === subscribed) {
          listeners.delete(channel);
          listening.delete(channel);
          await listener?.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => {});
        }
      };
      try {
        const client = await listenClient();
        if (!listening.has(channel)) {
          listening.add(channel);
          await orUnavailable(client.query(`listen ${pg.escapeIdentifier(channel)}`));
        }
      } catch (err) {
        // The caller will ask again; keeping these callbacks would deliver every notice twice then.
        await unsubscribe();
        throw err;
      }
      return unsubscribe;
    },
    async close() {
      if (closed) return;
      closed = true;
      await listener?.end().catch(() => {});
      listener = undefined;
      await pipelinedPool?.end();
      await pool.end();
    },
  };
}

/** PostgreSQL when a connection string is given, else PGlite at dataDir (in memory: from pgliteTemplate when given, see openPglite). */
export function openDb(opts: { databaseUrl?: string; dataDir?: string; pgliteTemplate?: Blob }): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir, opts.pgliteTemplate);
}

/** A timestamp as a row holds it (a Date from a timestamptz column, or a string) in the ISO form the schemas use. */
export function iso(v: Date | string): string {
  return new Date(v).toISOString();
}
