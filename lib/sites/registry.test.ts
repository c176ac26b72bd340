// @vitest-environment happy-dom
// Each built-in site reading its own fixture page is checked in meta/sites.test.ts; this is what the
// registry does around the adapters.
import { describe, expect, it } from 'vitest';
import { urlMatchesPattern } from '../schema/match-pattern';
import { SITE_MATCHES } from '../schema/site-catalog';
import { adapterFor, generic, readContext } from './registry';
import { loadFixture } from './test-fixtures';

describe('site registry', () => {
  it('uses the generic adapter for unsupported sites, which the content script does not match', () => {
    const { doc, url } = loadFixture('unsupported', 'https://news.example.com/');
    expect(adapterFor(url)).toBe(generic);
    expect(SITE_MATCHES.some((p) => urlMatchesPattern(p, url))).toBe(false);
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
