import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { type RunningServer, type StartOptions, startServer } from '../server/start';
import { type CreatedDatabase, createDatabase } from '../server/test-templates';
import { type SyncStatus, sendFrom, untilFirstSyncEnds } from './extension-messages';
import { startFixtureServer } from './fixture-server';
import { startNetwork } from './network';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const DEMO_AGENT = { email: 'agent@tandem.demo', password: 'tandem-demo' };

export interface Harness {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** The address the extension uses: the server behind a switchable network. */
  serverUrl: string;
  /** The server itself, bypassing the network (what a test checks the truth against). */
  directServerUrl: string;
  network: Awaited<ReturnType<typeof startNetwork>>;
  fixtures: Awaited<ReturnType<typeof startFixtureServer>>;
  /** Opens one of Tandem's own pages (sidepanel.html, options.html, popup.html). */
  openExtensionPage(path: string): Promise<Page>;
  /** Signs in through the options page, as an agent would. */
  signIn(account?: { email: string; password: string }): Promise<void>;
  /** The browser's id for the tab showing this page, as the side panel sees it. */
  tabIdOf(page: Page): Promise<number>;
  close(): Promise<void>;
}

/** A directory e2e/global-setup.ts makes for the run and removes after it: browser profiles go there when it is set. */
export const RUN_DIR_ENV = 'TANDEM_E2E_RUN_DIR';
/** The environment variable that names the file of e2e/global-setup.ts's migrated PGlite template. */
export const PGLITE_TEMPLATE_ENV = 'TANDEM_E2E_PGLITE_TEMPLATE';

/**
 * A PostgreSQL server (postgres://…/any-database) whose databases the e2e servers may run on instead of PGlite: npm test
 * sets it to TANDEM_TEST_DATABASE_URL for its last phase. PostgreSQL is the engine a team's server runs on, and a file's
 * database is created from a template in a fraction of the seconds a PGlite copy takes to open (docs/testing.md).
 */
export const E2E_DATABASE_URL_ENV = 'TANDEM_E2E_DATABASE_URL';
/** The migrated template database on that server, made by e2e/global-setup.ts. */
export const POSTGRES_TEMPLATE_ENV = 'TANDEM_E2E_POSTGRES_TEMPLATE';

let templateDump: Blob | undefined;

/** A database of its own on the e2e PostgreSQL server, created from the run's template; undefined when there is none. */
async function e2ePostgresDatabase(): Promise<CreatedDatabase | undefined> {
  const serverUrl = process.env[E2E_DATABASE_URL_ENV];
  const template = process.env[POSTGRES_TEMPLATE_ENV];
  return serverUrl && template ? createDatabase(serverUrl, 'tandem_e2e', template) : undefined;
}

/**
 * A server for one test file: its own database (in memory unless `dataDir` names a directory), seeded against the clock
 * now. A new database starts from the run's migrated template when e2e/global-setup.ts made one (a bench script has
 * none: initdb as usual).
 */
export async function startE2eServer(options: StartOptions = {}): Promise<RunningServer> {
  const postgres = options.databaseUrl || options.dataDir ? undefined : await e2ePostgresDatabase();
  if (postgres) {
    try {
      const server = await startServer({ port: 0, seed: true, seedClock: new Date(), ...options, databaseUrl: postgres.url });
      return { ...server, close: () => server.close().finally(() => postgres.drop()) };
    } catch (err) {
      await postgres.drop();
      throw err;
    }
  }
  const dataDir = options.dataDir ?? 'memory://';
  const templateFile = process.env[PGLITE_TEMPLATE_ENV];
  if (templateFile && !options.databaseUrl) templateDump ??= new Blob([readFileSync(templateFile)]);
  const onDisk = !options.databaseUrl && !dataDir.includes('://');
  if (templateDump && onDisk && !existsSync(dataDir)) {
    // Loaded and shut down cleanly without syncing: the server's own start, which syncs, would find the loaded copy
    // shut down uncleanly and fsync every file of it in recovery (≈20 s on a loaded machine, against ≈5 s this way).
    const loaded = await PGlite.create(dataDir, { loadDataDir: templateDump });
    await loaded.close();
  }
  return startServer({ port: 0, seed: true, seedClock: new Date(), ...options, dataDir, pgliteTemplate: onDisk ? undefined : templateDump });
}

/** Chromium flags for this closed network (see ../shared/TOOLCHAIN.md) plus the fixture sites' DNS. */
export function chromiumArgs(extensionDir: string, hostResolverRules: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    `--host-resolver-rules=${hostResolverRules}`,
    '--ignore-certificate-errors',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

export interface HarnessOptions {
  /** A running server to share (several browsers, one server); it is left running on close. Default: a fresh one of its own. */
  server?: { url: string };
  /** Another copy of the built extension (e.g. with a permission already granted). Default: EXTENSION_DIR. */
  extensionDir?: string;
  /** The browser's UI language ("de"): what chrome.i18n picks the catalog by. Default: the machine's (English in CI). */
  language?: string;
}

/** A Chromium with the built extension, its fixture sites and its profile: what one harness drives. */
interface LaunchedBrowser {
  context: BrowserContext;
  worker: Worker;
  fixtures: Awaited<ReturnType<typeof startFixtureServer>>;
  profile: string;
}

async function closeBrowser(browser: LaunchedBrowser): Promise<void> {
  await browser.context.close().catch(() => undefined);
  await browser.fixtures.close();
  rmSync(browser.profile, { recursive: true, force: true });
}

/** Starts the fixture sites and Chromium with the extension, and waits for the extension's service worker. */
async function launchBrowser(extensionDir: string, language?: string): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(process.env[RUN_DIR_ENV] || tmpdir(), 'tandem-e2e-'));
  let fixtures: Awaited<ReturnType<typeof startFixtureServer>> | undefined;
  let context: BrowserContext | undefined;
  try {
    fixtures = await startFixtureServer({ port: 0 });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      ignoreHTTPSErrors: true,
      args: [...chromiumArgs(extensionDir, fixtures.hostResolverRules), ...(language ? [`--lang=${language}`] : [])],
      // On Linux Chromium takes its UI language from LANGUAGE as well as --lang.
      ...(language ? { env: { ...process.env, LANGUAGE: language } } : {}),
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    return { context, worker, fixtures, profile };
  } catch (err) {
    await context?.close().catch(() => undefined);
    await fixtures?.close();
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Set (to anything) by `npm test` for the end-to-end files that share one module graph: each harness with the default
 * extension then launches the next one's browser while its own file runs. A fresh Chromium spends its first ≈ 5 s
 * starting and waiting for its policy service (`storage.managed` answers only then, and sign-in asks it), ≈ 8 s of
 * each file's set-up otherwise (docs/testing.md, "A browser launched ahead").
 */
export const SPARE_BROWSER_ENV = 'TANDEM_E2E_SPARE_BROWSER';
/** The browser launched ahead for the next harness with the default extension and language; never used twice. */
let spare: Promise<LaunchedBrowser> | undefined;

/**
 * The last file's spare is never taken: Playwright kills its browser as the worker exits, and its profile is under the
 * run's directory, which e2e/global-setup.ts removes.
 */
function launchSpare(): void {
  spare = launchBrowser(EXTENSION_DIR);
  spare.catch(() => undefined); // the harness that takes it awaits it and sees the failure
}

/** A browser for one harness: the spare when one waits (and its successor launched once it is ready), else a new one. */
async function browserFor(options: HarnessOptions): Promise<LaunchedBrowser> {
  if (options.extensionDir || options.language) return launchBrowser(options.extensionDir ?? EXTENSION_DIR, options.language);
  const taken = spare ?? launchBrowser(EXTENSION_DIR);
  spare = undefined;
  const browser = await taken;
  if (process.env[SPARE_BROWSER_ENV]) launchSpare();
  return browser;
}

/** Starts a fresh server (in-memory database with the demo seed), the fixture sites and Chromium with the built extension. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run "npm run build" first.`);
  }
  // The server (database, seed) starts while Chromium does: neither needs the other until the network joins them, and
  // a file's set-up is paid 46 times a run (docs/testing.md). The extension knows no server before it is signed in.
  const starting = options.server ? Promise.resolve(null) : startE2eServer();
  starting.catch(() => undefined); // awaited below: a failure is thrown there, not reported as unhandled first
  let browser: LaunchedBrowser | undefined;
  let owned: RunningServer | null;
  try {
    browser = await browserFor(options);
    owned = await starting;
  } catch (err) {
    if (browser) await closeBrowser(browser);
    await starting.then(
      (s) => s?.close(),
      () => undefined,
    );
    throw err;
  }
  const { context, worker, fixtures } = browser;
  const server = options.server ?? owned!;
  const network = await startNetwork(server.url);
  const extensionId = new URL(worker.url()).host;

  const openExtensionPage = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };

  return {
    context,
    worker,
    extensionId,
    serverUrl: network.url,
    directServerUrl: server.url,
    network,
    fixtures,
    openExtensionPage,
    async signIn(account = DEMO_AGENT) {
      const page = await openExtensionPage('options.html');
      await page.getByLabel('Server address').fill(network.url);
      await page.getByLabel('Email').fill(account.email);
      await page.getByLabel('Password').fill(account.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const outcome = page.getByTestId('tandem-signed-in').or(page.getByTestId('tandem-error'));
      await outcome.waitFor({ timeout: 20_000 });
      const error = page.getByTestId('tandem-error');
      if (await error.isVisible()) throw new Error(`Sign-in failed: ${await error.textContent()}`);
      await untilFirstSyncEnds(async () => (await sendFrom(page, 'status.get', {}))?.value as SyncStatus | undefined);
      await page.close();
    },
    async tabIdOf(page) {
      const url = page.url();
      const id = await worker.evaluate(async (target) => {
        type Tabs = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
        const tabs = await (globalThis as unknown as { chrome: Tabs }).chrome.tabs.query({});
        return tabs.find((t) => t.url === target)?.id ?? null;
      }, url);
      if (id === null) throw new Error(`No tab shows ${url}`);
      return id;
    },
    async close() {
      await context.close().catch(() => undefined);
      await network.close();
      await Promise.all([owned?.close(), closeBrowser(browser)]);
    },
  };
}
