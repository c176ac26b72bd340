import { browser } from 'wxt/browser';
import { z } from 'zod';
import { MessageError } from '../messaging/error';
import { HttpUrl } from '../schema';

/** What an enterprise policy may preset (public/managed_schema.json says the same to the browser). */
const ManagedSettings = z.object({ serverUrl: HttpUrl.optional() });

/**
 * The Tandem server an organisation's policy set, or null: no policy, a browser without managed storage
 * (Firefox without a policies.json entry), or a value that is not an http(s) address (ignored, not trusted).
 */
export async function managedServerUrl(): Promise<string | null> {
  try {
    const parsed = ManagedSettings.safeParse(await browser.storage.managed.get('serverUrl'));
    return parsed.success ? (parsed.data.serverUrl?.replace(/\/+$/, '') ?? null) : null;
  } catch {
    // Chrome rejects when no policy schema applies; Firefox when no managed storage manifest exists.
    return null;
  }
}

/** The server to use: the policy's when one is set, else the agent's own choice. */
export async function effectiveBackendUrl(stored: () => Promise<string>): Promise<string> {
  return (await managedServerUrl()) ?? (await stored());
}

/** Refuses a sign-in to any server but the one the organisation's policy set. */
export async function assertServerAllowed(url: string): Promise<void> {
  const managed = await managedServerUrl();
  if (managed && url.replace(/\/+$/, '') !== managed)
    throw new MessageError('managed_server', `Your organisation has set the Tandem server to ${managed}; sign in there.`);
}
