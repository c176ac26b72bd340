// The page is hostile (docs/security.md): its scripts share the overlay's DOM and can click Tandem's
// controls, submit its form, dispatch keys and plant identities. Driven in Chromium with the built
// extension against the fixture sites, checked on the server past the extension.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { captureButton, casesOnServer } from './capture-steps';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { serverRecords } from './server-view';

const h = harnessForFile();
const WAIT = { timeout: 10_000 };
/** Long enough for a write the page forced to show in the overlay (it shows local writes at once). */
const SETTLE_MS = 1500;

/** What a page script does to an element it found (through the open shadow root or in its own DOM): runs in the page's world. */
function pageScript(target: Locator, action: (el: HTMLElement) => void): Promise<void> {
  return target.evaluate(action);
}

const serverCustomersWith = async (email: string) =>
  (await serverRecords(h.directServerUrl)).filter((c) => c.entity === 'customers' && c.record.identities.some((i) => i.value === email));

async function open(url: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(url);
  return page;
}

describe('a page script clicking Tandem’s controls', () => {
  it('does not create a contact', async () => {
    const page = await open(FIXTURE_URLS.zendeskUnknown);
    const overlay = page.getByTestId('tandem-overlay');
    const create = overlay.getByTestId('tandem-create-contact');
    await create.waitFor(WAIT);
    await pageScript(create, (button) => {
      button.click();
      button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    await page.waitForTimeout(SETTLE_MS);
    expect(await overlay.getByTestId('tandem-unknown').count()).toBe(1);
    expect(await serverCustomersWith('sam.unknown@example.com')).toEqual([]);
    await page.close();
  });

  it('does not open the capture form, nor submit it with its own text, and the agent’s Enter still captures', async () => {
    const TWEET = '1861200000000000001';
    const page = await open(FIXTURE_URLS.xHome);
    const button = await captureButton(page, TWEET);
    const form = page.getByTestId('tandem-capture-form');
    await pageScript(button, (b) => b.click());
    await page.waitForTimeout(SETTLE_MS);
    expect(await form.count()).toBe(0);

    await button.click();
    await form.waitFor();
    const subject = form.getByLabel('Subject');
    const prefilled = await subject.inputValue();
    await pageScript(form, (f) => {
      const field = f.querySelector<HTMLInputElement>('input[name="subject"]')!;
      field.value = 'Chosen by the page';
      field.dispatchEvent(new InputEvent('input', { bubbles: true }));
      field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      f.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      (f as HTMLFormElement).requestSubmit();
    });
    await page.waitForTimeout(SETTLE_MS);
    expect(await page.getByTestId('tandem-capture-result').count()).toBe(0);
    expect(await casesOnServer(h.directServerUrl, { externalId: TWEET })).toEqual([]);

    // The agent's own Enter captures, with the subject the agent saw, not the page's.
    await subject.fill(prefilled);
    await subject.press('Enter');
    await page.getByTestId('tandem-capture-result').waitFor(WAIT);
    await expect.poll(() => casesOnServer(h.directServerUrl, { externalId: TWEET }), { timeout: 15_000 }).toHaveLength(1);
    expect((await casesOnServer(h.directServerUrl, { externalId: TWEET }))[0]?.subject).toBe(prefilled);
    await page.close();
  });
});

describe('a page planting identities', () => {
  it('gets five people looked up a minute, then “pick one” and nothing readable', async () => {
    const page = await open(FIXTURE_URLS.zendeskUnknown);
    const overlay = page.getByTestId('tandem-overlay');
    await overlay.getByTestId('tandem-unknown').waitFor(WAIT);
    // The page rewrites its requester field, as a script on it can.
    const plant = (email: string) => page.locator('[data-test-id="requester-input"] span').evaluate((span, e) => void (span.textContent = `<${e}>`), email);
    // Sam (the page's own requester) is the first person; four more fill the tab's budget.
    for (let i = 1; i <= 4; i++) {
      await plant(`planted${i}@example.com`);
      await expect.poll(() => overlay.getByTestId('tandem-unknown').textContent(), WAIT).toContain(`planted${i}@example.com`);
    }
    // The sixth person, a real customer: not looked up, so the page reads nothing about her.
    await plant('jane.doe@example.com');
    await overlay.getByTestId('tandem-busy').waitFor(WAIT);
    expect(await overlay.getByTestId('tandem-busy').textContent()).toContain('This page shows many people; pick one.');
    expect(await page.getByText('Jane Doe').count()).toBe(0);
    expect(await overlay.getByTestId('tandem-customer-tier').count()).toBe(0);
    await page.close();
  });
});

describe('a page looking for Tandem', () => {
  it('finds no tandem element name or attribute in its DOM, and other names on every load', async () => {
    const page = await open(FIXTURE_URLS.xHome);
    await page.getByTestId('tandem-overlay').waitFor(WAIT);
    await captureButton(page, '1861200000000000001');
    // What a page script sees walking its own DOM (not into the overlay's shadow root).
    const lightDom = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('*')]
          .flatMap((el) => [el.tagName.toLowerCase(), ...[...el.attributes].map((a) => a.name)])
          .filter((n) => n.includes('tandem')),
      );
    const hostName = () => page.getByTestId('tandem-overlay').evaluate((overlay) => (overlay.getRootNode() as ShadowRoot).host.tagName);
    expect(await lightDom()).toEqual([]);
    const first = await hostName();
    await page.reload();
    await page.getByTestId('tandem-overlay').waitFor(WAIT);
    expect(await lightDom()).toEqual([]);
    expect(await hostName()).not.toBe(first);
    await page.close();
  });
});
