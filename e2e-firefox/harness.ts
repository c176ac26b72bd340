import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type Frame, launch, type Page } from 'puppeteer-core';
import { type SyncStatus, untilFirstSyncEnds } from '../e2e/extension-messages';
import { FIXTURE_URLS, startFixtureServer } from '../e2e/fixture-server';
import { DEMO_AGENT, startE2eServer } from '../e2e/harness';
import type { RunningServer, StartOptions } from '../server/start';
import { startSiteProxy } from './site-proxy';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../.output/firefox-mv2');
/** Debian's Firefox ESR (`apt-get install firefox-esr`). */
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The add-on's id (wxt.config.ts, browser_specific_settings.gecko.id). */
export const ADDON_ID = 'tandem@tandem.demo';
/**
 * Firefox gives each add-on a random moz-extension:// origin per profile; the pref extensions.webextensions.uuids fixes
 * it in this fresh profile, so the test knows the extension's pages' addresses before it installs the add-on.
 */
export const ADDON_UUID = '5e1f0c1a-7a2d-4c3e-9b6f-7a3d1c2b4e5f';
export const EXTENSION_ORIGIN = `moz-extension://${ADDON_UUID}`;

export interface FirefoxHarness {
  browser: Browser;
  server: RunningServer;
  serverUrl: string;
  /** Opens one of Tandem's own pages (options.html, popup.html, sidepanel.html) in a tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** A message to the background from one of Tandem's pages, as its own code sends it. */
  sendFrom(page: Page, name: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message?: string } } | null>;
  /** The overlay's frame on a site page (its moz-extension:// iframe), once there. */
  overlayFrame(page: Page, timeout?: number): Promise<Frame>;
  /** The browser's id for the tab showing this address, as the sidebar's page sees it. */
  tabIdOf(url: string): Promise<number>;
  /** Signs in through the options page, as an agent would, and waits for the first sync to end. */
  signIn(account?: { email: string; password: string }): Promise<void>;
  close(): Promise<void>;
}

/** TANDEM_FIREFOX_CONSOLE=1: Firefox's output, the add-on's console (background page, workers, frames) included. */
const SHOW_CONSOLE = process.env.TANDEM_FIREFOX_CONSOLE === '1';
const CONSOLE_PREFS = { 'devtools.console.stdout.chrome': true, 'devtools.console.stdout.content': true };

/** Firefox preferences for the closed network: the fixture sites through the CONNECT proxy, nothing fetched from outside. */
function firefoxPrefs(proxyPort: number): Record<string, unknown> {
  return {
    // Manual proxy for HTTPS only: the fixture sites go through it; the server (http://127.0.0.1) goes direct.
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
    'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
    // Neither a first-run page nor a data-collection tab: the run opens only what it asks for.
    'browser.startup.homepage_override.mstone': 'ignore',
    'datareporting.policy.dataSubmissionEnabled': false,
    'extensions.getAddons.cache.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
  };
}

/** A server (the demo seed), the fixture sites behind their proxy, and Firefox ESR with the built MV2 add-on installed temporarily. */
export async function startFirefoxHarness(serverOptions: StartOptions = {}): Promise<FirefoxHarness> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${FIREFOX_EXTENSION_DIR}: run "npm run build:firefox" first.`);
  }
  const server = await startE2eServer(serverOptions);
  const fixtures = await startFixtureServer({ port: 0 });
  const proxy = await startSiteProxy(fixtures.port, fixtures.hosts);
  const browser = await launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // The fixture server's certificate is self-signed for the real sites' names.
    acceptInsecureCerts: true,
    extraPrefsFirefox: { ...firefoxPrefs(proxy.port), ...(SHOW_CONSOLE ? CONSOLE_PREFS : {}) },
    dumpio: SHOW_CONSOLE,
  });
  const installed = await browser.installExtension(FIREFOX_EXTENSION_DIR);
  if (installed !== ADDON_ID) throw new Error(`Installed ${installed}, expected ${ADDON_ID}`);

  // Puppeteer over BiDi may go on reporting about:blank for a frame or tab whose document has since loaded an extension
  // page (the overlay's iframe, a tab opened by the extension): the document itself says where it is.
  const hrefOf = (target: Frame | Page) => target.evaluate(() => location.href).catch(() => '');
  const overlayFrame = async (page: Page, timeout = 15_000) => {
    const until = Date.now() + timeout;
    for (;;) {
      for (const frame of page.frames().slice(1)) {
        if (!frame.detached && (await hrefOf(frame)).startsWith(`${EXTENSION_ORIGIN}/overlay-frame.html`)) return frame;
      }
      if (Date.now() > until) throw new Error(`No overlay frame on ${page.url()} after ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  /** The tab that `open` shows this extension page in, once its document has loaded. */
  const opened = async (path: string, open: (url: string) => Promise<unknown>): Promise<Page> => {
    const url = `${EXTENSION_ORIGIN}/${path}`;
    const before = new Set(await browser.pages());
    await open(url);
    const until = Date.now() + 15_000;
    for (;;) {
      for (const page of await browser.pages()) {
        if (!before.has(page) && (await hrefOf(page)) === url) {
          await page.waitForFunction(() => document.readyState === 'complete');
          return page;
        }
      }
      if (Date.now() > until) throw new Error(`${url} did not open`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  // BiDi refuses to navigate a tab to a moz-extension:// address ("not allowed in this context"). So the first of
  // Tandem's pages is opened with window.open from the overlay's frame on a fixture page (an extension page, though
  // with the content script's set of APIs: no tabs), and every other one from that page with tabs.create.
  const bootstrap = await browser.newPage();
  await bootstrap.goto(FIXTURE_URLS.xHome);
  const frame = await overlayFrame(bootstrap);
  const opener = await opened('popup.html', (url) => frame.evaluate((u) => void window.open(u, '_blank'), url));
  await bootstrap.close();
  type Tabs = { browser: { tabs: { create(p: { url: string }): Promise<unknown> } } };
  const openExtensionPage = (path: string) =>
    opened(path, (url) => opener.evaluate((u) => (globalThis as unknown as Tabs).browser.tabs.create({ url: u }).then(() => undefined), url));

  const sendFrom: FirefoxHarness['sendFrom'] = (page, name, payload) =>
    page
      .evaluate(
        (name, payload) =>
          (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser.runtime.sendMessage({ name, payload }),
        name,
        payload as never,
      )
      .then((reply) => (reply as Awaited<ReturnType<FirefoxHarness['sendFrom']>>) ?? null)
      .catch(() => null);
  return {
    browser,
    server,
    serverUrl: server.url,
    openExtensionPage,
    sendFrom,
    overlayFrame,
    async tabIdOf(url) {
      type Query = { browser: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } } };
      const id = await opener.evaluate(
        async (target) => (await (globalThis as unknown as Query).browser.tabs.query({})).find((t) => t.url === target)?.id ?? null,
        url,
      );
      if (id === null) throw new Error(`No tab shows ${url}`);
      return id;
    },
    async signIn(account = DEMO_AGENT) {
      const page = await openExtensionPage('options.html');
      await page.locator('input[name="backendUrl"]').fill(server.url);
      await page.locator('input[name="email"]').fill(account.email);
      await page.locator('input[name="password"]').fill(account.password);
      await page.locator('button[type="submit"]').click();
      await page.waitForSelector('[data-testid="tandem-signed-in"], [data-testid="tandem-error"]', { timeout: 20_000 });
      const error = await page.$('[data-testid="tandem-error"]');
      if (error) throw new Error(`Sign-in failed: ${await error.evaluate((el) => el.textContent)}`);
      await untilFirstSyncEnds(async () => (await sendFrom(page, 'status.get', {}))?.value as SyncStatus | undefined);
      await page.close();
    },
    async close() {
      await browser.close().catch(() => undefined);
      await Promise.all([proxy.close(), fixtures.close(), server.close()]);
    },
  };
}

export { DEMO_AGENT };
