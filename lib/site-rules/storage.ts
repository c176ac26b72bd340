// The stored site rules, read without zod: the content script reads them and must stay small.
// Extension pages validate with the schema in lib/schema/site-rule.ts before writing (./save.ts);
// the reader here checks shapes by hand and skips what does not fit.
import { storage } from 'wxt/utils/storage';
import type { StoredSiteRule } from '../schema/site-rule';

/** Every site rule, admin-made and server-pushed, in one list (sync replaces the server ones). */
export const siteRulesItem = storage.defineItem<StoredSiteRule[]>('local:siteRules', { fallback: [] });

/** Stored rules that have the expected shape; anything else is skipped, not trusted. */
export async function loadSiteRules(): Promise<StoredSiteRule[]> {
  const value: unknown = await siteRulesItem.getValue();
  return Array.isArray(value) ? value.filter(isStoredSiteRule) : [];
}

function isStoredSiteRule(v: unknown): v is StoredSiteRule {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  const selectors = r.selectors as Record<string, unknown> | null;
  return (
    typeof r.id === 'string' &&
    typeof r.name === 'string' &&
    typeof r.match === 'string' &&
    typeof r.enabled === 'boolean' &&
    (r.visibility === 'public' || r.visibility === 'private') &&
    !!selectors &&
    typeof selectors === 'object' &&
    Object.values(selectors).every((s) => typeof s === 'string')
  );
}
