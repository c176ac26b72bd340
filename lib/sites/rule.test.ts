// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { normalizePageIdentities } from '../identity/normalize';
import type { StoredSiteRule } from '../schema/site-rule';
import { readContextWith } from './registry';
import { overrideAdapter, ruleAdapter, ruleFor } from './rule';
import { loadFixture } from './test-fixtures';
import { zendesk } from './zendesk';

const RULE: StoredSiteRule = {
  id: 'northwind-crm',
  name: 'Northwind CRM',
  match: 'https://crm.example.net/*',
  enabled: true,
  source: 'admin',
  visibility: 'private',
  selectors: { email: '[data-field=email] a', phone: '[data-field=phone]', name: 'h1.customer-name', recordId: '[data-field=customer-id]' },
  updatedAt: '2026-11-20T09:00:00.000Z',
};

describe('rule adapter', () => {
  it("reads the customer with the rule's selectors, not the agent's own address in the header", () => {
    const { doc, url } = loadFixture('crm-custom', 'https://crm.example.net/customers/1042');
    const ctx = ruleAdapter(RULE).read(doc, url)!;
    expect(ctx.site).toBe('rule:northwind-crm');
    expect(ctx.displayName).toBe('Marcus Chen');
    expect(ctx.recordId).toBe('1042');
    expect(normalizePageIdentities(ctx)).toEqual([
      { kind: 'email', value: 'marcus.chen@example.com' },
      { kind: 'phone', value: '+14155550142' },
    ]);
  });

  it('reads a national number with the country the page declares', () => {
    const { doc, url } = loadFixture('crm-custom', 'https://crm.example.net/customers/2077');
    const ctx = ruleAdapter(RULE).read(doc, url)!;
    expect(ctx.country).toBe('DE');
    expect(normalizePageIdentities(ctx)).toEqual([{ kind: 'phone', value: '+4915112345678' }]);
  });

  it('finds nothing where its elements are missing, and survives an invalid selector', () => {
    const { doc, url } = loadFixture('crm-custom', 'https://crm.example.net/');
    expect(ruleAdapter(RULE).read(doc, url)).toBeNull();
    expect(ruleAdapter({ ...RULE, selectors: { email: '[broken' } }).read(doc, url)).toBeNull();
  });

  it('applies only when enabled and matching', () => {
    const url = new URL('https://crm.example.net/customers/1042');
    expect(ruleFor([RULE], url)?.id).toBe('northwind-crm');
    expect(ruleFor([{ ...RULE, enabled: false }], url)).toBeNull();
    expect(ruleFor([RULE], new URL('https://other.example.net/'))).toBeNull();
  });
});

describe('an admin’s selector override for a built-in site', () => {
  const OVERRIDE: StoredSiteRule = {
    ...RULE,
    id: 'zendesk-next-workspace',
    name: 'Zendesk: next workspace',
    match: 'https://*.zendesk.com/*',
    source: 'server',
    selectors: { email: '[data-qa="requester-address"]', name: '[data-qa="requester-name"]' },
  };
  const BROKEN = 'https://tandemdemo.zendesk.com/agent/tickets/4603';

  it('names the customer on a layout the adapter does not know, as the site itself', () => {
    const { doc, url } = loadFixture('zendesk', BROKEN, 'variant-broken.html');
    expect(readContextWith(zendesk, doc, url)).toBeNull();
    const ctx = readContextWith(overrideAdapter(zendesk, OVERRIDE), doc, url)!;
    expect(ctx.site).toBe('zendesk');
    expect(ctx.displayName).toBe('Ines Duarte');
    expect(normalizePageIdentities(ctx)).toEqual([{ kind: 'email', value: 'ines.duarte@example.pt' }]);
  });

  it('leaves a page the adapter reads as it was, the override’s finds first, and keeps the adapter’s reply box', () => {
    const { doc, url } = loadFixture('zendesk', 'https://tandemdemo.zendesk.com/agent/tickets/4521');
    const own = zendesk.read(doc, url)!;
    const withOverride = overrideAdapter(zendesk, OVERRIDE);
    expect(withOverride.read(doc, url)).toEqual(own);
    expect(withOverride.replyBox(doc)).toBe(zendesk.replyBox(doc));
    expect(withOverride.name).toBe('zendesk');
  });
});
