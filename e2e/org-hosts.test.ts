// Tenant wildcards replaced by the organisation's own CRM hosts (docs/security.md "Organisation
// hosts"): the built extension, signed in as the demo agent, runs the overlay on the demo
// organisation's Zendesk and on nothing at another tenant serving the same page; an admin adds a
// host in the options page and the agent's overlay runs there after their next sync, without a
// reload of the extension, and removes one to take the overlay off a page already open there;
// signing out takes the registrations away.
import type { Page, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { harnessPairForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { customerName, overlayFrameNow } from './overlay-view';

const ADMIN = { email: 'admin@tandem.demo', password: 'tandem-demo' };
const ADDED_HOST = new URL(FIXTURE_URLS.addedTenantTicket).host;

// A second Chromium, the admin's, against the same server (the agent's harness owns it).
const { agent, other: admin } = harnessPairForFile(ADMIN);

/** The hosts the background has registered the overlay on at run time. */
function registeredOrgHosts(worker: Worker): Promise<string[]> {
  return worker.evaluate(async () => {
    type Scripting = { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } };
    const scripts = await (globalThis as unknown as { chrome: Scripting }).chrome.scripting.getRegisteredContentScripts();
    return scripts.flatMap((s) => (s.id.startsWith('tandem-org-') ? [s.id.slice('tandem-org-'.length)] : [])).sort();
  });
}

/** Whether the content script told the background about this tab's page (it does on every page it runs on). */
async function reportedContext(page: Page): Promise<boolean> {
  const tabId = await agent.tabIdOf(page);
  return agent.worker.evaluate(async (key) => {
    type Session = { storage: { session: { get(key: string): Promise<Record<string, unknown>> } } };
    return (await (globalThis as unknown as { chrome: Session }).chrome.storage.session.get(key))[key] !== undefined;
  }, `tabContext:${tabId}`);
}

/**
 * Traces of Tandem in the page's DOM: elements the served HTML does not have (the overlay's shadow host and the
 * capture buttons' hosts have custom element names drawn afresh on each load).
 */
function tracesInPage(page: Page): Promise<{ addedElements: string[] }> {
  return page.evaluate(async () => {
    const served = await (await fetch(location.href)).text();
    const added = [...document.querySelectorAll('*')].map((el) => el.localName).filter((name) => name.includes('-') && !served.includes(`<${name}`));
    return { addedElements: [...new Set(added)] };
  });
}

describe('the organisation’s hosts instead of tenant wildcards', () => {
  it('registers the overlay on exactly the demo organisation’s tenants after sign-in', async () => {
    expect(await registeredOrgHosts(agent.worker)).toEqual([
      'tandemdemo.crm.dynamics.com',
      'tandemdemo.freshdesk.com',
      'tandemdemo.lightning.force.com',
      'tandemdemo.zendesk.com',
    ]);
  });

  it('shows the overlay on tandemdemo.zendesk.com and nothing at all on evil-tenant.zendesk.com serving the same page', async () => {
    const own = await agent.context.newPage();
    await own.goto(FIXTURE_URLS.zendeskTicket);
    await expect.poll(customerName(own), { timeout: 15_000 }).toBe('Jane Doe');
    // The same checks find Tandem where it runs, so finding nothing below means something.
    const ownTraces = await tracesInPage(own);
    expect(ownTraces.addedElements.length).toBeGreaterThan(0);
    expect(await reportedContext(own)).toBe(true);

    const evil = await agent.context.newPage();
    await evil.goto(FIXTURE_URLS.evilTenantTicket);
    await evil.waitForLoadState('load');
    // Give a content script, were one to run, the time the overlay took on the organisation's host.
    await evil.waitForTimeout(1500);
    expect(await tracesInPage(evil)).toEqual({ addedElements: [] });
    expect(overlayFrameNow(evil)).toBeNull();
    expect(await reportedContext(evil)).toBe(false);
    await Promise.all([own.close(), evil.close()]);
  });

  it('refuses a wildcard in the admin’s options page, saying why, and keeps the list', async () => {
    const options = await admin.openExtensionPage('options.html');
    const section = options.getByTestId('tandem-org-hosts');
    await expect.poll(() => section.getByTestId('tandem-org-host').count(), { timeout: 10_000 }).toBe(4);
    await section.getByLabel('CRM host').fill('*.zendesk.com');
    await section.getByRole('button', { name: 'Add host' }).click();
    expect(await section.getByTestId('tandem-org-host-message').textContent()).toMatch(/wildcard/);
    expect(await section.getByTestId('tandem-org-host').count()).toBe(4);
    await options.close();
  });

  it('runs the overlay on a host the admin adds, after the agent’s next sync, without reloading the extension', async () => {
    const before = await agent.context.newPage();
    await before.goto(FIXTURE_URLS.addedTenantTicket);
    await before.waitForLoadState('load');
    expect(overlayFrameNow(before)).toBeNull();
    await before.close();

    const options = await admin.openExtensionPage('options.html');
    const section = options.getByTestId('tandem-org-hosts');
    await section.getByLabel('CRM host').fill(ADDED_HOST);
    await section.getByRole('button', { name: 'Add host' }).click();
    await expect.poll(() => section.getByTestId('tandem-org-host').allTextContents(), { timeout: 10_000 }).toContainEqual(expect.stringContaining(ADDED_HOST));
    await options.close();

    // The server wakes the agent's live stream; the sync that follows registers the new host.
    await expect.poll(() => registeredOrgHosts(agent.worker), { timeout: 30_000 }).toContain(ADDED_HOST);
    const after = await agent.context.newPage();
    await after.goto(FIXTURE_URLS.addedTenantTicket);
    await expect.poll(customerName(after), { timeout: 15_000 }).toBe('Jane Doe');
    await after.close();
  });

  it('takes the overlay off a page already open on a host the admin removes, without a reload', async () => {
    const open = await agent.context.newPage();
    await open.goto(FIXTURE_URLS.addedTenantTicket);
    await expect.poll(customerName(open), { timeout: 15_000 }).toBe('Jane Doe');
    expect(await reportedContext(open)).toBe(true);

    const options = await admin.openExtensionPage('options.html');
    const section = options.getByTestId('tandem-org-hosts');
    await section.getByRole('button', { name: `Remove ${ADDED_HOST}` }).click();
    await expect
      .poll(() => section.getByTestId('tandem-org-host').allTextContents(), { timeout: 10_000 })
      .not.toContainEqual(expect.stringContaining(ADDED_HOST));
    await options.close();

    // After the agent's next sync the open page loses its overlay and the background forgets what it showed.
    await expect.poll(() => overlayFrameNow(open) === null, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => reportedContext(open), { timeout: 5000 }).toBe(false);
    expect(await tracesInPage(open)).toEqual({ addedElements: [] });
    await open.close();
  });

  it('takes the registrations away when the agent signs out', async () => {
    const options = await agent.openExtensionPage('options.html');
    await options.getByRole('button', { name: 'Sign out and clear local data' }).click();
    await options.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => registeredOrgHosts(agent.worker), { timeout: 10_000 }).toEqual([]);
    const page = await agent.context.newPage();
    await page.goto(FIXTURE_URLS.zendeskTicket);
    await page.waitForLoadState('load');
    await page.waitForTimeout(1000);
    expect(overlayFrameNow(page)).toBeNull();
    await Promise.all([page.close(), options.close()]);
  });
});
