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
