import type { Identity } from '../schema';
import { identityForm, identityLabel } from '../schema/site-catalog';

export function formatMoney(cents: number, currency: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(cents / 100);
}

export function formatIdentity(identity: Identity): string {
  // Handles are stored without their @ (lib/identity/page-identity.ts); people know them with it.
  const value = identityForm(identity.kind) === 'twitter-handle' ? `@${identity.value}` : identity.value;
  return `${identityLabel(identity.kind)}: ${value}`;
}

export function formatWhen(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
