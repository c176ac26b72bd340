import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { Identity, type IdentityKind } from '../schema';

/**
 * Turns what a page shows (or what an agent typed) into the canonical form identities are stored
 * and matched in. Pure: the background reuses it to resolve identities, so both sides agree.
 * Returns null when the raw value is not a valid identity of that kind.
 */
export function normalizeIdentity(
  kind: IdentityKind,
  raw: string | null | undefined,
  opts: { defaultCountry?: CountryCode } = {},
): Identity | null {
  if (raw == null) return null;
  const value = normalizeValue(kind, raw.trim(), opts.defaultCountry);
  if (value === null) return null;
  const parsed = Identity.safeParse({ kind, value });
  return parsed.success ? parsed.data : null;
}

const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const TWITTER_HANDLE = /^[a-z0-9_]{1,15}$/;
const FACEBOOK_NAME = /^[a-z0-9.]{1,100}$/;
const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const NUMERIC_ID = /^\d{1,20}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Paths on x.com / facebook.com that are app sections, not people.
const TWITTER_RESERVED = new Set(['home', 'explore', 'notifications', 'messages', 'search', 'settings', 'i', 'compose', 'intent', 'share', 'login', 'logout', 'tos', 'privacy']);
const FACEBOOK_RESERVED = new Set(['profile.php', 'people', 'groups', 'pages', 'watch', 'marketplace', 'events', 'photo', 'photo.php', 'permalink.php', 'story.php', 'login', 'home.php', 'notifications', 'messages', 'friends', 'hashtag', 'search']);

function normalizeValue(kind: IdentityKind, raw: string, defaultCountry?: CountryCode): string | null {
  if (!raw) return null;
  switch (kind) {
    case 'email': {
      const v = raw.replace(/^mailto:/i, '').split('?')[0]!.trim().toLowerCase();
      return EMAIL.test(v) && v.length <= 320 ? v : null;
    }
    case 'phone': {
      const v = raw.replace(/^tel:/i, '');
      const phone = parsePhoneNumberFromString(v, defaultCountry ? { defaultCountry } : undefined);
      return phone && phone.isValid() ? phone.number : null;
    }
    case 'twitter': {
      let v = raw;
      const url = asUrl(v);
      if (url) {
        if (!/(^|\.)(x|twitter)\.com$/i.test(url.hostname)) return null;
        v = url.pathname.split('/')[1] ?? '';
      }
      v = v.replace(/^@/, '').toLowerCase();
      return TWITTER_HANDLE.test(v) && !TWITTER_RESERVED.has(v) ? v : null;
    }
    case 'facebook': {
      let v = raw;
      const url = asUrl(v);
      if (url) {
        if (!/(^|\.)facebook\.com$/i.test(url.hostname)) return null;
        const first = url.pathname.split('/')[1] ?? '';
        // profile.php?id=1000… is how people without a username are linked.
        v = first === 'profile.php' ? (url.searchParams.get('id') ?? '') : first;
        if (first === 'profile.php') return NUMERIC_ID.test(v) ? v : null;
      }
      v = v.replace(/^@/, '').toLowerCase();
      return FACEBOOK_NAME.test(v) && !FACEBOOK_RESERVED.has(v) ? v : null;
    }
    case 'salesforce':
      // Salesforce ids are case-sensitive: kept as they are.
      return SALESFORCE_ID.test(raw) ? raw : null;
    case 'zendesk':
    case 'hubspot':
    case 'freshdesk':
      return NUMERIC_ID.test(raw) ? raw : null;
    case 'dynamics': {
      // GUIDs are case-insensitive and often wrapped in braces (%7B…%7D in URLs): one canonical form.
      const v = safeDecode(raw).replace(/^\{|\}$/g, '').toLowerCase();
      return GUID.test(v) ? v : null;
    }
  }
}

function asUrl(v: string): URL | null {
  if (!/^https?:\/\//i.test(v)) return null;
  try {
    return new URL(v);
  } catch {
    return null;
  }
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
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
