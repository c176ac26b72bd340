// What the knowledge e2e files read and do on the overlay's suggestions: words shown on the fixture tweet, the
// suggestions the overlay answers for them, and a sync on demand.
import type { Page } from 'playwright-core';
import type { Harness } from './harness';
import { overlayFrame } from './overlay-view';

/** Puts these words in every tweet on the page (the focal one's quote removed): a page about anything, from the one fixture. */
export async function showTweet(page: Page, text: string): Promise<void> {
  await page.evaluate((words) => {
    for (const quote of document.querySelectorAll('.r-quote')) quote.remove();
    for (const el of document.querySelectorAll('[data-testid="tweetText"]')) el.textContent = words;
  }, text);
}

/** The overlay's suggestions as "id: text" per row, or the quiet line as "quiet". */
export async function shownOn(page: Page): Promise<string[]> {
  const frame = await overlayFrame(page);
  if (await frame.getByTestId('tandem-suggestions-quiet').isVisible()) return ['quiet'];
  return frame.getByTestId('tandem-suggestion').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-id')}: ${r.textContent}`));
}

/** Loads the page, waits for the overlay's answer to its own words, then shows these words instead. */
export async function openSaying(page: Page, url: string, words: string): Promise<void> {
  await page.goto(url);
  const frame = await overlayFrame(page);
  await frame.getByTestId('tandem-suggestion').first().waitFor({ timeout: 10_000 });
  await showTweet(page, words);
}

/** Asks the background for a sync now (as the popup's button does). */
export async function syncNow(agent: Harness): Promise<void> {
  const popup = await agent.openExtensionPage('popup.html');
  await popup.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
      name: 'sync.now',
      payload: {},
    }),
  );
  await popup.close();
}
