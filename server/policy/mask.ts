// How a masked value looks: enough to tell two apart and to read it back to the customer ("the number ending 4321"),
// not enough to use it. Pure functions over one value; which values are masked is server/policy/field-policy.ts's call.
import type { Identity } from '../../lib/schema/entities';

export const MASK = '•••';

/** "jane.doe@example.com" → "j•••@example.com": the domain stays, as support needs it (which company, which provider). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return MASK;
  return `${email.slice(0, 1)}${MASK}${email.slice(at)}`;
}

/** "+14155554321" → "•••• 4321": the last four digits, as a bank reads a card back. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `•••• ${digits.slice(-4)}`;
}

/** "Jane Doe" → "J••• D•••": initials only. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${Array.from(part)[0] ?? ''}${MASK}`)
    .join(' ');
}

/** A handle or a record id keeps its first character. */
export function maskIdentity(identity: Identity): Identity {
  if (identity.kind === 'email') return { kind: identity.kind, value: maskEmail(identity.value) };
  if (identity.kind === 'phone') return { kind: identity.kind, value: maskPhone(identity.value) };
  return { kind: identity.kind, value: `${Array.from(identity.value)[0] ?? ''}${MASK}` };
}

const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** A run of at least seven digits with the separators phone numbers are written with. */
const PHONE_IN_TEXT = /\+?\d[\d\s().-]{5,}\d/g;

/**
 * Free text (an interaction, a case's subject) with the emails and phone numbers in it masked, where the policy masks
 * those kinds: an agent's reply that quotes the customer's address would otherwise carry it in full.
 */
export function maskInText(text: string, kinds: { email: boolean; phone: boolean }): string {
  let out = text;
  if (kinds.email) out = out.replace(EMAIL_IN_TEXT, maskEmail);
  if (kinds.phone) out = out.replace(PHONE_IN_TEXT, (run) => (run.replace(/\D/g, '').length >= 7 ? maskPhone(run) : run));
  return out;
}
