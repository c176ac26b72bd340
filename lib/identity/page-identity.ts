// Page-side identity reading: what the content script can do without a phone metadata library or
// zod, so it stays small. Emails, handles and CRM ids get their final canonical form here; phone
// numbers only a candidate form ("+<digits>" or national digits) that the background turns into
// E.164 with libphonenumber-js and the page's country (normalizeIdentity in ./normalize.ts). The
// background re-normalises everything anyway: the page is untrusted.
import type { Identity, IdentityKind } from '../schema';
import { type IdentityForm, identityForm } from '../schema/site-catalog';

const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const TWITTER_HANDLE = /^[a-z0-9_]{1,15}$/;
const FACEBOOK_NAME = /^[a-z0-9.]{1,100}$/;
const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const NUMERIC_ID = /^\d{1,20}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// What a written phone number may contain besides digits: spaces, dots, dashes, slashes, brackets.
const PHONE_CHARS = /^\+?[\d\s().\-/\u00a0]+$/;
// Paths on x.com / facebook.com that are app sections, not people.
const TWITTER_RESERVED = new Set([
  'home',
  'explore',
  'notifications',
  'messages',
  'search',
  'settings',
  'i',
  'compose',
  'intent',
  'share',
  'login',
  'logout',
  'tos',
  'privacy',
]);
const FACEBOOK_RESERVED = new Set([
  'profile.php',
  'people',
  'groups',
  'pages',
  'watch',
  'marketplace',
  'events',
  'photo',
  'photo.php',
  'permalink.php',
  'story.php',
  'login',
  'home.php',
  'notifications',
  'messages',
  'friends',
  'hashtag',
  'search',
]);

/**
 * A phone number as written on a page reduced to "+<digits>" (international) or "<digits>"
 * (national, needing the page's country). 6 to 17 digits; null for anything else.
 */
export function phoneCandidate(raw: string): string | null {
  let v = raw.replace(/^tel:/i, '').trim();
  try {
    v = decodeURIComponent(v);
  } catch {
    /* keep as is */
  }
  v = v.replace(/(?:;|,|\s+(?:ext\.?|x)\s*)\S*$/i, '').trim();
  if (!PHONE_CHARS.test(v)) return null;
  const international = v.startsWith('+') || v.startsWith('00');
  let digits = v.replace(/\D/g, '');
  if (!v.startsWith('+') && international) digits = digits.slice(2); // 00 is the international prefix
  if (digits.length < 6 || digits.length > 17) return null;
  return international ? `+${digits}` : digits;
}

/** Each form's reader: the canonical value of a raw one, or null when it is not one. */
const READERS: Record<IdentityForm, (raw: string) => string | null> = {
  email(raw) {
    const v = raw
      .replace(/^mailto:/i, '')
      .split('?')[0]!
      .trim()
      .toLowerCase();
    return EMAIL.test(v) && v.length <= 320 ? v : null;
  },
  phone: phoneCandidate,
  'twitter-handle'(raw) {
    let v = raw;
    const url = asUrl(v);
    if (url) {
      if (!/(^|\.)(x|twitter)\.com$/i.test(url.hostname)) return null;
      v = url.pathname.split('/')[1] ?? '';
    }
    v = v.replace(/^@/, '').toLowerCase();
    return TWITTER_HANDLE.test(v) && !TWITTER_RESERVED.has(v) ? v : null;
  },
  'facebook-profile'(raw) {
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
  },
  // Salesforce ids are case-sensitive: kept as they are.
  'salesforce-id': (raw) => (SALESFORCE_ID.test(raw) ? raw : null),
  'numeric-id': (raw) => (NUMERIC_ID.test(raw) ? raw : null),
  guid(raw) {
    // GUIDs are case-insensitive and often wrapped in braces (%7B…%7D in URLs): one canonical form.
    const v = safeDecode(raw)
      .replace(/^\{|\}$/g, '')
      .toLowerCase();
    return GUID.test(v) ? v : null;
  },
};

/**
 * The canonical value of an identity of this kind, read in the form the site catalog gives the kind,
 * or null when the raw value is not one. For phones, the candidate form (see phoneCandidate): the
 * background completes it.
 */
export function pageIdentityValue(kind: IdentityKind, raw: string): string | null {
  const form = identityForm(kind);
  return raw && form ? READERS[form](raw) : null;
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

/** "kind:value": how an identity is compared, de-duplicated and indexed (the cache's identityKeys). */
export function identityKey(identity: Identity): string {
  return `${identity.kind}:${identity.value}`;
}

/** The list without repeats, keeping the first occurrence's order. */
export function uniqueIdentities(list: readonly Identity[]): Identity[] {
  const seen = new Set<string>();
  return list.filter((identity) => {
    const key = identityKey(identity);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Reads candidates off a page: drops invalid and repeated identities, keeping the first occurrence's order. */
export function identities(candidates: ReadonlyArray<readonly [IdentityKind, string | null | undefined]>): Identity[] {
  return uniqueIdentities(
    candidates.flatMap(([kind, raw]) => {
      const value = raw == null ? null : pageIdentityValue(kind, raw.trim());
      return value === null ? [] : [{ kind, value }];
    }),
  );
}
