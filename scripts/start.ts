/**
 * `npm start`: builds the extension, starts the server on the embedded database with demo data,
 * serves the demo sites at their real addresses, and opens Chromium with Tandem loaded and signed
 * in where a display exists. Without a display it prints how to do the same by hand.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { FIXTURE_URLS, startFixtureServer } from '../e2e/fixture-server';
import { CHROMIUM, chromiumArgs, DEMO_AGENT, EXTENSION_DIR } from '../e2e/harness';
import { embeddingsFromEnv, fieldPolicyFromEnv, startServer } from '../server/start';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 8787);
const fixturePort = Number(process.env.FIXTURE_PORT ?? 8443);

console.log('Building the extension…');
execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });

const server = await startServer({
  port,
  dataDir: process.env.TANDEM_DATA_DIR,
  seed: true,
  seedClock: new Date(),
  // A possible incident running as the demo opens (docs/incidents.md "In the demo").
  demoOutage: true,
  fieldPolicy: fieldPolicyFromEnv(),
  embeddings: embeddingsFromEnv(),
});
const fixtures = await startFixtureServer({ port: fixturePort });
console.log(`\nTandem server: ${server.url} (embedded Postgres, demo data)`);
console.log(`Demo sites on https://127.0.0.1:${fixtures.port} (mapped to their real addresses in the browser)`);
console.log(
  `Demo accounts (password "${DEMO_AGENT.password}"): agent@tandem.demo, agent2@tandem.demo, billing@tandem.demo, manager@tandem.demo, admin@tandem.demo\n`,
);

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
let closeBrowser = async () => {};
if (hasDisplay && existsSync(CHROMIUM)) {
  const profile = resolve(root, '.data/chromium-profile');
  mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    ignoreHTTPSErrors: true,
    viewport: null,
    args: chromiumArgs(EXTENSION_DIR, fixtures.hostResolverRules),
  });
  closeBrowser = () => context.close();
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  if (!(await options.getByTestId('tandem-signed-in').isVisible())) {
    await options.getByLabel('Server address').fill(server.url);
    await options.getByLabel('Email').fill(DEMO_AGENT.email);
    await options.getByLabel('Password').fill(DEMO_AGENT.password);
    await options.getByRole('button', { name: 'Sign in' }).click();
    await options.getByTestId('tandem-signed-in').waitFor({ timeout: 30_000 });
  }
  for (const url of [FIXTURE_URLS.zendeskTicket, FIXTURE_URLS.tweet, FIXTURE_URLS.salesforceContact]) {
    await (await context.newPage()).goto(url);
  }
  console.log('Chromium is open with Tandem loaded and signed in as agent@tandem.demo. Close it or press Ctrl+C to stop.');
  context.on('close', () => void shutdown());
} else {
  console.log('No display found, so no browser was opened. To try Tandem by hand:');
  console.log(`  1. Start Chromium so the demo sites resolve to this machine:`);
  console.log(`     chromium --ignore-certificate-errors --host-resolver-rules="${fixtures.hostResolverRules}"`);
  console.log(`  2. Open chrome://extensions, turn on Developer mode, choose "Load unpacked" and pick ${EXTENSION_DIR}`);
  console.log(`  3. In Tandem's settings (toolbar icon → Sign in) use server ${server.url}, ${DEMO_AGENT.email} / ${DEMO_AGENT.password}`);
  console.log('  4. Visit the demo pages:');
  for (const [name, url] of Object.entries(FIXTURE_URLS)) console.log(`     ${name.padEnd(18)} ${url}`);
  console.log('\nPress Ctrl+C to stop.');
}

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await closeBrowser().catch(() => undefined);
  await Promise.all([server.close(), fixtures.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
