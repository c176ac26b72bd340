// Customer import end to end: a manager imports each sample CRM export (built from the vendors' documented export
// fields, e2e/import-samples) through the console of the built extension; a person the Zendesk fixture page shows
// as unknown is then recognised there, and importing every file again changes nothing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_URLS } from './fixture-server';
import { type Harness, startHarness } from './harness';
import { customerName, unknownShown } from './overlay-view';

const SAMPLES = resolveSamples({
  'zendesk-users.ndjson': { format: 'zendesk-users', customers: 2 },
  'hubspot-contacts.csv': { format: 'hubspot-contacts', customers: 3 },
  'salesforce-contacts.csv': { format: 'salesforce-contacts', customers: 2 },
  'freshdesk-contacts.csv': { format: 'freshdesk-contacts', customers: 2 },
});

function resolveSamples<T>(byName: Record<string, T>) {
  return Object.entries(byName).map(([name, expected]) => ({ path: new URL(`./import-samples/${name}`, import.meta.url).pathname, name, ...expected }));
}

let h: Harness;
let console_: Page;

beforeAll(async () => {
  h = await startHarness();
  await h.signIn({ email: 'manager@tandem.demo', password: 'tandem-demo' });
  console_ = await h.openExtensionPage('manager.html');
  await console_.getByRole('button', { name: 'Import customers' }).click();
});

afterAll(async () => {
  await h?.close();
});

async function importFile(path: string): Promise<string> {
  await console_.getByTestId('customer-import-team').selectOption('team-care');
  await console_.getByTestId('customer-import-file').setInputFiles(path);
  await console_.getByTestId('customer-import-start').click();
  const report = console_.getByTestId('customer-import-report');
  await report.waitFor({ timeout: 20_000 });
  return (await report.textContent()) ?? '';
}

describe('customer import', () => {
  it('imports each vendor’s export, recognised by the format it was written in', async () => {
    const zendesk = await h.context.newPage();
    await zendesk.goto(FIXTURE_URLS.zendeskUnknown);
    // Sam is not in the demo data: the overlay shows him as unknown and offers to create him.
    await expect.poll(unknownShown(zendesk), { timeout: 15_000 }).toBe(true);

    for (const sample of SAMPLES) {
      await console_.getByTestId('customer-import-file').setInputFiles(sample.path);
      expect(await console_.getByTestId('customer-import-format').inputValue(), sample.name).toBe(sample.format);
      await expect.poll(() => console_.getByTestId('customer-import-start').textContent()).toBe(`Import ${sample.customers} customers`);
      const report = await importFile(sample.path);
      expect(report, sample.name).toMatch(/created/);
      expect(report, sample.name).not.toMatch(/Not written|Stopped/);
    }

    // The import reached the agent's cache through sync: the page's requester is now a known customer.
    await zendesk.reload();
    await expect.poll(unknownShown(zendesk), { timeout: 20_000 }).toBe(false);
    await expect.poll(customerName(zendesk), { timeout: 5_000 }).toBe('Sam Unknown');
  });

  it('changes nothing when the same files are imported again', async () => {
    for (const sample of SAMPLES) {
      const report = await importFile(sample.path);
      expect(report, sample.name).toContain(`0 created · 0 updated · ${sample.customers} unchanged`);
    }
  });
});
