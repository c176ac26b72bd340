import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { assertServerAllowed, effectiveBackendUrl, managedSemanticSuggestions, managedServerUrl, semanticSuggestionsOn } from './managed';

const stored = async () => 'http://127.0.0.1:8787';

describe('the server preset by an enterprise policy', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is absent without a policy: the agent’s own choice stands and any server is allowed', async () => {
    expect(await managedServerUrl()).toBeNull();
    expect(await effectiveBackendUrl(stored)).toBe('http://127.0.0.1:8787');
    await expect(assertServerAllowed('https://elsewhere.example')).resolves.toBeUndefined();
  });

  it('wins over the stored address and refuses signing in anywhere else', async () => {
    await fakeBrowser.storage.managed.set({ serverUrl: 'https://tandem.acme.example/' });
    expect(await effectiveBackendUrl(stored)).toBe('https://tandem.acme.example');
    await expect(assertServerAllowed('https://tandem.acme.example')).resolves.toBeUndefined();
    await expect(assertServerAllowed('https://evil.example')).rejects.toMatchObject({ code: 'managed_server' });
  });

  it('ignores a policy value that is not an http(s) address', async () => {
    await fakeBrowser.storage.managed.set({ serverUrl: 'javascript:alert(1)' });
    expect(await managedServerUrl()).toBeNull();
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
