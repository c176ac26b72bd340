// Site rules as the options page (and, later, sync) must validate them before storing: zod, so it
// stays out of the content script, which reads them through ./storage.ts.
import { z } from 'zod';
import { isSiteMatchPattern } from '../schema/match-pattern';
import { RULE_FIELDS, siteRulesItem, type StoredSiteRule } from './storage';

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

export const SiteRuleSelectors = z
  .object(Object.fromEntries(RULE_FIELDS.map((f) => [f, Selector.optional()])) as Record<(typeof RULE_FIELDS)[number], z.ZodOptional<typeof Selector>>)
  .strict()
  .refine((s) => Boolean(s.email || s.phone || s.twitter), 'give at least one identity selector (email, phone or twitter)');

export const SiteRule = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(80),
  /** A Chrome match pattern for one site, e.g. https://crm.example.net/* — also the host permission requested. */
  match: z.string().trim().refine(isSiteMatchPattern, 'a match pattern like https://crm.example.net/* (one site, http or https)'),
  enabled: z.boolean(),
  source: z.enum(['admin', 'server']),
  visibility: z.enum(['public', 'private']).default('private'),
  selectors: SiteRuleSelectors,
  updatedAt: z.iso.datetime({ offset: true }),
});
export type SiteRule = z.infer<typeof SiteRule>;

// The stored shape and the schema must agree.
const _sameShape: StoredSiteRule = {} as SiteRule;
void _sameShape;

export const SiteRules = z.array(SiteRule).max(200);

/** Validates and stores the whole list; throws a ZodError listing what is wrong. */
export async function saveSiteRules(rules: unknown): Promise<SiteRule[]> {
  const parsed = SiteRules.parse(rules);
  const ids = new Set<string>();
  for (const r of parsed) {
    if (ids.has(r.id)) throw new Error(`Two site rules have the id "${r.id}".`);
    ids.add(r.id);
  }
  await siteRulesItem.setValue(parsed);
  return parsed;
}

/** A readable slug for a new rule's name. */
export function ruleId(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'site'
  );
}
