import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo';
import { accessLogDaysFromEnv, DEFAULT_DATA_DIR, databaseErrorGuard, embeddingsFromEnv, fieldPolicyFromEnv, startServer } from './start';

const port = Number(process.env.PORT ?? 8787);
const dataDir = process.env.TANDEM_DATA_DIR || DEFAULT_DATA_DIR;
const databaseUrl = process.env.DATABASE_URL || undefined;
const seed = !['0', 'false', 'off', 'no'].includes((process.env.TANDEM_SEED ?? 'on').toLowerCase());
const seedNow = process.env.TANDEM_SEED_NOW;
const seedClock = seedNow ? (seedNow === 'now' ? new Date() : new Date(seedNow)) : undefined;
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
if (seedClock && Number.isNaN(seedClock.getTime())) throw new Error(`TANDEM_SEED_NOW must be 'now' or an ISO timestamp, got ${seedNow}`);

// Unhandled rejections arrive here too (Node's default --unhandled-rejections=throw).
process.on(
  'uncaughtException',
  databaseErrorGuard((code) => process.exit(code)),
);

const server = await startServer({
  port,
  dataDir,
  databaseUrl,
  seed,
  seedClock,
  host: process.env.HOST ?? '127.0.0.1',
  fieldPolicy: fieldPolicyFromEnv(),
  accessLogDays: accessLogDaysFromEnv(),
  embeddings: embeddingsFromEnv(),
}).catch((err: unknown) => {
  // Not left to the guard above, which keeps a *serving* process up through database errors: a server that never
  // started must end, and not with 0, so a supervisor starts it again (a database that comes up after Tandem at boot).
  console.error('[tandem-server] could not start:', err instanceof Error ? err.message : err);
  return process.exit(1);
});
// Never print the connection string: it may hold a password.
console.log(`Tandem server listening on ${server.url} (data: ${databaseUrl ? 'PostgreSQL from DATABASE_URL' : dataDir})`);
if (seed) {
  console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(22)} ${a.name.padEnd(15)} ${a.role.padEnd(8)} ${a.teamIds.join(', ')}`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: closing`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
