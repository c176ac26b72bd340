// What the knowledge e2e files read and do on the overlay's suggestions: words shown on the fixture tweet, the
// suggestions the overlay answers for them, and a sync on demand.
import type { Page } from 'playwright-core';
import type { Harness } from './harness';
import { overlayFrame } from './overlay-view';
import { serverToken } from './server-view';

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

/**
 * Three articles that match "My Quillpad notes are gone…" alike by their words (the lexical ranker puts the shorter,
 * the colour one, first) while the encoder knows "gone, get them back" is the trash. Words the demo's telecom articles
 * do not use, so no other article competes. Chosen with the Node encoder, which the server runs. Used by
 * e2e/knowledge-review.test.ts ("suggestions by meaning") and bench/knowledge/semantic-wired.ts.
 */
export const MEANING_ARTICLES = [
  { id: 'sem-colour', title: 'Quillpad: sort notes by colour', body: 'Tap the palette icon to sort Quillpad notes by their colour.' },
  {
    id: 'sem-trash',
    title: 'Quillpad: restore notes from the trash',
    body: 'Removed Quillpad notes stay in the trash for thirty days; open the trash and choose Restore.',
  },
  { id: 'sem-share', title: 'Quillpad: share a sketch with a colleague', body: 'Open the sketch, choose Share and type the email address of a colleague.' },
];

/** Publishes MEANING_ARTICLES as the demo admin, after archiving the seed's outage (it pins its reply on every page). */
export async function publishMeaningArticles(serverUrl: string): Promise<void> {
  const token = await serverToken(serverUrl, { email: 'admin@tandem.demo', password: 'tandem-demo' });
  const call = async (path: string, body: unknown) => {
    const res = await fetch(`${serverUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  };
  await call('/manager/broadcasts/bc-berlin-outage/archive', { baseVersion: 1 });
  for (const a of MEANING_ARTICLES) {
    await call('/manager/articles', { ...a, url: null, tags: [], language: 'en', targeting: {} });
    await call(`/manager/articles/${a.id}/publish`, { baseVersion: 1 });
  }
}
