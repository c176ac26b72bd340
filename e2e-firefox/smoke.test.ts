// The Firefox smoke run: one Firefox ESR with the built MV2 add-on, one server, the fixture sites; the steps an agent
// takes on day one, in order (each `it` builds on the one before). docs/testing.md, "Firefox".
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casesOnServer } from '../e2e/capture-steps';
import { FIXTURE_URLS } from '../e2e/fixture-server';
import { type FirefoxHarness, startFirefoxHarness } from './harness';

let h: FirefoxHarness;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

beforeAll(async () => {
  // A server that embeds articles (newest first, within seconds), for the last step's suggestions by meaning.
  h = await startFirefoxHarness({ embeddings: true, embedEveryMs: 1000 });
  console.log(`firefox: server, fixtures and Firefox with the add-on up at ${elapsed()}`);
});
afterAll(async () => {
  await h?.close();
  console.log(`firefox: whole run ${elapsed()}`);
});

/** Text of the first element with this test id inside the overlay's frame, or null. */
const textIn = (frame: Frame, testId: string) =>
  frame.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null, testId).catch(() => null);

describe('Tandem in Firefox ESR', () => {
  it('signs in from the options page and finishes the first sync', async () => {
    await h.signIn();
    console.log(`firefox: signed in and first sync done at ${elapsed()}`);
  });

  it('names the customer on a Zendesk ticket and suggests articles', async () => {
    const page = await h.browser.newPage();
    await page.goto(FIXTURE_URLS.zendeskTicket);
    // Zendesk is a tenant site: the overlay runs on the organisation's host only once the first sync registered it.
    const frame = await h.overlayFrame(page, 20_000);
    await expect.poll(() => textIn(frame, 'tandem-customer-name'), { timeout: 20_000 }).toBe('Jane Doe');
    await expect
      .poll(() => frame.evaluate(() => document.querySelectorAll('[data-testid="tandem-suggestion"]').length), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await page.close();
  });

  let caseId: string | null = null;

  it('captures a tweet with one click and delivers it to the server', async () => {
    const page = await h.browser.newPage();
    await page.goto(FIXTURE_URLS.xHome);
    // Tandem marks its buttons with an attribute named afresh on each load (e2e/capture-steps.ts): read it off the first.
    const first = await page.waitForSelector('::-p-xpath(//button[substring(@aria-label, string-length(@aria-label) - 9) = " as a case"])', {
      timeout: 15_000,
    });
    const mark = await first!.evaluate((b) => [...b.attributes].find((a) => a.name.startsWith('data-') && a.name !== 'data-captured')?.name);
    const button = await page.waitForSelector(`button[${mark}="1861200000000000001"]`);
    await button!.click();
    const frame = await h.overlayFrame(page);
    const subject = await frame.waitForSelector('[data-testid="tandem-capture-form"] input', { timeout: 10_000 });
    await subject!.press('Enter');
    const result = await frame.waitForSelector('[data-testid="tandem-capture-result"]', { timeout: 10_000 });
    expect(await result!.evaluate((el) => el.textContent)).toContain('Priya Raman');
    caseId = await result!.evaluate((el) => el.getAttribute('data-case-id'));
    expect(caseId).toBeTruthy();
    await expect.poll(() => casesOnServer(h.serverUrl, { externalId: '1861200000000000001' }), { timeout: 20_000 }).toHaveLength(1);
    const [onServer] = await casesOnServer(h.serverUrl, { externalId: '1861200000000000001' });
    expect(onServer).toMatchObject({ id: caseId, customerId: 'cust-priya-raman', channel: 'twitter' });
    await page.close();
  });

  it('lists the captured case in the side panel (the sidebar_action page, opened in a tab)', async () => {
    const panel = await h.openExtensionPage('sidepanel.html');
    await panel.waitForSelector(`[data-testid="tandem-recent-case"][data-case-id="${caseId}"]`, { timeout: 10_000 });
    await panel.close();
  });
});
