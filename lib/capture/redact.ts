/**
 * Sensitive-data redaction applied to captured text before it is stored or synced. Patterns are
 * deliberately conservative: card numbers must pass the Luhn check, so order numbers survive.
 */
export type RedactionKind = 'card' | 'national_id' | 'iban';

export interface RedactionSettings {
  card: boolean;
  national_id: boolean;
  iban: boolean;
}

export const DEFAULT_REDACTION: RedactionSettings = { card: true, national_id: true, iban: true };

export interface Redacted {
  text: string;
  /** What was removed, by kind, so the agent can see it happened. */
  found: Partial<Record<RedactionKind, number>>;
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

// 13–19 digits, optionally grouped by single spaces or dashes.
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
// US SSN (not 000/666/9xx areas), UK National Insurance number.
const NATIONAL_IDS = [/\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g, /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g];
// IBAN: country, check digits, 11–30 alphanumerics, optionally grouped by four.
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;

export function redact(text: string, settings: RedactionSettings = DEFAULT_REDACTION): Redacted {
  const found: Partial<Record<RedactionKind, number>> = {};
  const count = (kind: RedactionKind) => (found[kind] = (found[kind] ?? 0) + 1);
  let out = text;
  if (settings.card) {
    out = out.replace(CARD, (match) => {
      const digits = match.replace(/\D/g, '');
      if (!luhnValid(digits)) return match;
      count('card');
      return `[card ending ${digits.slice(-4)}]`;
    });
  }
  if (settings.iban) {
    out = out.replace(IBAN, (match) => {
      count('iban');
      return `[IBAN ${match.replace(/ /g, '').slice(0, 2)}…]`;
    });
  }
  if (settings.national_id) {
    for (const pattern of NATIONAL_IDS) {
      out = out.replace(pattern, () => {
        count('national_id');
        return '[national id]';
      });
    }
  }
  return { text: out, found };
}

export function describeRedactions(found: Redacted['found']): string | null {
  const labels: Record<RedactionKind, string> = { card: 'card number', national_id: 'national id', iban: 'bank account (IBAN)' };
  const parts = (Object.entries(found) as [RedactionKind, number][]).map(([k, n]) => `${n} ${labels[k]}${n === 1 ? '' : 's'}`);
  return parts.length > 0 ? `Removed before saving: ${parts.join(', ')}.` : null;
}
