import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveOrgHosts } from './save';
import { keptOrgHosts, loadOrgHosts, orgHostsItem } from './storage';

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

  it('is kept in memory for the background until storage says it changed', async () => {
    await saveOrgHosts(['a.zendesk.com']);
    const orgHosts = keptOrgHosts();
    expect(await orgHosts()).toEqual(['a.zendesk.com']);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect(await orgHosts()).toEqual(['a.zendesk.com']);
    expect(get).not.toHaveBeenCalled();
    await saveOrgHosts(['b.zendesk.com']);
    await vi.waitFor(async () => expect(await orgHosts()).toEqual(['b.zendesk.com']));
    await saveOrgHosts([]);
    await vi.waitFor(async () => expect(await orgHosts()).toEqual([]));
  });
});
