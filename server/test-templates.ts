// The unit run's global setup (vitest.config.ts): a migrated database on each engine, made once, that every server
// suite's database starts as a copy of (server/testing.ts) instead of running initdb and 31 migrations again.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres } from './db/database';
import { migrate } from './db/migrations';

/** The file holding the migrated PGlite data directory (a tarball for openPglite's `template`). */
export const PGLITE_TEMPLATE_ENV = 'TANDEM_TEST_PGLITE_TEMPLATE';
/** The migrated PostgreSQL database on TANDEM_TEST_DATABASE_URL's server that test databases are created from. */
export const POSTGRES_TEMPLATE_ENV = 'TANDEM_TEST_POSTGRES_TEMPLATE';

let pgliteDump: Blob | undefined;

/** The migrated PGlite template of this run, or undefined outside a run with the global setup (then: initdb). */
export function pgliteTemplate(): Blob | undefined {
  const file = process.env[PGLITE_TEMPLATE_ENV];
  if (file) pgliteDump ??= new Blob([readFileSync(file)]);
  return pgliteDump;
}

/** The name of the migrated PostgreSQL template database, or undefined (then: create an empty one and migrate). */
export function postgresTemplate(): string | undefined {
  return process.env[POSTGRES_TEMPLATE_ENV] || undefined;
}

/** Runs one statement on a fresh connection to `url` (creating and dropping databases cannot run in a transaction). */
export async function onAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A PGlite database with every migration applied, dumped into `dir`: the file openPglite's `template` starts from. */
export async function dumpMigratedPglite(dir: string): Promise<string> {
  const pglite = await openPglite('memory://');
  try {
    await migrate(pglite);
    const file = join(dir, 'pglite.tar');
    writeFileSync(file, Buffer.from(await (await pglite.dump()).arrayBuffer()));
    return file;
  } finally {
    await pglite.close();
  }
}

/**
 * Vitest's global setup: the PGlite template dumped to a file, and, when TANDEM_TEST_DATABASE_URL is set, a migrated
 * PostgreSQL database (named per run, so CI runs sharing a server do not meet) that is dropped at the end. The demo
 * seed is not in either: a suite still seeds its own copy, as before (seedDemo's own behaviour is under test).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-test-template-'));
  process.env[PGLITE_TEMPLATE_ENV] = await dumpMigratedPglite(dir);
  const serverUrl = process.env.TANDEM_TEST_DATABASE_URL;
  const template = serverUrl ? await createMigratedPostgres(serverUrl, 'tandem_template') : undefined;
  if (template) process.env[POSTGRES_TEMPLATE_ENV] = template.name;
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    await template?.drop();
  };
}

/** A database created on a PostgreSQL server for a test run, and how to reach and drop it. */
export interface CreatedDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own on `serverUrl`'s server, named `prefix` + this process and a random part (so test files, and
 * CI runs sharing a server, never meet), empty or a copy of `template`. The caller drops it.
 */
export async function createDatabase(serverUrl: string, prefix: string, template?: string): Promise<CreatedDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onAdmin(serverUrl, `create database ${name}${template ? ` template ${template}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => onAdmin(serverUrl, `drop database if exists ${name} with (force)`) };
}

/**
 * A database on `serverUrl`'s server with every migration applied, for databases to be created from
 * (`create database … template <name>`). The caller drops it.
 */
export async function createMigratedPostgres(serverUrl: string, prefix: string): Promise<CreatedDatabase> {
  const created = await createDatabase(serverUrl, prefix);
  const db = await openPostgres(created.url, { max: 1 });
  try {
    await migrate(db);
  } finally {
    // A template must have no connection open while databases are created from it.
    await db.close();
  }
  return created;
}
