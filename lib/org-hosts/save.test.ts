import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveOrgHosts } from './save';
import { loadOrgHosts, orgHostsItem } from './storage';

describe('the stored organisation hosts', () => {
  beforeEach(() => fakeBrowser.reset());

  it('says whether the list changed, and refuses a host that is no vendor tenant', async () => {
    expect(await saveOrgHosts(['b.zendesk.com', 'a.zendesk.com'])).toBe(true);
    expect(await loadOrgHosts()).toEqual(['a.zendesk.com', 'b.zendesk.com']);
    expect(await saveOrgHosts(['a.zendesk.com', 'b.zendesk.com'])).toBe(false);
    await expect(saveOrgHosts(['evil.example.com'])).rejects.toThrow(/is no tenant of/);
    expect(await loadOrgHosts()).toEqual(['a.zendesk.com', 'b.zendesk.com']);
  });

  it('reads only strings from storage (the content script trusts nothing else)', async () => {
    await orgHostsItem.setValue(['a.zendesk.com', 42, null] as unknown as string[]);
    expect(await loadOrgHosts()).toEqual(['a.zendesk.com']);
  });
});
