import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { Identity, type IdentityKind, type PageContext } from '../schema';
import { pageIdentityValue } from './page-identity';

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
  return phone?.isValid() ? phone.number : null;
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
  const out: Identity[] = [];
  const seen = new Set<string>();
  for (const [kind, raw] of candidates) {
    const id = normalizeIdentity(kind, raw, opts);
    if (!id) continue;
    const key = `${id.kind}:${id.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(id);
  }
  return out;
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
