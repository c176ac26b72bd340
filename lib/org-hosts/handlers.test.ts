import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/client';
import { ApiClientError } from '../api/client';
import { createOrgHostHandlers, refreshOrgHosts } from './handlers';

function fakeApi(hosts: string[]) {
  let stored = [...hosts];
  return {
    orgHosts: vi.fn(async () => ({ hosts: stored })),
    crmHosts: vi.fn(async () => ({ hosts: stored })),
    setCrmHosts: vi.fn(async (next: string[]) => ({ hosts: (stored = [...next].sort()) })),
  } as unknown as ApiClient;
}

describe('organisation hosts in the background', () => {
  it('hands the server’s list on after a sync, and leaves the stored one when the server does not answer', async () => {
    const apply = vi.fn(async () => undefined);
    const signedIn = async () => true;
    await refreshOrgHosts(fakeApi(['tandemdemo.zendesk.com']), apply, signedIn);
    expect(apply).toHaveBeenCalledWith(['tandemdemo.zendesk.com']);
    apply.mockClear();
    await refreshOrgHosts({ orgHosts: async () => Promise.reject(new Error('404')) }, apply, signedIn);
    expect(apply).not.toHaveBeenCalled();
  });

  it('does not bring the hosts back when the agent signed out while they were on their way', async () => {
    const apply = vi.fn(async () => undefined);
    await refreshOrgHosts(fakeApi(['tandemdemo.zendesk.com']), apply, async () => false);
    expect(apply).not.toHaveBeenCalled();
  });

  it('saves an admin’s list on the server and registers it in this browser at once', async () => {
    const apply = vi.fn(async () => undefined);
    const api = fakeApi([]);
    const handlers = createOrgHostHandlers({ api: async () => api, apply });
    const sender = {} as never;
    expect(await handlers['orgHosts.save']({ hosts: ['b.zendesk.com', 'a.zendesk.com'] }, sender)).toEqual({ hosts: ['a.zendesk.com', 'b.zendesk.com'] });
    expect(apply).toHaveBeenCalledWith(['a.zendesk.com', 'b.zendesk.com']);
    expect(await handlers['orgHosts.list']({}, sender)).toEqual({ hosts: ['a.zendesk.com', 'b.zendesk.com'] });
  });

  it('passes the server’s refusal on, and changes nothing locally', async () => {
    const apply = vi.fn(async () => undefined);
    const api = { setCrmHosts: async () => Promise.reject(new ApiClientError('forbidden', 'This needs the admin role.', 403)) } as unknown as ApiClient;
    const handlers = createOrgHostHandlers({ api: async () => api, apply });
    await expect(handlers['orgHosts.save']({ hosts: ['a.zendesk.com'] }, {} as never)).rejects.toMatchObject({ code: 'forbidden' });
    expect(apply).not.toHaveBeenCalled();
    const signedOut = createOrgHostHandlers({ api: async () => null, apply });
    await expect(signedOut['orgHosts.list']({}, {} as never)).rejects.toMatchObject({ code: 'signed_out' });
  });
});
