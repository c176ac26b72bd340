// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { normalizePageIdentities } from '../identity/normalize';
import type { StoredSiteRule } from '../schema/site-rule';
import { ruleAdapter, ruleFor } from './rule';
import { loadFixture } from './test-fixtures';

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
