import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Db } from './db/database';
import { migrate } from './db/migrations';
import { seedDemo } from './seed/demo';

export type Engine = 'pglite' | 'postgres';

/** A PostgreSQL server tests may create and drop databases on (any database on it; usually postgres://…/tandem_test). */
export const TEST_DATABASE_URL = process.env.TANDEM_TEST_DATABASE_URL || undefined;

/** The engines every server suite runs on: PGlite always, PostgreSQL when TANDEM_TEST_DATABASE_URL is set. */
export const ENGINES: readonly Engine[] = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/**
 * An empty database on engine. On PostgreSQL it is a fresh database of its own (created here, dropped on close),
 * so test files running in parallel, and CI runs sharing a server, never see each other's rows, locks or notifications.
 * `url` is set on PostgreSQL so a test can open a second connection (another "server process") to the same database.
 */
export async function freshDb(engine: Engine): Promise<Db & { url?: string }> {
  if (engine === 'pglite') return openPglite('memory://');
  if (!TEST_DATABASE_URL) throw new Error('TANDEM_TEST_DATABASE_URL is not set');
  const name = `tandem_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), { max: 5 });
  return {
    ...db,
    url: url.toString(),
    async close() {
      await db.close();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function admin(fn: (c: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/** A migrated, seeded database for tests; share one per test file and engine, since seeding takes a second or two. */
export async function seededDb(engine: Engine = 'pglite'): Promise<Db & { url?: string }> {
  const db = await freshDb(engine);
  try {
    await migrate(db);
    await seedDemo(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
