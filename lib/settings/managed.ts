import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { MessageError } from '../messaging/error';
import { HttpUrl } from '../schema';

/** What an enterprise policy may preset (public/managed_schema.json says the same to the browser). */
const ManagedSettings = z.object({ serverUrl: HttpUrl.optional(), semanticSuggestions: z.boolean().optional() });
type ManagedSettings = z.infer<typeof ManagedSettings>;

/** One policy value, or undefined: no policy, no managed storage, or a value of the wrong type (ignored, not trusted). */
async function managedValue<K extends keyof ManagedSettings>(key: K): Promise<ManagedSettings[K] | undefined> {
  try {
    // Only this key is read, so another key's bad value cannot void it.
    const parsed = ManagedSettings.safeParse(await browser.storage.managed.get(key));
    return parsed.success ? parsed.data[key] : undefined;
  } catch {
    // Chrome rejects when no policy schema applies; Firefox when no managed storage manifest exists.
    return undefined;
  }
}

/**
 * The Tandem server an organisation's policy set, or null: no policy, a browser without managed storage
 * (Firefox without a policies.json entry), or a value that is not an http(s) address (ignored, not trusted).
 */
export async function managedServerUrl(): Promise<string | null> {
  return (await managedValue('serverUrl'))?.replace(/\/+$/, '') ?? null;
}

/** Whether an organisation's policy turned suggestions by meaning on or off (null: the agent decides). */
export async function managedSemanticSuggestions(): Promise<boolean | null> {
  return (await managedValue('semanticSuggestions')) ?? null;
}

/** Suggestions by meaning: the policy's choice when it made one, else the agent's (a corrupt stored value is off). */
export async function semanticSuggestionsOn(stored: () => Promise<unknown>): Promise<boolean> {
  return (await managedSemanticSuggestions()) ?? (await stored()) === true;
}

/** What the policy service last answered for the server preset (null: none), kept for the worker's next start. */
const LastPolicyAnswer = z.object({ serverUrl: HttpUrl.nullable() });
const lastPolicyAnswerItem = storage.defineItem<unknown>('local:lastPolicyAnswer');

/**
 * The server to use — the policy's when one is set, else the agent's own choice — without waiting on a policy service that is still starting. Chrome's `storage.managed` answers
 * only once the browser's policy service has initialised — seconds after the browser starts, policy or not — and
 * every request to the server (the first sync after a restart, the live stream, the popup's status) asks for the
 * address. So the policy is read once when the worker starts; until it answers, the answer the previous start got
 * stands in (an organisation's preset rarely changes between two starts, and the answer replaces it as soon as it
 * comes). With no previous answer (a fresh install) the first callers wait for it. Signing in still waits for the
 * policy itself (assertServerAllowed).
 */
export function createBackendUrlSource(stored: () => Promise<string>): () => Promise<string> {
  let answered: { serverUrl: string | null } | undefined;
  const answering = managedServerUrl().then(async (serverUrl) => {
    answered = { serverUrl };
    await lastPolicyAnswerItem.setValue(answered).catch(() => undefined); // a full disk costs the next start its head start only
    return answered;
  });
  return async () => {
    const policy = answered ?? LastPolicyAnswer.safeParse(await lastPolicyAnswerItem.getValue()).data ?? (await answering);
    return policy.serverUrl ?? (await stored());
  };
}

/** Refuses a sign-in to any server but the one the organisation's policy set. */
export async function assertServerAllowed(url: string): Promise<void> {
  const managed = await managedServerUrl();
  if (managed && url.replace(/\/+$/, '') !== managed)
    throw new MessageError('managed_server', `Your organisation has set the Tandem server to ${managed}; sign in there.`);
}
