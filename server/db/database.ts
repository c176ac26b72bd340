import { PGlite } from '@electric-sql/pglite';
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
  /** Runs fn in one transaction (on one connection); commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Calls onPayload for every NOTIFY on channel, after the notifying transaction commits. Resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

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

/** Opens PGlite at dataDir (a directory path, or 'memory://' for a throwaway in-memory database). */
export async function openPglite(dataDir = 'memory://'): Promise<Db> {
  const db = await PGlite.create(dataDir);
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
  };
}

function wrapClient(q: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const result = await q.query(sql, params);
      return { rows: result.rows as T[] };
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple query protocol, which runs several statements.
      await q.query(sql);
    },
  };
}

export interface PostgresOptions {
  /** Connections in the pool; default 10. */
  max?: number;
  /** How long to wait before re-establishing a lost LISTEN connection; default 1000 ms. */
  listenRetryMs?: number;
}

/** Opens a pool on a real PostgreSQL server. Transactions hold one pooled client; LISTEN uses one dedicated client. */
export async function openPostgres(connectionString: string, opts: PostgresOptions = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: opts.max ?? 10 });
  // An idle client dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.error('[tandem-server] idle database client error', err.message));
  await pool.query('select 1');
  const base = wrapClient(pool);
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let listener: pg.Client | undefined;
  let listening = new Set<string>();
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;

  async function listenClient(): Promise<pg.Client> {
    if (listener) return listener;
    connecting ??= (async () => {
      const client = new pg.Client({ connectionString });
      client.on('notification', (msg) => {
        for (const fn of listeners.get(msg.channel) ?? []) fn(msg.payload ?? '');
      });
      client.on('error', (err) => {
        console.error('[tandem-server] LISTEN connection lost:', err.message);
        if (listener === client) listener = undefined;
        client.end().catch(() => {});
        if (!closed) setTimeout(() => void relisten(), opts.listenRetryMs ?? 1000).unref();
      });
      await client.connect();
      const channels = new Set(listeners.keys());
      for (const channel of channels) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      listener = client;
      listening = channels;
      return client;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  async function relisten() {
    if (closed || listeners.size === 0) return;
    try {
      await listenClient();
    } catch (err) {
      console.error('[tandem-server] LISTEN reconnect failed:', (err as Error).message);
      if (!closed) setTimeout(() => void relisten(), opts.listenRetryMs ?? 1000).unref();
    }
  }

  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrapClient(client));
        await client.query('commit');
        client.release();
        return result;
      } catch (err) {
        try {
          await client.query('rollback');
          client.release();
        } catch (rollbackErr) {
          client.release(rollbackErr as Error);
        }
        throw err;
      }
    },
    async listen(channel, onPayload) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(onPayload);
      const client = await listenClient();
      if (!listening.has(channel)) {
        listening.add(channel);
        await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      }
      return async () => {
        set.delete(onPayload);
        if (set.size === 0 && listeners.get(channel) === set) {
          listeners.delete(channel);
          listening.delete(channel);
          await listener?.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => {});
        }
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await listener?.end().catch(() => {});
      listener = undefined;
      await pool.end();
    },
  };
}

/** PostgreSQL when a connection string is given, else PGlite at dataDir. */
export function openDb(opts: { databaseUrl?: string; dataDir?: string }): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}

/** A timestamp as a row holds it (a Date from a timestamptz column, or a string) in the ISO form the schemas use. */
export function iso(v: Date | string): string {
  return new Date(v).toISOString();
}
