// The stored settings as typed storage items, without zod: the content script reads these and must
// stay small. Extension pages validate with the zod schemas in ./index.ts and ./site-rules.ts
// before writing; readers here check shapes by hand and fall back to defaults.
import { storage } from 'wxt/utils/storage';
import { SITE_NAMES } from '../schema/site-catalog';

export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8787';

export const backendUrlItem = storage.defineItem<string>('local:backendUrl', { fallback: DEFAULT_BACKEND_URL });
export const enabledSitesItem = storage.defineItem<string[]>('local:enabledSites', { fallback: [...SITE_NAMES] });

/** Identity fields a site rule can point a CSS selector at. */
export const RULE_FIELDS = ['email', 'phone', 'twitter', 'name', 'recordId', 'conversation'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/**
 * A custom site: where it applies (a Chrome match pattern, also the host permission asked for) and
 * which elements hold the customer's identities. Made by an admin in the options page
 * (source "admin") or pushed by managers from the server (source "server", written by sync).
 * Validated by SiteRule in ./site-rules.ts; this interface is its inferred shape.
 */
export interface StoredSiteRule {
  id: string;
  name: string;
  match: string;
  enabled: boolean;
  source: 'admin' | 'server';
  visibility: 'public' | 'private';
  selectors: Partial<Record<RuleField, string>>;
  updatedAt: string;
}

/** Every site rule, admin-made and server-pushed, in one list (sync replaces the server ones). */
export const siteRulesItem = storage.defineItem<StoredSiteRule[]>('local:siteRules', { fallback: [] });

/** The enabled site names, or the defaults when the stored value is corrupt. */
export async function loadEnabledSites(): Promise<string[]> {
  const value: unknown = await enabledSitesItem.getValue();
  return Array.isArray(value) && value.every((s) => typeof s === 'string') ? value : [...SITE_NAMES];
}

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
