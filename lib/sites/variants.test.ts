// @vitest-environment happy-dom
// Every recognition variant (bench/recognition/variants.ts) read by its site's adapter in layers: the
// identities it reports name the stored customer (compared canonically, as the background does), never
// a known customer the page only quotes or mentions, and an unknown person keeps the page's name.
import { describe, expect, it } from 'vitest';
import { VARIANT_CUSTOMERS, VARIANTS } from '../../bench/recognition/variants';
import { customerIdentityKeys, normalizePageIdentities } from '../identity/normalize';
import { identityKey } from '../identity/page-identity';
import { PageContext } from '../schema';
import { readContext } from './registry';
import { loadFixture } from './test-fixtures';

// Jane Doe (a seeded customer) is quoted or mentioned on several variants: she is never the one in focus there.
const JANE = ['email:jane.doe@example.com', 'twitter:jane_doe'];

describe.each(VARIANTS.filter((v) => v.file !== 'index.html').map((v) => [`${v.site} ${v.file} ${new URL(v.url).search}`, v] as const))(
  '%s',
  (_name, variant) => {
    it(`reads ${'customer' in variant.expect ? variant.expect.customer : `the unknown ${variant.expect.unknown}`}`, () => {
      const { doc, url } = loadFixture(variant.folder, variant.url, variant.file);
      const context = readContext(doc, url);
      expect(context?.site).toBe(variant.site);
      const parsed = PageContext.parse(context);
      const keys = normalizePageIdentities(parsed).map(identityKey);
      expect(keys.filter((k) => JANE.includes(k))).toEqual([]);
      if ('unknown' in variant.expect) {
        expect(parsed.displayName).toBe(variant.expect.unknown);
        for (const c of VARIANT_CUSTOMERS) expect(keys.filter((k) => customerIdentityKeys(c).includes(k))).toEqual([]);
        return;
      }
      const expected = variant.expect.customer;
      const customer = VARIANT_CUSTOMERS.find((c) => c.name === expected)!;
      expect(
        keys.some((k) => customerIdentityKeys(customer).includes(k)),
        `${keys.join(', ')} names ${expected}`,
      ).toBe(true);
      for (const other of VARIANT_CUSTOMERS.filter((c) => c !== customer)) {
        expect(keys.filter((k) => customerIdentityKeys(other).includes(k))).toEqual([]);
      }
      // Each identity says where it was read.
      expect(parsed.evidence?.map(identityKey).sort()).toEqual(parsed.identities.map(identityKey).sort());
    });
  },
);
