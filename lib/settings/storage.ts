// The stored settings as typed storage items, without zod: the content script reads these and must
// stay small. Extension pages validate with the zod schema in ./index.ts before writing; readers
// here check shapes by hand and fall back to defaults. Site rules are stored by lib/site-rules/.
import { storage } from 'wxt/utils/storage';
import { SITE_NAMES } from '../schema/site-catalog';

export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8787';

export const backendUrlItem = storage.defineItem<string>('local:backendUrl', { fallback: DEFAULT_BACKEND_URL });
export const enabledSitesItem = storage.defineItem<string[]>('local:enabledSites', { fallback: [...SITE_NAMES] });
/** The semantic stage re-orders suggestions by meaning (lib/knowledge/semantic/): off unless the agent or a policy turns it on. */
export const semanticSuggestionsItem = storage.defineItem<boolean>('local:semanticSuggestions', { fallback: false });

/** The enabled site names, or the defaults when the stored value is corrupt. */
export async function loadEnabledSites(): Promise<string[]> {
  const value: unknown = await enabledSitesItem.getValue();
  return Array.isArray(value) && value.every((s) => typeof s === 'string') ? value : [...SITE_NAMES];
}
