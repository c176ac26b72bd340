import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { Identity, type IdentityKind, type PageContext } from '../schema';
import { identityKey, pageIdentityValue, uniqueIdentities } from './page-identity';

/**
 * Turns what a page shows (or what an agent typed) into the canonical form identities are stored
 * and matched in: phones in E.164 (libphonenumber-js), the rest as the page side reads them
 * (./page-identity.ts). The background uses it on every identity a page reports; the content
 * script does not import it (the phone metadata would triple its size).
 * Returns null when the raw value is not a valid identity of that kind.
 */
export function normalizeIdentity(kind: IdentityKind, raw: string | null | undefined, opts: { defaultCountry?: CountryCode } = {}): Identity | null {
  if (raw == null) return null;
  const trimmed = raw.trim();
  const value = kind === 'phone' ? normalizePhone(trimmed, opts.defaultCountry) : pageIdentityValue(kind, trimmed);
  if (value === null) return null;
  const parsed = Identity.safeParse({ kind, value });
  return parsed.success ? parsed.data : null;
}

function normalizePhone(raw: string, defaultCountry?: CountryCode): string | null {
  const v = raw.replace(/^tel:/i, '');
  if (!v) return null;
  const phone = parsePhoneNumberFromString(v, defaultCountry ? { defaultCountry } : undefined);
  // Possible rather than valid: fictional ranges (Ofcom's 07700 900xxx) and newly allocated ones are still matched.
  return phone?.isPossible() ? phone.number : null;
}

/** A page's country code ("GB") when it is one libphonenumber knows. */
export function phoneCountry(code: string | null | undefined): CountryCode | undefined {
  const c = (code ?? '').toUpperCase();
  return /^[A-Z]{2}$/.test(c) && isSupportedCountry(c) ? c : undefined;
}

/** Normalises and drops invalid or repeated identities, keeping the first occurrence's order. */
export function identities(
  candidates: ReadonlyArray<readonly [IdentityKind, string | null | undefined]>,
  opts: { defaultCountry?: CountryCode } = {},
): Identity[] {
  return uniqueIdentities(candidates.flatMap(([kind, raw]) => normalizeIdentity(kind, raw, opts) ?? []));
}

/**
 * The country national phone numbers of a stored customer are read in: the region of their language ("en-GB" → GB),
 * else US. Customers and teams carry no country of their own.
 */
export function customerPhoneCountry(customer: { language?: string | undefined }): CountryCode {
  return phoneCountry(customer.language?.split(/[-_]/)[1]) ?? 'US';
}

/**
 * How a customer's identities are stored and matched (server writes, the migration, the extension's cache): each in
 * its canonical form, repeats dropped. A phone libphonenumber cannot read is someone's real number all the same, so it
 * is kept trimmed rather than refused; any other identity that is not one of its kind is listed in `unreadable`.
 */
export function storedIdentities(list: readonly Identity[], opts: { defaultCountry?: CountryCode } = {}): { identities: Identity[]; unreadable: Identity[] } {
  const readable: Identity[] = [];
  const unreadable: Identity[] = [];
  for (const identity of list) {
    const value = identity.value.trim();
    const canonical = normalizeIdentity(identity.kind, value, opts) ?? (identity.kind === 'phone' && value ? { kind: 'phone' as const, value } : null);
    if (canonical) readable.push(canonical);
    else unreadable.push(identity);
  }
  return { identities: uniqueIdentities(readable), unreadable };
}

/** storedIdentities for data already stored, where nothing may be lost: unreadable identities stay, trimmed. */
export function keptIdentities(list: readonly Identity[], opts: { defaultCountry?: CountryCode } = {}): Identity[] {
  const { identities, unreadable } = storedIdentities(list, opts);
  return uniqueIdentities([...identities, ...unreadable.map((i) => ({ kind: i.kind, value: i.value.trim() || i.value }))]);
}

/**
 * The identities a page reported, as the background must use them: each re-normalised (the page is
 * untrusted; phones arrive as candidates and become E.164 with the page's country), invalid and
 * repeated ones dropped.
 */
export function normalizePageIdentities(context: Pick<PageContext, 'identities' | 'country'>): Identity[] {
  return identities(
    context.identities.map((i) => [i.kind, i.value] as const),
    { defaultCountry: phoneCountry(context.country) },
  );
}

/**
 * A stored customer's identities as the cache indexes them ("kind:value", canonical): one an older
 * server stored as "@Jane_Doe" is "twitter:jane_doe", national phones read in the customer's country.
 */
export function customerIdentityKeys(customer: { identities: readonly Identity[]; language?: string | undefined }): string[] {
  return keptIdentities(customer.identities, { defaultCountry: customerPhoneCountry(customer) }).map(identityKey);
}

/** The shape normalizePhone answers in: "+", a country code and up to 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * customerIdentityKeys for a customer the server sent: the server stores every identity in canonical form
 * (storedIdentities or keptIdentities on each write path and in its migration), so each is checked, not re-derived.
 * Parsing a phone (libphonenumber) was most of the ≈ 20–40 µs a customer cost a first sync; an E.164 phone is taken
 * as the server's canonical form. Any identity not already in its form sends the whole customer the long way.
 */
export function pulledCustomerIdentityKeys(customer: { identities: readonly Identity[]; language?: string | undefined }): string[] {
  const keys: string[] = [];
  for (const { kind, value } of customer.identities) {
    const canonical =
      kind === 'phone' ? E164.test(value) : value === value.trim() && pageIdentityValue(kind, value) === value && Identity.safeParse({ kind, value }).success;
    const key = `${kind}:${value}`;
    if (!canonical || keys.includes(key)) return customerIdentityKeys(customer);
    keys.push(key);
  }
  return keys;
}
