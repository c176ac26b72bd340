// The organisation's own CRM hosts ("tandemdemo.zendesk.com"): the only tenants of Zendesk,
// Freshdesk, Salesforce and Dynamics the overlay runs on (docs/security.md "Organisation hosts").
// Zod-free, so the content script can check its host with the same rule the server validates with;
// the zod schemas for the routes are in ./org-hosts-api.ts.
import { TENANT_VENDORS, tenantSiteOfHost } from './site-catalog';

/** More hosts than an organisation has tenants is a mistake, not a need. */
export const MAX_ORG_HOSTS = 50;

const VENDORS = TENANT_VENDORS.map((v) => v.label).join(', ');
const DOMAINS = TENANT_VENDORS.map((v) => v.domain).join(', ');

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why a host cannot be one of the organisation's, in words an admin can act on; null when it can. */
export function orgHostProblem(host: string): string | null {
  if (host.length === 0) return 'Enter a host name, such as acme.zendesk.com.';
  if (host.length > 253) return 'A host name has at most 253 characters.';
  if (host.includes('*')) return `"${host}" has a wildcard: enter the organisation's exact host, such as acme.zendesk.com.`;
  if (/[/:@?#\s]/.test(host)) return `"${host}" is not a host name: enter only the host, such as acme.zendesk.com (no https://, path or port).`;
  if (!host.split('.').every((label) => LABEL.test(label))) return `"${host}" is not a valid host name (lower-case letters, digits, dots and hyphens).`;
  if (!tenantSiteOfHost(host)) return `"${host}" is no tenant of ${VENDORS}: it must be a subdomain of one of ${DOMAINS}.`;
  return null;
}

/** The match pattern the overlay is registered with on an organisation host. */
export function orgHostPattern(host: string): string {
  return `https://${host}/*`;
}

/**
 * Whether the overlay may run on this page: anywhere that is no vendor's tenant (fixed sites, custom
 * sites' rules), and on a tenant only when it is one of the organisation's hosts.
 */
export function allowedOnTenantHost(url: URL, orgHosts: readonly string[]): boolean {
  return tenantSiteOfHost(url.hostname) === null || (url.protocol === 'https:' && orgHosts.includes(url.hostname.toLowerCase()));
}
