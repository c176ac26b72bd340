// @vitest-environment happy-dom
// The meta-test (after refined-github's build/features.test.ts): every adapter in the registry is a
// built-in site with everything a site needs, and every built-in site has an adapter. Forgetting any
// of the files docs/sites.md lists under "Adding a site" fails here.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VARIANTS } from '../bench/recognition/variants';
import { FIXTURE_URLS, folderForHost } from '../e2e/fixture-server';
import contentScript from '../entrypoints/overlay.content';
import { PageContext } from '../lib/schema';
import { urlMatchesPattern } from '../lib/schema/match-pattern';
import { BUILT_IN_SITES, type SiteName } from '../lib/schema/site-catalog';
import { ADAPTERS, adapterFor, readContext } from '../lib/sites/registry';
import { loadFixture } from '../lib/sites/test-fixtures';
import config from '../wxt.config';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** An address on each site's fixture page where a customer is in focus. */
const FIXTURE_PAGE: Record<SiteName, string> = {
  twitter: FIXTURE_URLS.tweet,
  facebook: FIXTURE_URLS.facebookPost,
  salesforce: FIXTURE_URLS.salesforceContact,
  zendesk: FIXTURE_URLS.zendeskTicket,
  hubspot: FIXTURE_URLS.hubspotContact,
  gmail: FIXTURE_URLS.gmailThread,
  freshdesk: FIXTURE_URLS.freshdeskTicket,
  dynamics: FIXTURE_URLS.dynamicsContact,
};

/** The "## <name>" section of docs/sites.md, or null. */
function docsSection(name: string): string | null {
  const docs = read('docs/sites.md');
  const start = docs.split('\n').findIndex((line) => line.trim() === `## ${name}`);
  if (start < 0) return null;
  const rest = docs.split('\n').slice(start + 1);
  const end = rest.findIndex((line) => line.startsWith('## '));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n');
}

const manifestFor = async (browser: 'chrome' | 'firefox') => {
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('wxt.config.ts is expected to build the manifest per browser');
  return manifest({ browser, manifestVersion: browser === 'chrome' ? 3 : 2, mode: 'production', command: 'build' });
};

describe('every site adapter has what a site needs', () => {
  it('one adapter per built-in site, and one built-in site per adapter', () => {
    const names = ADAPTERS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(BUILT_IN_SITES.map((s) => s.name).sort());
  });

  describe.each(ADAPTERS.map((a) => [a.name, a] as const))('%s', (name, adapter) => {
    const site = BUILT_IN_SITES.find((s) => s.name === name);

    it('has its entry in the site catalog', () => {
      expect(site).toBeDefined();
    });

    it(`has unit tests in lib/sites/${name}.test.ts`, () => {
      expect(existsSync(join(ROOT, `lib/sites/${name}.test.ts`))).toBe(true);
    });

    it('has an evidence section in docs/sites.md, which its header points to', () => {
      const section = docsSection(name);
      expect(section, `docs/sites.md has no "## ${name}" section`).not.toBeNull();
      expect(section).toContain(`lib/sites/${name}.ts`);
      expect(section).toMatch(/^### What the adapter reads$/m);
      expect(section).toMatch(/^### Public evidence$/m);
      const source = read(`lib/sites/${name}.ts`);
      expect(source.slice(0, source.indexOf('\nimport '))).toContain(`docs/sites.md#${name}`);
    });

    it('reads its fixture page in e2e/sites/ as a valid context, with the identity kinds its entry declares', () => {
      const href = FIXTURE_PAGE[name as SiteName];
      expect(href, `no fixture page listed for ${name}`).toBeDefined();
      const folder = folderForHost(new URL(href).host);
      expect(folder, `the fixture server serves no folder for ${href}`).not.toBeNull();
      expect(existsSync(join(ROOT, 'e2e/sites', folder!, 'index.html'))).toBe(true);
      const { doc, url } = loadFixture(folder!, href);
      expect(adapterFor(url)).toBe(adapter);
      expect(site!.matches.some((pattern) => urlMatchesPattern(pattern, url))).toBe(true);
      const ctx = readContext(doc, url)!;
      expect(ctx.site).toBe(name);
      expect(PageContext.safeParse(ctx).success).toBe(true);
      expect(ctx.identities.length).toBeGreaterThan(0);
      const declared: string[] = [...site!.identityKinds, ...('ownIdentity' in site! ? [site.ownIdentity.kind] : [])];
      for (const identity of ctx.identities) expect(declared).toContain(identity.kind);
    });

    it('has at least three arrangements of its markup in the recognition variants, each on disk and in its docs section', () => {
      const variants = VARIANTS.filter((v) => v.site === name);
      expect(variants.length).toBeGreaterThanOrEqual(3);
      const section = docsSection(name) ?? '';
      for (const v of variants) {
        expect(existsSync(join(ROOT, 'e2e/sites', v.folder, v.file)), v.file).toBe(true);
        expect(folderForHost(new URL(v.url).host)).toBe(v.folder);
        if (v.file !== 'index.html') expect(section, `docs/sites.md#${name} names ${v.file}`).toContain(v.file);
      }
    });

    it('knows each of its variant addresses as a record page, where finding nobody is a recognition miss', () => {
      for (const v of VARIANTS.filter((v) => v.site === name)) expect(adapter.recordPage?.(new URL(v.url)), v.url).toBe(true);
    });
  });

  it.each(BUILT_IN_SITES.flatMap((s) => s.matches))('%s is in both manifests’ host permissions', async (pattern) => {
    for (const browser of ['chrome', 'firefox'] as const) expect((await manifestFor(browser)).host_permissions).toContain(pattern);
  });

  // A vendor's tenants get the overlay only on the organisation's own hosts, registered at run time (docs/security.md "Organisation hosts").
  it.each(BUILT_IN_SITES.flatMap((s) => s.matches.map((pattern) => [pattern, 'tenant' in s] as const)))(
    '%s is in the content script’s static matches only for a fixed site (tenant: %s)',
    (pattern, tenant) => {
      if (tenant) expect(contentScript.matches).not.toContain(pattern);
      else expect(contentScript.matches).toContain(pattern);
    },
  );
});
