import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMigratedPostgres, dumpMigratedPglite } from '../server/test-templates';
import { FIXTURE_CERTIFICATE_ENV, makeFixtureCertificate } from './fixture-server';
import { E2E_DATABASE_URL_ENV, PGLITE_TEMPLATE_ENV, POSTGRES_TEMPLATE_ENV, RUN_DIR_ENV } from './harness';

/**
 * Once per end-to-end run: a PGlite database with every migration applied, dumped to a file that each file's server
 * starts from instead of running initdb and the migrations again (seconds per file; docs/testing.md). The demo seed is
 * not in it: each server still seeds against its own clock. The file's path reaches the test files through the
 * environment. The fixture sites' certificate is made here too, once instead of once a harness.
 * With TANDEM_E2E_DATABASE_URL set (npm test's last phase), a migrated PostgreSQL template too: each file's server then
 * runs on a database of its own created from it (e2e/harness.ts), dropped with the server.
 * The browsers' profiles are made in the same directory, so none outlives the run (a spare browser's is never closed by
 * a harness: e2e/harness.ts).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-e2e-template-'));
  process.env[RUN_DIR_ENV] = dir;
  process.env[PGLITE_TEMPLATE_ENV] = await dumpMigratedPglite(dir);
  const serverUrl = process.env[E2E_DATABASE_URL_ENV] || undefined;
  const postgresTemplate = serverUrl ? await createMigratedPostgres(serverUrl, 'tandem_e2e_template') : undefined;
  if (postgresTemplate) process.env[POSTGRES_TEMPLATE_ENV] = postgresTemplate.name;
  const certificate = join(dir, 'fixture-certificate.json');
  writeFileSync(certificate, JSON.stringify(await makeFixtureCertificate()));
  process.env[FIXTURE_CERTIFICATE_ENV] = certificate;
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    await postgresTemplate?.drop();
  };
}
