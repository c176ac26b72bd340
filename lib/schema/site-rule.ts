// A custom site as this device stores it: made by an admin in the options page (source "admin") or
// a manager's published rule pushed by the server (source "server", written by sync). Extension
// pages validate with these schemas before storing (lib/site-rules/save.ts); the content script
// reads the stored rules without zod (lib/site-rules/storage.ts) and imports only the type.
import { z } from 'zod';
import { isSiteMatchPattern } from './match-pattern';

/** Identity fields a site rule can point a CSS selector at. */
export const RULE_FIELDS = ['email', 'phone', 'twitter', 'name', 'recordId', 'conversation'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/** A CSS selector: non-empty, bounded, and accepted by the browser's parser where one is at hand. */
const Selector = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((s) => {
    if (typeof document === 'undefined') return true;
    try {
      document.createDocumentFragment().querySelector(s);
      return true;
    } catch {
      return false;
    }
  }, 'not a valid CSS selector');

const StoredRuleSelectors = z
  .object(Object.fromEntries(RULE_FIELDS.map((f) => [f, Selector.optional()])) as Record<RuleField, z.ZodOptional<typeof Selector>>)
  .strict()
  .refine((s) => Boolean(s.email || s.phone || s.twitter), 'give at least one identity selector (email, phone or twitter)');

export const StoredSiteRule = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(80),
  /** A Chrome match pattern for one site, e.g. https://crm.example.net/* — also the host permission requested. */
  match: z.string().trim().refine(isSiteMatchPattern, 'a match pattern like https://crm.example.net/* (one site, http or https)'),
  enabled: z.boolean(),
  source: z.enum(['admin', 'server']),
  visibility: z.enum(['public', 'private']).default('private'),
  selectors: StoredRuleSelectors,
  updatedAt: z.iso.datetime({ offset: true }),
});
export type StoredSiteRule = z.infer<typeof StoredSiteRule>;

/** Every stored rule, admin-made and server-pushed, in one list. */
export const StoredSiteRules = z.array(StoredSiteRule).max(200);
