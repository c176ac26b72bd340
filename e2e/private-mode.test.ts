// Private mode (docs/privacy.md "Private mode"): the agent turns it on for one tab from the popup, with
// the keyboard; Tandem's overlay and capture buttons leave that tab at once, nothing the tab shows reaches
// the background (no context report is stored for it, across navigations), another tab is unaffected,
// and turning it off brings the overlay back without a reload.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { captureButtonCount, waitForCaptureButtons } from './capture-steps';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { customerName, overlayFrameNow } from './overlay-view';

const h = harnessForFile();

/** What the background holds under a key of its session storage (tab contexts, private mode). */
function sessionValue(key: string): Promise<unknown> {
  return h.worker.evaluate(async (k) => {
    type Session = { storage: { session: { get(key: string): Promise<Record<string, unknown>> } } };
    return (await (globalThis as unknown as { chrome: Session }).chrome.storage.session.get(k))[k];
  }, key);
}

/** Whether the background stored a context report from this tab (it does for every page the content script reads). */
async function reportedContext(page: Page): Promise<boolean> {
  return (await sessionValue(`tabContext:${await h.tabIdOf(page)}`)) !== undefined;
}

describe('private mode for one tab', () => {
  it('stops all page reading in that tab until turned off, and leaves another tab alone', async () => {
    const privateTab = await h.context.newPage();
    await privateTab.goto(FIXTURE_URLS.tweet);
    await expect.poll(customerName(privateTab), { timeout: 15_000 }).toBe('Jane Doe');
    const otherTab = await h.context.newPage();
    await otherTab.goto(FIXTURE_URLS.xHome);
    await waitForCaptureButtons(otherTab, 15_000);
    const tabId = await h.tabIdOf(privateTab);

    // The popup, for that tab, operated with the keyboard alone.
    const popup = await h.openExtensionPage(`popup.html?tab=${tabId}`);
    const toggle = popup.getByRole('switch', { name: 'Private mode for this tab' });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await toggle.focus();
    await popup.keyboard.press('Space');
    await expect.poll(() => sessionValue(`privateMode:${tabId}`), { timeout: 5000 }).toBe(true);
    expect(await toggle.isChecked()).toBe(true);

    // The overlay leaves the tab at once, and what the tab reported is forgotten.
    await expect.poll(() => overlayFrameNow(privateTab), { timeout: 5000 }).toBeNull();
    expect(await reportedContext(privateTab)).toBe(false);

    // Pages opened in the tab later are not read either: no overlay, no capture button, no report.
    await privateTab.goto(FIXTURE_URLS.xHome);
    await privateTab.waitForLoadState('load');
    await privateTab.waitForTimeout(1500); // the time the other tab took to show its buttons, and more
    expect(overlayFrameNow(privateTab)).toBeNull();
    expect(await captureButtonCount(privateTab)).toBe(0);
    expect(await reportedContext(privateTab)).toBe(false);

    // The other tab goes on as before, on a new page too.
    await otherTab.goto(FIXTURE_URLS.tweet);
    await expect.poll(customerName(otherTab), { timeout: 15_000 }).toBe('Jane Doe');
    expect(await reportedContext(otherTab)).toBe(true);

    // Off again: the tab's overlay comes back without a reload.
    await toggle.focus();
    await popup.keyboard.press('Space');
    await expect.poll(() => sessionValue(`privateMode:${tabId}`), { timeout: 5000 }).toBeUndefined();
    await waitForCaptureButtons(privateTab, 15_000);
    await expect.poll(() => reportedContext(privateTab), { timeout: 10_000 }).toBe(true);
    await popup.close();

    // On again, then the tab closes: private mode goes with it.
    await h.openExtensionPage(`popup.html?tab=${tabId}`).then(async (again) => {
      await again.getByRole('switch', { name: 'Private mode for this tab' }).check();
      await expect.poll(() => sessionValue(`privateMode:${tabId}`), { timeout: 5000 }).toBe(true);
      await again.close();
    });
    await privateTab.close();
    await expect.poll(() => sessionValue(`privateMode:${tabId}`), { timeout: 5000 }).toBeUndefined();
    await otherTab.close();
  });
});
