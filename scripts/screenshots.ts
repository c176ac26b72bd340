/**
 * `npm run screenshots`: the store's screenshots (1280×800 PNG) taken from the demo, into store/screenshots/.
 * Builds the extension, starts the demo as `npm start` does (server with the demo data and its running outage, the
 * demo sites at their real addresses) and drives headless Chromium with Tandem loaded: the agent's overlay on a CRM
 * page and on X, the side panel beside a ticket, the queue, and the manager's console. Needs /usr/bin/chromium (or
 * CHROMIUM_PATH); meant for a developer's machine, not CI. store/README.md says what each shot shows.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { FIXTURE_URLS } from '../e2e/fixture-server';
import { DEMO_AGENT, type Harness, startHarness } from '../e2e/harness';
import { overlayFrame } from '../e2e/overlay-view';
import { startServer } from '../server/start';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'store/screenshots');
/** The size both stores accept (Chrome Web Store: 1280×800 or 640×400; AMO: any, 1280×800 shown best). */
const SHOT = { width: 1280, height: 800 };
/** The side panel's width in Chromium's default layout; the page beside it gets the rest. */
const PANEL_WIDTH = 400;

console.log('Building the extension…');
execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
mkdirSync(outDir, { recursive: true });

const server = await startServer({ port: 0, dataDir: 'memory://', seed: true, seedClock: new Date(), demoOutage: true });
const harnesses: Harness[] = [];
try {
  const agent = await startHarness({ server });
  harnesses.push(agent);
  await agent.signIn(DEMO_AGENT);

  const crm = await pageWithOverlay(agent, FIXTURE_URLS.salesforceContact);
  await shoot(crm, '1-overlay-crm.png');
  await shoot(await pageWithOverlay(agent, FIXTURE_URLS.tweet), '2-overlay-x.png');

  // The side panel docks at the window's right edge: the ticket page and the panel, side by side.
  const ticket = await pageWithOverlay(agent, FIXTURE_URLS.zendeskTicket, { width: SHOT.width - PANEL_WIDTH, height: SHOT.height });
  const panel = await agent.openExtensionPage(`sidepanel.html?tabId=${await agent.tabIdOf(ticket)}`);
  await panel.setViewportSize({ width: PANEL_WIDTH, height: SHOT.height });
  await panel.getByTestId('tandem-customer-name').first().waitFor({ timeout: 30_000 });
  await settle(panel);
  await sideBySide(agent, await ticket.screenshot(), await panel.screenshot(), '3-side-panel.png');

  const queue = await agent.openExtensionPage('queue.html');
  await queue.setViewportSize(SHOT);
  await queue.getByTestId('tandem-queue-row').first().waitFor({ timeout: 30_000 });
  await shoot(queue, '4-queue.png');

  const manager = await startHarness({ server });
  harnesses.push(manager);
  await manager.signIn({ email: 'manager@tandem.demo', password: DEMO_AGENT.password });
  const consolePage = await manager.openExtensionPage('manager.html');
  await consolePage.setViewportSize(SHOT);
  // Its first view: the knowledge base the manager keeps (an article open in the editor, its preview beside it) under
  // the possible incident the server detected in the demo's cases.
  await consolePage.getByTestId('manager-row').nth(1).getByRole('button').click();
  await consolePage.getByTestId('manager-preview').waitFor({ timeout: 30_000 });
  await settle(consolePage);
  await shoot(consolePage, '5-manager-console.png');
  console.log(`Screenshots in ${outDir}`);
} finally {
  for (const h of harnesses.reverse()) await h.close();
  await server.close();
}

/** A demo page at the shot's size (or `size`) with the overlay showing its customer. */
async function pageWithOverlay(h: Harness, url: string, size = SHOT): Promise<Page> {
  const page = await h.context.newPage();
  await page.setViewportSize(size);
  await page.goto(url);
  const frame = await overlayFrame(page, 30_000);
  await frame.getByTestId('tandem-customer-name').waitFor({ timeout: 30_000 });
  await settle(page);
  return page;
}

/** Lets late data (suggestions re-ranked once the person resolves, fonts, images) land before the shot. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(1500);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(outDir, name) });
  console.log(`  ${name}`);
}

/** Two screenshots composed into one shot by the browser itself (no image library): left page, right panel. */
async function sideBySide(h: Harness, left: Buffer, right: Buffer, name: string): Promise<void> {
  const page = await h.context.newPage();
  await page.setViewportSize(SHOT);
  const img = (png: Buffer, width: number, style = '') =>
    `<img src="data:image/png;base64,${png.toString('base64')}" width="${width}" height="${SHOT.height}" style="${style}">`;
  await page.setContent(
    `<body style="margin:0;display:flex">${img(left, SHOT.width - PANEL_WIDTH)}${img(right, PANEL_WIDTH, 'box-shadow:-1px 0 0 #c8ccd2')}</body>`,
  );
  await shoot(page, name);
  await page.close();
}
