// The kinds of sensitive text captures redact (lib/capture/redact.ts) and their defaults, zod-free, so
// the server's per-team options (./capture-privacy.ts) and the extension share one list.
export const REDACTION_KINDS = ['secret', 'card', 'iban', 'passport', 'national_id', 'email', 'phone'] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

export type RedactionSettings = Record<RedactionKind, boolean>;

/** Emails and phones inside captured text are often the point of the case: off unless the team turns them on. */
export const DEFAULT_REDACTION: RedactionSettings = { card: true, national_id: true, iban: true, passport: true, secret: true, email: false, phone: false };

/** What the capture form lists for each value it will remove (lib/capture/redact.ts). */
export interface RedactedItem {
  kind: RedactionKind;
  /** Shortened: enough to recognise it, not enough to reuse it. */
  excerpt: string;
}
