// The organisation's CRM hosts as this extension last received them (GET /org-hosts after each sync;
// none when signed out), read without zod: the content script checks its own host against them.
// The background validates before writing (./save.ts).
import { storage } from 'wxt/utils/storage';

export const orgHostsItem = storage.defineItem<string[]>('local:orgHosts', { fallback: [] });

/** The stored hosts that are strings; anything else is skipped, not trusted. */
export async function loadOrgHosts(): Promise<string[]> {
  const value: unknown = await orgHostsItem.getValue();
  return Array.isArray(value) ? value.filter((h): h is string => typeof h === 'string') : [];
}

/**
 * The hosts as the background keeps them: read once, then from memory until storage says they changed. The page's
 * report checks them on its way to the overlay, and a storage.local read took 5–25 ms there on a busy machine
 * (bench/overlay). The background is their only writer (./save.ts); a read begun before a change is not reused after it.
 */
export function keptOrgHosts(): () => Promise<string[]> {
  let kept: Promise<string[]> | null = null;
  orgHostsItem.watch(() => {
    kept = null;
  });
  return () => {
    kept ??= loadOrgHosts().catch((error: unknown) => {
      kept = null;
      throw error;
    });
    return kept;
  };
}
