/**
 * Sensitive-data redaction applied to captured text before it is stored or synced (docs/privacy.md
 * "Redaction"). Patterns are deliberately conservative: card numbers must pass the Luhn check, so order
 * numbers survive; passport numbers need the word "passport" before them; phones need a + or a
 * grouped national form, so bare digit runs (order and tweet ids) stay.
 */
import { type CountedKey, t, tCount } from '../i18n/t';
import { DEFAULT_REDACTION, REDACTION_KINDS, type RedactedItem, type RedactionKind, type RedactionSettings } from '../schema/redaction';

export { DEFAULT_REDACTION, REDACTION_KINDS, type RedactedItem, type RedactionKind, type RedactionSettings };

/** Each kind counted in the notice after a capture ("2 card numbers"): `<base>_one` / `_other` catalog pairs. */
const FOUND = {
  card: 'ckb_redaction_found_card',
  national_id: 'ckb_redaction_found_national_id',
  iban: 'ckb_redaction_found_iban',
  passport: 'ckb_redaction_found_passport',
  secret: 'ckb_redaction_found_secret',
  email: 'ckb_redaction_found_email',
  phone: 'ckb_redaction_found_phone',
} as const satisfies Record<RedactionKind, CountedKey>;

export interface Redacted {
  text: string;
  /** What was removed, by kind, so the agent can see it happened. */
  found: Partial<Record<RedactionKind, number>>;
  items: RedactedItem[];
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

/** A rule: what it matches and what it leaves in the text (null: not this kind after all, keep the match). */
interface Rule {
  kind: RedactionKind;
  pattern: RegExp;
  replace(match: string, groups: string[]): string | null;
  /** The part of the match that is the sensitive value (default: all of it). */
  value?(match: string, groups: string[]): string;
}

const SECRET_PATTERNS = [
  /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}\b/g, // Stripe secret and restricted keys
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, // AWS access key ids
  /\bgh[pousr]_[A-Za-z0-9]{36}\b/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{40,}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g, // Slack tokens
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g, // JWTs: header and payload are base64url JSON
];

// Rules in the order they run: secrets first (a JWT's or key's digits must not read as a phone), emails before phones.
const RULES: Rule[] = [
  ...SECRET_PATTERNS.map((pattern): Rule => ({ kind: 'secret', pattern, replace: () => '[secret]' })),
  {
    // "password: hunter2", "pwd = x", "Passwort: …": the label stays, the value goes.
    kind: 'secret',
    pattern: /\b(password|passwort|passwd|pwd|passcode|pin)(\s*[:=]\s*)([^\s,;]+)/gi,
    replace: (_, [label, sep]) => `${label}${sep}[password]`,
    value: (_, [, , secret]) => secret ?? '',
  },
  {
    kind: 'card',
    pattern: /\b\d(?:[ -]?\d){12,18}\b/g, // 13–19 digits, optionally grouped by single spaces or dashes
    replace: (match) => {
      const digits = match.replace(/\D/g, '');
      return luhnValid(digits) ? `[card ending ${digits.slice(-4)}]` : null;
    },
  },
  {
    kind: 'iban', // country, check digits, 11–30 alphanumerics, optionally grouped by four
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g,
    replace: (match) => `[IBAN ${match.replace(/ /g, '').slice(0, 2)}…]`,
  },
  {
    // Passport numbers look like any other reference, so only after the word: "passport no. 533380006", "Passport: GB1234567".
    kind: 'passport',
    pattern: /\b(passport(?:\s+(?:no\.?|number|nr\.?|#))?\s*[:#]?\s*)((?=[A-Z0-9]*\d)[A-Z0-9]{6,9})\b/gi,
    replace: (_, [label]) => `${label}[passport number]`,
    value: (_, [, id]) => id ?? '',
  },
  // US SSN (not 000/666/9xx areas), UK National Insurance number.
  { kind: 'national_id', pattern: /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g, replace: () => '[national id]' },
  { kind: 'national_id', pattern: /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g, replace: () => '[national id]' },
  { kind: 'email', pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g, replace: () => '[email]' },
  {
    // International (+44 20 7946 0958, 8–15 digits) or a grouped national form: (415) 555-0100, 415-555-0100, 020 7946 0958.
    kind: 'phone',
    pattern: /(?:\+\d(?:[ .-]?\(?\d\)?){7,14}|\(\d{3}\) ?\d{3}[ .-]\d{4}|\b\d{3}[.-]\d{3}[.-]\d{4}|\b0\d{2,4} \d{3,4} \d{3,4})\b/g,
    replace: () => '[phone]',
  },
];

/** A value shortened for the list: enough to recognise it, not enough to reuse it. */
function excerptOf(kind: RedactionKind, value: string): string {
  if (kind === 'secret' || kind === 'card' || kind === 'iban') {
    return value.length <= 8 ? '•'.repeat(value.length) : `${value.slice(0, 4)}…${value.slice(-4)}`;
  }
  return value;
}

export function redact(text: string, settings: RedactionSettings = DEFAULT_REDACTION): Redacted {
  const found: Partial<Record<RedactionKind, number>> = {};
  const items: RedactedItem[] = [];
  let out = text;
  for (const rule of RULES) {
    if (!settings[rule.kind]) continue;
    out = out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      // replace() passes the groups, then the offset (the first number), then the whole input.
      const groups = rest
        .slice(
          0,
          rest.findIndex((arg) => typeof arg === 'number'),
        )
        .map((g) => (typeof g === 'string' ? g : ''));
      const replaced = rule.replace(match, groups);
      if (replaced === null) return match;
      found[rule.kind] = (found[rule.kind] ?? 0) + 1;
      items.push({ kind: rule.kind, excerpt: excerptOf(rule.kind, rule.value?.(match, groups) ?? match) });
      return replaced;
    });
  }
  return { text: out, found, items };
}

export function describeRedactions(found: Redacted['found']): string | null {
  const parts = REDACTION_KINDS.filter((k) => found[k]).map((k) => tCount(FOUND[k], found[k] ?? 0));
  return parts.length > 0 ? t('ckb_redaction_notice', parts.join(', ')) : null;
}
