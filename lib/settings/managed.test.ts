import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { assertServerAllowed, effectiveBackendUrl, managedServerUrl } from './managed';

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
