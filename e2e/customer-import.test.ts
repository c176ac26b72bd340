// Customer import end to end: a manager imports each sample CRM export (built from the vendors' documented export
// fields, e2e/import-samples) through the console of the built extension; the person of that export whom the
// vendor's fixture page shows — unknown to Tandem before (no demo customer holds their identities:
// lib/customer-import/fixture-pages.test.ts) — is then recognised there, and importing every file again changes nothing.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { type FixturePage, HANA_TICKET_PAGE, openFixturePage, recognisedAfterSync, samplePath } from './import-steps';
import { overlayFrameNow, unknownShown } from './overlay-view';

/**
 * Each sample, the format the console detects, how many customers it holds, what its first import does, and the
 * fixture page showing one of its people.
 */
const SAMPLES = [
  {
    name: 'zendesk-users.ndjson',
    firstImport: '2 created · 0 updated · 0 unchanged',
    format: 'zendesk-users',
    customers: 2,
    page: { site: 'zendesk', folder: 'zendesk', file: 'index.html', url: FIXTURE_URLS.zendeskUnknown },
    person: 'Sam Unknown',
  },
  {
    name: 'hubspot-contacts.csv',
    // Jane Doe and the demo customer holding (415) 555-0142 are updated (upsert by identity); Tomás and nobody else is new.
    firstImport: '1 created · 2 updated · 0 unchanged',
    format: 'hubspot-contacts',
    customers: 3,
    page: { site: 'hubspot', folder: 'hubspot', file: 'imported-tomas.html', url: 'https://app.hubspot.com/contacts/4242/record/0-1/62001' },
    person: 'Tomás Ferreira',
  },
  {
    name: 'salesforce-contacts.csv',
    firstImport: '2 created · 0 updated · 0 unchanged',
    format: 'salesforce-contacts',
    customers: 2,
    page: {
      site: 'salesforce',
      folder: 'salesforce',
      file: 'imported-greta.html',
      url: 'https://tandemdemo.lightning.force.com/lightning/r/Contact/003Hs00001XyZ01AAA/view',
    },
    person: 'Greta Lindqvist',
  },
  {
    name: 'freshdesk-contacts.csv',
    firstImport: '2 created · 0 updated · 0 unchanged',
    format: 'freshdesk-contacts',
    customers: 2,
    page: HANA_TICKET_PAGE,
    person: 'Hana Sato',
  },
] satisfies { name: string; firstImport: string; format: string; customers: number; page: FixturePage; person: string }[];

const h = harnessForFile({ account: { email: 'manager@tandem.demo', password: 'tandem-demo' } });
let console_: Page;

beforeAll(async () => {
  console_ = await h.openExtensionPage('manager.html');
  await console_.getByRole('button', { name: 'Import customers' }).click();
  await console_.getByTestId('customer-import-team').selectOption('team-care');
});

/** Imports the sample and waits for its report to say `counts` (the run hides the last run's report, then shows its own). */
async function importFile(name: string, counts: string): Promise<string> {
  await console_.getByTestId('customer-import-file').setInputFiles(samplePath(name));
  await console_.getByTestId('customer-import-start').click();
  const report = console_.getByTestId('customer-import-report');
  const text = async () => ((await report.count()) > 0 ? ((await report.textContent()) ?? '') : '');
  await expect.poll(text, { timeout: 20_000 }).toContain(counts);
  return text();
}

/** The overlay's tier badge; null while there is no frame or no customer. */
function customerTier(page: Page) {
  return async () =>
    (await overlayFrameNow(page)
      ?.getByTestId('tandem-overlay')
      .getByTestId('tandem-customer-tier')
      .textContent({ timeout: 1000 })
      .catch(() => null)) ?? null;
}

describe('customer import', () => {
  it.each(SAMPLES)(
    'imports $name as $format and recognises $person on the $page.site page',
    async ({ name, firstImport, format, customers, page: fixture, person }) => {
      const page = await openFixturePage(h, fixture, person);
      // Not in the demo data: the overlay shows the person as unknown and offers to create them.
      await expect.poll(unknownShown(page), { timeout: 15_000 }).toBe(true);

      await console_.getByTestId('customer-import-file').setInputFiles(samplePath(name));
      expect(await console_.getByTestId('customer-import-format').inputValue()).toBe(format);
      await expect.poll(() => console_.getByTestId('customer-import-start').textContent()).toBe(`Import ${customers} customers`);
      const report = await importFile(name, firstImport);
      expect(report).not.toMatch(/Not written|Stopped/);

      // The import reached the manager's browser through sync: the page's person is now a known customer, a new one's tier.
      await recognisedAfterSync(page, person);
      expect(await customerTier(page)()).toBe('standard');
      await page.close();
    },
  );

  it('changes nothing when the same files are imported again', async () => {
    for (const sample of SAMPLES) {
      const report = await importFile(sample.name, `0 created · 0 updated · ${sample.customers} unchanged`);
      expect(report, sample.name).not.toMatch(/Not written|Stopped/);
    }
  });
});
