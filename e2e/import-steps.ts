// Steps shared by the import end-to-end files (customer-import, history-import): where the samples are, and how a
// fixture page showing an imported person is opened and waited on until this browser's sync brings the import.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { openVariant } from '../bench/recognition/walk';
import type { SiteName } from '../lib/schema/site-catalog';
import type { Harness } from './harness';
import { customerName } from './overlay-view';

/** A file of e2e/import-samples/ (README there names the vendor documentation each follows). */
export const samplePath = (name: string) => new URL(`./import-samples/${name}`, import.meta.url).pathname;

/** A fixture page at its real address; a file other than index.html is served in the site's place. */
export interface FixturePage {
  site: SiteName;
  folder: string;
  file: string;
  url: string;
}

/** The Freshdesk ticket 88401 of freshdesk-tickets.csv, raised by Hana Sato of freshdesk-contacts.csv. */
export const HANA_TICKET_PAGE: FixturePage = {
  site: 'freshdesk',
  folder: 'freshdesk',
  file: 'imported-hana.html',
  url: 'https://tandemdemo.freshdesk.com/a/tickets/88401',
};

export function openFixturePage(h: Harness, page: FixturePage, person: string): Promise<Page> {
  return openVariant(h, { ...page, arrangement: 'a person of an import sample', expect: { customer: person } });
}

/**
 * Reloads the page until the overlay names the person: an import reaches this browser's cache through its next
 * sync, and a page read before that sync shows them as unknown until it is read again.
 */
export async function recognisedAfterSync(page: Page, person: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.reload();
        await expect
          .poll(customerName(page), { timeout: 5_000 })
          .toBe(person)
          .catch(() => undefined);
        return customerName(page)();
      },
      { timeout: 40_000, interval: 0 },
    )
    .toBe(person);
}
