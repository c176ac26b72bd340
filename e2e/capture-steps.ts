import type { Locator, Page } from 'playwright-core';
import type { Case } from '../lib/schema';
import { overlayFrame } from './overlay-view';
import { serverRecords } from './server-view';

/** Tandem's capture buttons in a page or a part of it (by their accessible name, which says what they do). */
export function captureButtons(scope: Page | Locator): Locator {
  return scope.getByRole('button', { name: / as a case$/ });
}

/**
 * The capture button Tandem put on a post, message or comment (by the item's id on its site). Tandem
 * marks its buttons with an attribute named afresh on each page load, so the name is read off the
 * first button once one is there.
 */
export async function captureButton(page: Page, externalId: string): Promise<Locator> {
  const first = captureButtons(page).first();
  await first.waitFor({ timeout: 10_000 });
  const mark = await first.evaluate((button) => [...button.attributes].find((a) => a.name.startsWith('data-') && a.name !== 'data-captured')?.name);
  if (!mark) throw new Error('A capture button without its item mark');
  return page.locator(`button[${mark}="${externalId}"]`);
}

/** Clicks an item's own capture button and accepts the prefilled form with Enter, as an agent in a hurry would. */
export async function captureItem(page: Page, externalId: string) {
  await (await captureButton(page, externalId)).click();
  const frame = await overlayFrame(page);
  const form = frame.getByTestId('tandem-capture-form');
  await form.waitFor();
  await form.getByLabel('Subject').press('Enter');
  const result = frame.getByTestId('tandem-capture-result');
  await result.waitFor({ timeout: 10_000 });
  return result;
}

/** The server's cases captured from this item (any site unless one is given), read past the extension. */
export async function casesOnServer(
  serverUrl: string,
  source: { externalId: string; site?: string },
  account?: { email: string; password: string },
): Promise<Case[]> {
  return (await serverRecords(serverUrl, account)).flatMap((c) =>
    c.entity === 'cases' && c.record.source.externalId === source.externalId && (!source.site || c.record.source.site === source.site) ? [c.record] : [],
  );
}
