import type { Frame, Locator, Page } from 'playwright-core';

/** The overlay's page inside its iframe: an extension URL (whatever its origin), always this path. */
const FRAME_URL = /^chrome-extension:\/\/[^/]+\/overlay-frame\.html/;

/**
 * The overlay frame on this page, or null. The iframe element sits in a closed shadow root that no
 * selector reaches (page scripts cannot either), but the browser lists it among the page's frames.
 */
export function overlayFrameNow(page: Page): Frame | null {
  return page.frames().find((f) => !f.isDetached() && FRAME_URL.test(f.url())) ?? null;
}

/** Waits for the overlay frame on this page. */
export async function overlayFrame(page: Page, timeout = 10_000): Promise<Frame> {
  const until = Date.now() + timeout;
  for (;;) {
    const frame = overlayFrameNow(page);
    if (frame) return frame;
    if (Date.now() > until) throw new Error(`No overlay frame on ${page.url()} after ${timeout} ms`);
    await page.waitForTimeout(50);
  }
}

/** The overlay card inside its frame. */
export async function overlayOf(page: Page, timeout = 10_000): Promise<Locator> {
  return (await overlayFrame(page, timeout)).getByTestId('tandem-overlay');
}

/** Something inside the overlay, by test id; null while there is no frame (for expect.poll). */
async function overlayText(page: Page, testId: string): Promise<string | null> {
  const frame = overlayFrameNow(page);
  if (!frame) return null;
  return frame
    .getByTestId('tandem-overlay')
    .getByTestId(testId)
    .textContent({ timeout: 1000 })
    .catch(() => null);
}

/** A poller for the overlay's customer name: null while the overlay shows none (for expect.poll). */
export function customerName(page: Page) {
  return () => overlayText(page, 'tandem-customer-name');
}

/** A poller for the overlay's headline: the matched customer's name, the unknown person's, or "No customer in view". */
export function overlayTitle(page: Page) {
  return () => overlayText(page, 'tandem-overlay-title');
}

/** A poller for whether the overlay shows the person on the page as unknown to Tandem (for expect.poll). */
export function unknownShown(page: Page) {
  return async () => (await overlayText(page, 'tandem-unknown')) !== null;
}
