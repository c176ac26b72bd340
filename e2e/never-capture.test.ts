// Never-capture sites (docs/privacy.md "Where Tandem never captures"): an admin adds x.com in the manager
// console; the agent's capture buttons leave the X timeline after their next sync (the server wakes their
// live stream), the overlay still reads the page, the background refuses a capture the overlay frame sends from
// that tab, and the buttons (and the frame's capture) come back when the admin removes the site.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { captureButtonCount, waitForCaptureButtons } from './capture-steps';
import { harnessPairForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { overlayFrame } from './overlay-view';

const ADMIN = { email: 'admin@tandem.demo', password: 'tandem-demo' };

const { agent, other: admin } = harnessPairForFile(ADMIN);

/**
 * A capture sent by the overlay frame itself, as its form's Enter would (the background knows the frame's tab, not
 * what the capture says). The post's id starts 7770, a range no fixture or seed uses.
 */
async function captureFromFrame(frame: Frame): Promise<unknown> {
  const capture = {
    site: 'twitter',
    channel: 'twitter',
    visibility: 'public',
    identities: [{ kind: 'twitter', value: 'jane_doe' }],
    authorName: 'Jane Doe',
    text: 'Captured from the frame on a never-capture site',
    url: null,
    externalId: `7770${Date.now()}`,
    postedAt: null,
    pageTitle: null,
    subject: 'Frame capture',
    priority: 'normal',
    tags: [],
  };
  return frame.evaluate(
    (payload) =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        name: 'capture.create',
        payload,
      }),
    { capture },
  );
}

/** The console's capture-privacy section, in the admin's browser. */
async function capturePrivacy(): Promise<Page> {
  const page = await admin.openExtensionPage('manager.html');
  await page.getByRole('button', { name: 'Capture privacy' }).click();
  await page.getByTestId('manager-capture-privacy').waitFor({ timeout: 10_000 });
  return page;
}

describe('never-capture sites', () => {
  it('takes the capture buttons off a site the admin lists, and brings them back when it is removed', async () => {
    const timeline = await agent.context.newPage();
    await timeline.goto(FIXTURE_URLS.xHome);
    await waitForCaptureButtons(timeline, 15_000);
    const buttons = await captureButtonCount(timeline);
    expect(buttons).toBeGreaterThan(0);

    const settings = await capturePrivacy();
    await settings.getByLabel('Site').fill('x.com');
    await settings.getByRole('button', { name: 'Add site' }).click();
    await expect.poll(() => settings.getByTestId('never-capture-site').allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining('x.com')]);

    // The open page loses its buttons after the agent's next sync, without a reload.
    await expect.poll(() => captureButtonCount(timeline), { timeout: 30_000 }).toBe(0);
    // A page loaded now has none either; the overlay still reads it (only capture is off).
    const fresh = await agent.context.newPage();
    await fresh.goto(FIXTURE_URLS.xHome);
    await overlayFrame(fresh, 15_000);
    await fresh.waitForTimeout(1500); // the time the first load took to show its buttons, and more
    expect(await captureButtonCount(fresh)).toBe(0);
    // The frame's own capture is refused by the background too, by the tab's URL, whatever the frame offers.
    const frame = await overlayFrame(fresh);
    expect(await captureFromFrame(frame)).toMatchObject({ ok: false, error: { code: 'never_capture' } });

    await settings.getByRole('button', { name: 'Remove x.com' }).click();
    await expect.poll(() => settings.getByTestId('never-capture-site').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => captureButtonCount(fresh), { timeout: 30_000 }).toBe(buttons);
    // The same capture goes through once the site is off the list.
    expect(await captureFromFrame(frame)).toMatchObject({ ok: true, value: { status: 'created' } });
    await Promise.all([timeline.close(), fresh.close(), settings.close()]);
  });
});
