// Keyboard only: the agent reaches the overlay with Tab from the site, acts in it with Enter and
// Escape, and Tab leaves the site's reply box as the site intends (Tandem traps no focus). Every key
// is a real key press in Chromium; no click anywhere. The queue's keys are driven in e2e/queue.test.ts.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { overlayFrame } from './overlay-view';
import { serverRecords } from './server-view';

const h = harnessForFile();
const WAIT = { timeout: 15_000 };

/** The test id of what has the focus inside the frame, or null while the focus is elsewhere. */
const focusedInFrame = (frame: Frame) =>
  frame.evaluate(() => (document.hasFocus() ? (document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null) : null));

/** Presses Tab until the focus is on the frame's control with this test id. */
async function tabTo(page: Page, frame: Frame, testId: string, most = 80): Promise<void> {
  for (let i = 0; i < most; i++) {
    if ((await focusedInFrame(frame)) === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId} in the overlay`);
}

describe('the overlay by keyboard alone', () => {
  it('creates the contact for an unknown requester: Tab from the page to the button, Enter', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.zendeskUnknown);
    const frame = await overlayFrame(page);
    await frame.getByTestId('tandem-create-contact').waitFor(WAIT);
    await tabTo(page, frame, 'tandem-create-contact');
    await page.keyboard.press('Enter');
    await frame.getByTestId('tandem-customer-name').waitFor(WAIT);
    expect(await frame.getByTestId('tandem-customer-name').textContent()).toBe('Sam Unknown');
    await expect
      .poll(async () => (await serverRecords(h.directServerUrl)).some((r) => r.entity === 'customers' && r.record.name === 'Sam Unknown'), WAIT)
      .toBe(true);
    await page.close();
  });

  it('inserts a suggestion into the reply box with Enter, and Escape folds the overlay', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.hubspotContact);
    const frame = await overlayFrame(page);
    await frame.getByTestId('tandem-insert').first().waitFor(WAIT);
    await tabTo(page, frame, 'tandem-insert');
    await page.keyboard.press('Enter');
    await frame.getByTestId('tandem-insert-notice').waitFor(WAIT);
    await expect.poll(() => page.locator('textarea').first().inputValue(), WAIT).not.toBe('');

    await tabTo(page, frame, 'tandem-insert');
    await page.keyboard.press('Escape');
    await expect.poll(() => frame.getByRole('button', { name: 'Expand Tandem' }).count(), WAIT).toBe(1);
    await page.close();
  });

  it('lets Tab leave the site’s reply box for the site’s next control', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.tweet);
    const frame = await overlayFrame(page);
    await frame.getByTestId('tandem-customer-name').waitFor(WAIT);
    const box = page.locator('[data-testid="tweetTextarea_0"]');
    // To the reply box by keys only.
    for (let i = 0; i < 80 && !(await box.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))); i++)
      await page.keyboard.press('Tab');
    await page.keyboard.type('Hi Jane');
    await page.keyboard.press('Tab');
    expect(await box.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))).toBe(false);
    expect(await focusedInFrame(frame)).toBeNull();
    await page.close();
  });
});
