import { describe, expect, it } from 'vitest';
import { allowedOnTenantHost, orgHostProblem } from './org-hosts';
import { OrgHosts } from './org-hosts-api';
import { tenantSiteOfHost } from './site-catalog';

describe('organisation hosts', () => {
  it('takes an exact tenant host of each vendor', () => {
    for (const host of ['tandemdemo.zendesk.com', 'tandemdemo.freshdesk.com', 'tandemdemo.lightning.force.com', 'tandemdemo.crm.dynamics.com']) {
      expect(orgHostProblem(host)).toBeNull();
    }
    expect(['acme.zendesk.com', 'acme.lightning.force.com', 'acme.crm4.dynamics.com'].map(tenantSiteOfHost)).toEqual(['zendesk', 'salesforce', 'dynamics']);
  });

  it.each([
    ['*.zendesk.com', /wildcard/],
    ['zendesk.com', /is no tenant of Salesforce Lightning, Zendesk, Freshdesk, Microsoft Dynamics 365/],
    ['acme.zendesk.com.evil.example', /is no tenant of Salesforce Lightning, Zendesk, Freshdesk, Microsoft Dynamics 365/],
    ['crm.example.net', /is no tenant of Salesforce Lightning, Zendesk, Freshdesk, Microsoft Dynamics 365/],
    ['https://acme.zendesk.com', /only the host/],
    ['acme.zendesk.com:8443', /only the host/],
    ['acme.zendesk.com/agent', /only the host/],
    ['-acme.zendesk.com', /not a valid host name/],
    ['', /Enter a host name/],
  ])('refuses %s, saying why', (host, why) => {
    expect(orgHostProblem(host)).toMatch(why);
  });

  it('lower-cases and trims what an admin types, and refuses a host twice', () => {
    expect(OrgHosts.parse([' Acme.Zendesk.COM '])).toEqual(['acme.zendesk.com']);
    expect(OrgHosts.safeParse(['acme.zendesk.com', 'ACME.zendesk.com']).success).toBe(false);
  });

  it('lets the overlay run on a vendor’s tenant only when it is the organisation’s, and everywhere else as before', () => {
    const hosts = ['tandemdemo.zendesk.com'];
    expect(allowedOnTenantHost(new URL('https://tandemdemo.zendesk.com/agent/tickets/1'), hosts)).toBe(true);
    expect(allowedOnTenantHost(new URL('https://evil-tenant.zendesk.com/agent/tickets/1'), hosts)).toBe(false);
    expect(allowedOnTenantHost(new URL('https://tandemdemo.freshdesk.com/a/tickets/1'), hosts)).toBe(false);
    expect(allowedOnTenantHost(new URL('http://tandemdemo.zendesk.com/'), hosts)).toBe(false);
    expect(allowedOnTenantHost(new URL('https://x.com/home'), [])).toBe(true);
    expect(allowedOnTenantHost(new URL('https://crm.example.net/customers/1'), [])).toBe(true);
  });
});
