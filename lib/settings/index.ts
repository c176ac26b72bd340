import { storage } from 'wxt/utils/storage';
import { z } from 'zod';

export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8787';

/** Settings an agent may change in the options page; none of them is a secret. */
export const Settings = z.object({
  backendUrl: z.url(),
  /** Adapter names the overlay runs on. */
  enabledSites: z.array(z.string()),
});
export type Settings = z.infer<typeof Settings>;

export const ALL_SITES = ['twitter', 'facebook', 'salesforce', 'zendesk', 'hubspot', 'gmail', 'freshdesk', 'dynamics'] as const;

export const backendUrlItem = storage.defineItem<string>('local:backendUrl', { fallback: DEFAULT_BACKEND_URL });
export const enabledSitesItem = storage.defineItem<string[]>('local:enabledSites', { fallback: [...ALL_SITES] });

export async function loadSettings(): Promise<Settings> {
  const [backendUrl, enabledSites] = await Promise.all([backendUrlItem.getValue(), enabledSitesItem.getValue()]);
  // A corrupt stored value falls back to defaults rather than breaking every context.
  const parsed = Settings.safeParse({ backendUrl, enabledSites });
  return parsed.success ? parsed.data : { backendUrl: DEFAULT_BACKEND_URL, enabledSites: [...ALL_SITES] };
}
