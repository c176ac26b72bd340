import { z } from 'zod';
import { SITE_NAMES } from '../schema/site-catalog';
import { backendUrlItem, DEFAULT_BACKEND_URL, enabledSitesItem } from './storage';

export { backendUrlItem, DEFAULT_BACKEND_URL, enabledSitesItem } from './storage';

/** Settings an agent may change in the options page; none of them is a secret. */
export const Settings = z.object({
  backendUrl: z.url(),
  /** Adapter names the overlay runs on. */
  enabledSites: z.array(z.string()),
});
export type Settings = z.infer<typeof Settings>;

export async function loadSettings(): Promise<Settings> {
  const [backendUrl, enabledSites] = await Promise.all([backendUrlItem.getValue(), enabledSitesItem.getValue()]);
  // A corrupt stored value falls back to defaults rather than breaking every context.
  const parsed = Settings.safeParse({ backendUrl, enabledSites });
  return parsed.success ? parsed.data : { backendUrl: DEFAULT_BACKEND_URL, enabledSites: [...SITE_NAMES] };
}
