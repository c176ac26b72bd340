import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { assertServerAllowed, createBackendUrlSource, managedSemanticSuggestions, managedServerUrl, semanticSuggestionsOn } from './managed';

const stored = async () => 'http://127.0.0.1:8787';

describe('the server preset by an enterprise policy', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is absent without a policy: the agent’s own choice stands and any server is allowed', async () => {
    expect(await managedServerUrl()).toBeNull();
    expect(await createBackendUrlSource(stored)()).toBe('http://127.0.0.1:8787');
    await expect(assertServerAllowed('https://elsewhere.example')).resolves.toBeUndefined();
  });

  it('wins over the stored address and refuses signing in anywhere else', async () => {
    await fakeBrowser.storage.managed.set({ serverUrl: 'https://tandem.acme.example/' });
    expect(await createBackendUrlSource(stored)()).toBe('https://tandem.acme.example');
    await expect(assertServerAllowed('https://tandem.acme.example')).resolves.toBeUndefined();
    await expect(assertServerAllowed('https://evil.example')).rejects.toMatchObject({ code: 'managed_server' });
  });

  it('ignores a policy value that is not an http(s) address', async () => {
    await fakeBrowser.storage.managed.set({ serverUrl: 'javascript:alert(1)' });
    expect(await managedServerUrl()).toBeNull();
  });
});

describe('the server address while the browser’s policy service is still starting', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  /** storage.managed answering only when `answer` is called, as Chrome's does for seconds after the browser starts. */
  function slowPolicyService() {
    let answer!: () => void;
    const ready = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const real = fakeBrowser.storage.managed.get.bind(fakeBrowser.storage.managed);
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(async (keys?: unknown) => {
      await ready;
      return real(keys as string);
    });
    return { answer };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  /** Asks for the address while the policy service is silent, checks the answer waits for it, then lets it answer. */
  async function addressOnceAnswered(): Promise<string | undefined> {
    const policy = slowPolicyService();
    const backendUrl = createBackendUrlSource(stored);
    let url: string | undefined;
    void backendUrl().then((u) => {
      url = u;
    });
    await settle();
    expect(url).toBeUndefined();
    policy.answer();
    await settle();
    return url;
  }

  it('waits for the first answer on a fresh install, then keeps it for the next start', async () => {
    await fakeBrowser.storage.managed.set({ serverUrl: 'https://tandem.acme.example' });
    expect(await addressOnceAnswered()).toBe('https://tandem.acme.example');
    expect(await fakeBrowser.storage.local.get('lastPolicyAnswer')).toEqual({ lastPolicyAnswer: { serverUrl: 'https://tandem.acme.example' } });
  });

  it('answers at once with the previous start’s answer, and follows the new answer once it comes', async () => {
    await fakeBrowser.storage.local.set({ lastPolicyAnswer: { serverUrl: 'https://tandem.acme.example' } });
    const policy = slowPolicyService(); // the organisation has since removed its preset
    const backendUrl = createBackendUrlSource(stored);
    expect(await backendUrl()).toBe('https://tandem.acme.example');
    policy.answer();
    await settle();
    expect(await backendUrl()).toBe('http://127.0.0.1:8787');
    expect(await fakeBrowser.storage.local.get('lastPolicyAnswer')).toEqual({ lastPolicyAnswer: { serverUrl: null } });
  });

  it('does not trust a corrupt previous answer: it waits for the policy service instead', async () => {
    await fakeBrowser.storage.local.set({ lastPolicyAnswer: { serverUrl: 'javascript:alert(1)' } });
    expect(await addressOnceAnswered()).toBe('http://127.0.0.1:8787');
  });

  it('still makes a sign-in wait for the policy itself, whatever the previous start was told', async () => {
    await fakeBrowser.storage.local.set({ lastPolicyAnswer: { serverUrl: null } });
    await fakeBrowser.storage.managed.set({ serverUrl: 'https://tandem.acme.example' });
    const policy = slowPolicyService();
    const allowed = assertServerAllowed('https://evil.example');
    policy.answer();
    await expect(allowed).rejects.toMatchObject({ code: 'managed_server' });
  });
});

describe('suggestions by meaning', () => {
  beforeEach(() => fakeBrowser.reset());

  it('follow the agent’s choice without a policy, and are off for a missing or corrupt value', async () => {
    expect(await managedSemanticSuggestions()).toBeNull();
    expect(await semanticSuggestionsOn(async () => true)).toBe(true);
    expect(await semanticSuggestionsOn(async () => undefined)).toBe(false);
    expect(await semanticSuggestionsOn(async () => 'yes')).toBe(false);
  });

  it('follow the policy when it sets them, either way', async () => {
    await fakeBrowser.storage.managed.set({ semanticSuggestions: false });
    expect(await semanticSuggestionsOn(async () => true)).toBe(false);
    await fakeBrowser.storage.managed.set({ semanticSuggestions: true });
    expect(await semanticSuggestionsOn(async () => false)).toBe(true);
  });

  it('ignore a policy value that is not a boolean, and keep reading the server preset beside it', async () => {
    await fakeBrowser.storage.managed.set({ semanticSuggestions: 'on', serverUrl: 'https://tandem.acme.example' });
    expect(await managedSemanticSuggestions()).toBeNull();
    expect(await managedServerUrl()).toBe('https://tandem.acme.example');
  });
});
