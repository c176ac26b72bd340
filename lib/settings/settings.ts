import { z } from 'zod';
import { SITE_NAMES } from '../schema/site-catalog';
import { backendUrlItem, DEFAULT_BACKEND_URL, enabledSitesItem, semanticSuggestionsItem } from './storage';

export { backendUrlItem, DEFAULT_BACKEND_URL, enabledSitesItem, semanticSuggestionsItem } from './storage';

/** Settings an agent may change in the options page; none of them is a secret. */
export const Settings = z.object({
  backendUrl: z.url(),
  /** Adapter names the overlay runs on. */
  enabledSites: z.array(z.string()),
  /** Suggestions re-ordered by a sentence encoder once it answers (docs/knowledge-eval.md); off by default. */
  semanticSuggestions: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export async function loadSettings(): Promise<Settings> {
  const [backendUrl, enabledSites, semanticSuggestions] = await Promise.all([
    backendUrlItem.getValue(),
    enabledSitesItem.getValue(),
    semanticSuggestionsItem.getValue(),
  ]);
  // A corrupt stored value falls back to defaults rather than breaking every context.
  const parsed = Settings.safeParse({ backendUrl, enabledSites, semanticSuggestions });
  return parsed.success ? parsed.data : { backendUrl: DEFAULT_BACKEND_URL, enabledSites: [...SITE_NAMES], semanticSuggestions: false };
}
