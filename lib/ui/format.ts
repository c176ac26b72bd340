import type { Identity } from '../schema';

export function formatMoney(cents: number, currency: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(cents / 100);
}

const IDENTITY_LABELS: Record<Identity['kind'], string> = {
  email: 'Email',
  phone: 'Phone',
  twitter: 'X',
  facebook: 'Facebook',
  salesforce: 'Salesforce',
  zendesk: 'Zendesk',
  hubspot: 'HubSpot',
  freshdesk: 'Freshdesk',
  dynamics: 'Dynamics',
};

export function formatIdentity(identity: Identity): string {
  const value = identity.kind === 'twitter' ? `@${identity.value}` : identity.value;
  return `${IDENTITY_LABELS[identity.kind]}: ${value}`;
}

export function formatWhen(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
