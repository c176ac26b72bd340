// Storing site rules from extension pages and the background: zod, so it stays out of the content
// script, which reads them through ./storage.ts.
import { type StoredSiteRule, StoredSiteRules } from '../schema/site-rule';
import { siteRulesItem } from './storage';

/** Validates and stores the whole list; throws a ZodError listing what is wrong. */
export async function saveSiteRules(rules: unknown): Promise<StoredSiteRule[]> {
  const parsed = StoredSiteRules.parse(rules);
  const ids = new Set<string>();
  for (const r of parsed) {
    if (ids.has(r.id)) throw new Error(`Two site rules have the id "${r.id}".`);
    ids.add(r.id);
  }
  await siteRulesItem.setValue(parsed);
  return parsed;
}
