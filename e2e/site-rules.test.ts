// Custom sites: an admin adds a site rule in the options page, the extension asks for that site only
// then, registers the overlay there at run time, and the rule adapter reads the customer with the
// rule's selectors. Headless Chromium cannot answer a permission prompt, so the full flow runs on a
// site whose permission the extension already holds (http://localhost, its local backend's host);
// for https://crm.example.net the test checks that the prompt is asked for and nothing is injected
// while it is unanswered. The prompt-answered branches are unit-tested in lib/site-rules/rule-flow.test.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_URLS, startPlainFixtureSite } from './fixture-server';
import { type Harness, startHarness } from './harness';
import { customerName, overlayFrameNow } from './overlay-view';

/** The service worker's chrome.* APIs this test reads (typed here: e2e code has no chrome types). */
type Chrome = {
  scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
};
/** The custom sites' registrations (the organisation's CRM hosts have their own, e2e/org-hosts.test.ts). */
const registeredScripts = () =>
  h.worker.evaluate(async () =>
    (await (globalThis as unknown as { chrome: Chrome }).chrome.scripting.getRegisteredContentScripts())
      .map((s) => s.id)
      .filter((id) => id.startsWith('tandem-rule-')),
  );

const ADMIN = { email: 'admin@tandem.demo', password: 'tandem-demo' };
const WAIT = { timeout: 10_000 };

let h: Harness;
let crm: Awaited<ReturnType<typeof startPlainFixtureSite>>;

beforeAll(async () => {
  [h, crm] = await Promise.all([startHarness(), startPlainFixtureSite('crm-custom')]);
  await h.signIn(ADMIN);
});

afterAll(async () => {
  await Promise.all([h?.close(), crm?.close()]);
});

async function fillRule(options: Page, fields: Record<string, string>) {
  for (const [label, value] of Object.entries(fields)) await options.getByLabel(label, { exact: true }).fill(value);
  await options.getByRole('button', { name: 'Add site' }).click();
}

const CRM_SELECTORS = {
  'Email selector': '[data-field=email] a',
  'Phone selector': '[data-field=phone]',
  'Name selector': 'h1.customer-name',
  'Record id selector': '[data-field=customer-id]',
};

describe('custom site rules', () => {
  it('refuses an invalid rule with the reason', async () => {
    const options = await h.openExtensionPage('options.html');
    await fillRule(options, { 'Site name': 'Broken', 'Address pattern': 'crm.example.net', 'Email selector': 'dd..email a' });
    const message = options.getByTestId('tandem-site-rule-message');
    await expect.poll(() => message.textContent(), WAIT).toContain('match pattern');
    expect(await message.textContent()).toContain('not a valid CSS selector');
    expect(await options.getByTestId('tandem-site-rule').count()).toBe(0);
    await options.close();
  });

  it('injects nothing before a rule exists, then shows the customer once the rule is added, and follows navigation', async () => {
    const before = await h.context.newPage();
    await before.goto(`${crm.url}/customers/1042`);
    await before.waitForTimeout(800);
    expect(overlayFrameNow(before)).toBeNull();
    await before.close();

    const options = await h.openExtensionPage('options.html');
    await fillRule(options, { 'Site name': 'Northwind CRM', 'Address pattern': 'http://localhost/*', ...CRM_SELECTORS });
    await expect.poll(() => options.getByTestId('tandem-site-rule-message').textContent(), WAIT).toContain('Tandem now runs on http://localhost/*');
    expect(await options.getByTestId('tandem-site-rule').count()).toBe(1);
    expect(await registeredScripts()).toEqual(['tandem-rule-northwind-crm']);

    const page = await h.context.newPage();
    await page.goto(`${crm.url}/customers/1042`);
    await expect.poll(customerName(page), WAIT).toBe('Marcus Chen');
    // In-app navigation to a record with a national German number (the page says de-DE).
    await page.locator('a[data-spa-link][href="/customers/2077"]').click();
    await expect.poll(customerName(page), WAIT).toBe('Lena Vogel');

    // Switched off: gone on the next load, and the script is unregistered.
    await options.getByRole('checkbox', { name: 'Northwind CRM' }).uncheck();
    await expect.poll(async () => (await registeredScripts()).length, WAIT).toBe(0);
    await page.reload();
    await page.waitForTimeout(800);
    expect(overlayFrameNow(page)).toBeNull();
    await page.close();
    await options.close();
  });

  it('asks for an https site only when its rule is added, and injects nothing while the prompt is unanswered', async () => {
    const granted = () =>
      h.worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.permissions.contains({ origins: ['https://crm.example.net/*'] }));
    expect(await granted()).toBe(false);
    const options = await h.openExtensionPage('options.html');
    await fillRule(options, { 'Site name': 'Example CRM', 'Address pattern': 'https://crm.example.net/*', ...CRM_SELECTORS });
    await expect.poll(() => options.getByTestId('tandem-site-rule-message').textContent(), WAIT).toContain('Waiting for the browser to allow Tandem');
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.customCrm);
    await page.waitForTimeout(800);
    expect(overlayFrameNow(page)).toBeNull();
    await page.close();
    await options.close();
  });
});
