import type { Page } from 'playwright-core';
import type { Case } from '../lib/schema';
import { serverRecords } from './server-view';

/** The capture button Tandem put on a post, message or comment (by the item's id on its site). */
export function captureButton(page: Page, externalId: string) {
  return page.locator(`button[data-tandem-capture="${externalId}"]`);
}

/** Clicks an item's own capture button and accepts the prefilled form with Enter, as an agent in a hurry would. */
export async function captureItem(page: Page, externalId: string) {
  await captureButton(page, externalId).click();
  const form = page.getByTestId('tandem-capture-form');
  await form.waitFor();
  await form.getByLabel('Subject').press('Enter');
  const result = page.getByTestId('tandem-capture-result');
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
