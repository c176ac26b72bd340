// Each fixture site, driven in Chromium with the built extension: the right customer appears in the
// overlay, in-site navigation (pushState, hash change) updates it without a reload, and nothing is
// injected where Tandem is off (a site disabled in the options page, an unsupported site).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { customerName, overlayFrameNow, overlayOf, overlayTitle } from './overlay-view';

const BILLING_AGENT = { email: 'billing@tandem.demo', password: 'tandem-demo' };
const WAIT = { timeout: 10_000 };

const h = harnessForFile();

async function open(url: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(url);
  return page;
}

/** Marks the window so a test can prove a navigation did not reload the page. */
async function markNoReload(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  return () => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
}

describe('X', () => {
  it('shows the author of a single tweet', async () => {
    const page = await open(FIXTURE_URLS.tweet);
    await expect.poll(customerName(page), WAIT).toBe('Jane Doe');
    expect(await (await overlayOf(page)).getByTestId('tandem-customer-tier').textContent()).toBe('gold');
    await page.close();
  });

  it('shows nobody on the home timeline, then the author after opening a tweet in-app', async () => {
    const page = await open(FIXTURE_URLS.xHome);
    await expect.poll(overlayTitle(page), WAIT).toBe('No customer in view');
    expect(await (await overlayOf(page)).getByTestId('tandem-customer-name').count()).toBe(0);
    const sameDocument = await markNoReload(page);
    await page.locator('a[data-spa-link][href="/jane_doe/status/1861234567890123456"]').click();
    await expect.poll(customerName(page), WAIT).toBe('Jane Doe');
    expect(await sameDocument()).toBe(true);
    await page.close();
  });
});

describe('answering in public', () => {
  it('warns, without blocking typing, when the public reply box gets focus and the customer has private matters', async () => {
    const page = await open(FIXTURE_URLS.tweet);
    await expect.poll(customerName(page), WAIT).toBe('Jane Doe');
    const warning = (await overlayOf(page)).getByTestId('tandem-public-warning');
    expect(await warning.count()).toBe(0);
    const box = page.locator('[data-testid="tweetTextarea_0"]');
    await box.click();
    await warning.waitFor(WAIT);
    expect(await warning.textContent()).toContain('Unexpected roaming charge on my November bill');
    // The focus stays in the page's editor and typing goes on.
    await page.keyboard.type('Hi Jane');
    const send = page.locator('[data-testid="tweetButtonInline"]');
    expect(await send.getAttribute('aria-disabled')).toBe('false');
    await send.dispatchEvent('click'); // the overlay may sit over the button in a small test viewport
    await expect.poll(() => page.evaluate(() => document.body.getAttribute('data-last-sent'))).toBe('Hi Jane');
    // Leaving the reply box hides it.
    await page.locator('main h2').first().click();
    await expect.poll(() => warning.count(), WAIT).toBe(0);
    await page.close();
  });

  it('warns in the Facebook comment box for a commenter who has messaged privately', async () => {
    const page = await open(FIXTURE_URLS.facebookPost);
    await expect.poll(customerName(page), WAIT).toBe('Tom Becker');
    await page.locator('[data-lexical-editor="true"]').first().click();
    const warning = (await overlayOf(page)).getByTestId('tandem-public-warning');
    await warning.waitFor(WAIT);
    expect(await warning.textContent()).toContain('private message');
    await page.close();
  });

  it('does not warn in a private channel (a Zendesk ticket)', async () => {
    const page = await open(FIXTURE_URLS.zendeskTicket);
    await expect.poll(customerName(page), WAIT).toBe('Jane Doe');
    await page.locator('.ck-editor__editable[contenteditable="true"]').first().click();
    await page.waitForTimeout(300);
    expect(await (await overlayOf(page)).getByTestId('tandem-public-warning').count()).toBe(0);
    await page.close();
  });
});

describe('Facebook', () => {
  it('shows the author of the first comment on a post', async () => {
    const page = await open(FIXTURE_URLS.facebookPost);
    await expect.poll(customerName(page), WAIT).toBe('Tom Becker');
    await page.close();
  });
});

describe('Salesforce Lightning', () => {
  it('shows the contact, then the case contact after in-app navigation, ignoring the hidden console tab', async () => {
    const page = await open(FIXTURE_URLS.salesforceContact);
    await expect.poll(customerName(page), WAIT).toBe('Marcus Chen');
    expect(await (await overlayOf(page)).getByTestId('tandem-customer-tier').textContent()).toBe('platinum');
    const sameDocument = await markNoReload(page);
    await page.locator('a[data-spa-link][href="/lightning/r/Case/500Hs00000XyZ12AAB/view"]').first().click();
    await expect.poll(() => page.evaluate(() => location.pathname), WAIT).toContain('/Case/');
    await expect.poll(customerName(page), WAIT).toBe('Marcus Chen');
    expect(await sameDocument()).toBe(true);
    await page.close();
  });

  it('shows the case contact when the case is opened directly', async () => {
    const page = await open(FIXTURE_URLS.salesforceCase);
    await expect.poll(customerName(page), WAIT).toBe('Marcus Chen');
    await page.close();
  });
});

describe('Zendesk', () => {
  it('follows a switch of ticket tab from a known to an unknown requester without a reload', async () => {
    const page = await open(FIXTURE_URLS.zendeskTicket);
    await expect.poll(customerName(page), WAIT).toBe('Jane Doe');
    const sameDocument = await markNoReload(page);
    await page.locator('[data-test-id="header-tab"] a[href="/agent/tickets/4522"]').click();
    const overlay = await overlayOf(page);
    await overlay.getByTestId('tandem-unknown').waitFor(WAIT);
    expect(await overlay.getByTestId('tandem-unknown').textContent()).toContain('sam.unknown@example.com');
    expect(await sameDocument()).toBe(true);
    // And back: the known requester again.
    await page.locator('[data-test-id="header-tab"] a[href="/agent/tickets/4521"]').click();
    await expect.poll(customerName(page), WAIT).toBe('Jane Doe');
    await page.close();
  });
});

describe('HubSpot', () => {
  it('shows the contact record', async () => {
    const page = await open(FIXTURE_URLS.hubspotContact);
    await expect.poll(customerName(page), WAIT).toBe('Priya Raman');
    await page.close();
  });
});

describe('Gmail', () => {
  it('shows the sender of the open thread and follows a switch of thread (hash routing)', async () => {
    const page = await open(FIXTURE_URLS.gmailInbox);
    await expect.poll(overlayTitle(page), WAIT).toBe('No customer in view');
    const sameDocument = await markNoReload(page);
    await page.locator('a[href="#inbox/FMfcgzQXJWDsKmvPqRvGzz"]').click();
    await expect.poll(customerName(page), WAIT).toBe('Lena Vogel');
    await page.evaluate((hash) => (location.hash = hash), new URL(FIXTURE_URLS.gmailThread2).hash);
    await expect.poll(customerName(page), WAIT).toBe('Priya Raman');
    expect(await sameDocument()).toBe(true);
    await page.close();
  });
});

describe('Freshdesk', () => {
  it('shows the ticket requester', async () => {
    const page = await open(FIXTURE_URLS.freshdeskTicket);
    await expect.poll(customerName(page), WAIT).toBe('Tom Becker');
    await page.close();
  });
});

describe('sites Tandem is off on', () => {
  it('injects nothing on a site disabled in the options page, and comes back when it is enabled again', async () => {
    const open4521 = await open(FIXTURE_URLS.zendeskTicket);
    await expect.poll(customerName(open4521), WAIT).toBe('Jane Doe');
    const options = await h.openExtensionPage('options.html');
    const zendeskBox = options.getByRole('checkbox', { name: 'Zendesk' });
    await zendeskBox.uncheck();
    await expect.poll(() => zendeskBox.isChecked()).toBe(false);
    // A page already showing the overlay drops it without a reload.
    await expect.poll(() => overlayFrameNow(open4521), WAIT).toBeNull();
    await open4521.close();

    const page = await open(FIXTURE_URLS.zendeskTicket);
    await page.waitForLoadState('load');
    await page.waitForTimeout(1000);
    expect(overlayFrameNow(page)).toBeNull();
    // Other sites are unaffected.
    const other = await open(FIXTURE_URLS.hubspotContact);
    await expect.poll(customerName(other), WAIT).toBe('Priya Raman');
    await other.close();

    await zendeskBox.check();
    await page.reload();
    await expect.poll(customerName(page), WAIT).toBe('Jane Doe');
    await page.close();
    await options.close();
  });

  it('injects nothing on an unsupported site', async () => {
    const page = await open(FIXTURE_URLS.unsupported);
    await page.waitForLoadState('load');
    await page.waitForTimeout(1000);
    expect(overlayFrameNow(page)).toBeNull();
    await page.close();
  });
});

describe('Dynamics 365 (billing team)', () => {
  it('shows the contact record to the billing agent, whose team owns the customer', async () => {
    const options = await h.openExtensionPage('options.html');
    await options.getByRole('button', { name: 'Sign out and clear local data' }).click();
    await options.getByLabel('Password').waitFor(WAIT);
    await options.close();
    await h.signIn(BILLING_AGENT);
    const page = await open(FIXTURE_URLS.dynamicsContact);
    await expect.poll(customerName(page), WAIT).toBe('Olu Adeyemi');
    await page.close();
  });
});
