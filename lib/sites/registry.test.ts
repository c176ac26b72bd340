// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { PageContext } from '../schema';
import { ADAPTERS, adapterFor, generic, readContext } from './registry';
import { SITE_MATCHES } from '../schema/site-catalog';
import { loadFixture } from './test-fixtures';

/** Whether a URL matches a WebExtension match pattern like https://*.zendesk.com/*. */
function matchesPattern(pattern: string, url: URL): boolean {
  const [, scheme, host, path] = /^(\w+):\/\/([^/]+)(\/.*)$/.exec(pattern)!;
  const hostRe = new RegExp(`^${host!.replace(/\./g, '\\.').replace(/^\*\\\./, '(?:[^.]+\\.)*')}$`);
  const pathRe = new RegExp(`^${path!.replace(/\*/g, '.*')}$`);
  return url.protocol === `${scheme}:` && hostRe.test(url.hostname) && pathRe.test(url.pathname);
}

const PAGES: Array<[string, string, string]> = [
  ['x', 'https://x.com/jane_doe/status/1861234567890123456', 'twitter'],
  ['facebook', 'https://www.facebook.com/NorthwindMobile/posts/pfbid02Xk7a', 'facebook'],
  ['salesforce', 'https://tandemdemo.lightning.force.com/lightning/r/Contact/003Hs00001AbCdEIAZ/view', 'salesforce'],
  ['zendesk', 'https://tandemdemo.zendesk.com/agent/tickets/4521', 'zendesk'],
  ['hubspot', 'https://app.hubspot.com/contacts/4242/record/0-1/51234', 'hubspot'],
  ['gmail', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmvPqRvGzz', 'gmail'],
  ['freshdesk', 'https://tandemdemo.freshdesk.com/a/tickets/77', 'freshdesk'],
  ['dynamics', 'https://tandemdemo.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=7f3c2a10-5b7e-4d2f-9a61-0c8e4b2d9f11', 'dynamics'],
];

describe('site registry', () => {
  it('has one adapter per site with unique names', () => {
    expect(new Set(ADAPTERS.map((a) => a.name)).size).toBe(ADAPTERS.length);
  });

  it.each(PAGES)('reads the %s fixture with its own adapter, as a valid PageContext', (site, href, name) => {
    const { doc, url } = loadFixture(site, href);
    expect(adapterFor(url).name).toBe(name);
    expect(SITE_MATCHES.some((p) => matchesPattern(p, url))).toBe(true);
    const ctx = readContext(doc, url)!;
    expect(ctx.site).toBe(name);
    expect(ctx.identities.length).toBeGreaterThan(0);
    expect(PageContext.safeParse(ctx).success).toBe(true);
  });

  it('uses the generic adapter for unsupported sites, which the content script does not match', () => {
    const { doc, url } = loadFixture('unsupported', 'https://news.example.com/');
    expect(adapterFor(url)).toBe(generic);
    expect(SITE_MATCHES.some((p) => matchesPattern(p, url))).toBe(false);
    expect(readContext(doc, url)!.identities[0]).toEqual({ kind: 'email', value: 'tips@news.example.com' });
  });

  it('falls back to the generic adapter when a site adapter finds nothing', () => {
    document.body.innerHTML = '<main><p>Reach me at marcus.chen@example.com</p></main>';
    const ctx = readContext(document, new URL('https://tandemdemo.lightning.force.com/lightning/r/Contact/003Hs00001AbCdEIAZ/view'))!;
    expect(ctx.site).toBe('generic');
    expect(ctx.identities).toEqual([{ kind: 'email', value: 'marcus.chen@example.com' }]);
  });

  it('does not fall back on a timeline where nobody is in focus', () => {
    const { doc, url } = loadFixture('x', 'https://x.com/home');
    const ctx = readContext(doc, url)!;
    expect(ctx.site).toBe('twitter');
    expect(ctx.identities).toEqual([]);
  });
});
