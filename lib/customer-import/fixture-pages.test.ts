// @vitest-environment happy-dom
// The fixture pages that show an imported person (e2e/sites/<vendor>/imported-*.html, docs/sites.md "Imported
// people") are what e2e/customer-import.test.ts opens after importing each vendor's sample: each page, read by its
// site's adapter as the background reads it, names exactly one customer of that vendor's sample export, and no
// customer of the demo data (else the e2e would pass without the import).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDemoData } from '../../server/seed/demo';
import { customerIdentityKeys, normalizePageIdentities } from '../identity/normalize';
import { identityKey } from '../identity/page-identity';
import { PageContext } from '../schema';
import { readContext } from '../sites/registry';
import { loadFixture } from '../sites/test-fixtures';
import { detectFormat, mappingFor } from './formats';
import { mapRecords } from './map';
import { readTable } from './table';

const PAGES = [
  {
    sample: 'hubspot-contacts.csv',
    folder: 'hubspot',
    file: 'imported-tomas.html',
    url: 'https://app.hubspot.com/contacts/4242/record/0-1/62001',
    person: 'Tomás Ferreira',
  },
  {
    sample: 'salesforce-contacts.csv',
    folder: 'salesforce',
    file: 'imported-greta.html',
    url: 'https://tandemdemo.lightning.force.com/lightning/r/Contact/003Hs00001XyZ01AAA/view',
    person: 'Greta Lindqvist',
  },
  {
    sample: 'freshdesk-contacts.csv',
    folder: 'freshdesk',
    file: 'imported-hana.html',
    url: 'https://tandemdemo.freshdesk.com/a/tickets/88401',
    person: 'Hana Sato',
  },
];

// A path, not a URL: under happy-dom, URLs resolve against the window's location.
const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../e2e/import-samples');

function sampleCustomers(name: string) {
  const table = readTable(name, readFileSync(join(SAMPLES_DIR, name), 'utf8'));
  const format = detectFormat(table.headers);
  return mapRecords(table, format, mappingFor(format, table.headers)).customers;
}

describe.each(PAGES)('$folder/$file', ({ sample, folder, file, url, person }) => {
  it(`names ${person} of ${sample}, and no demo customer`, () => {
    const { doc, url: address } = loadFixture(folder, url, file);
    const keys = normalizePageIdentities(PageContext.parse(readContext(doc, address))).map(identityKey);
    const named = sampleCustomers(sample).filter((c) => customerIdentityKeys(c).some((k) => keys.includes(k)));
    expect(named.map((c) => c.name)).toEqual([person]);
    const demo = buildDemoData().customers.filter((c) => customerIdentityKeys(c).some((k) => keys.includes(k)));
    expect(demo.map((c) => c.name)).toEqual([]);
  });
});
