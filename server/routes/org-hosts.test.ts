import { beforeAll, describe, expect, it } from 'vitest';
import { OrgHostsResponse } from '../../lib/schema/org-hosts-api';
import { DEMO_CLOCK, DEMO_ORG_HOSTS } from '../seed/demo';
import { appForSuite, ENGINES, expectError, expectOk } from '../testing';

describe.each(ENGINES)('organisation hosts on %s', (engine) => {
  const { api } = appForSuite(engine, { now: () => DEMO_CLOCK });
  let admin: string;
  let agent: string;
  let manager: string;

  beforeAll(async () => {
    admin = await api.signIn('admin@tandem.demo');
    agent = await api.signIn('agent@tandem.demo');
    manager = await api.signIn('manager@tandem.demo');
  });

  const published = async (token: string) => (await expectOk(await api.get('/org-hosts', token), OrgHostsResponse)).hosts;

  it('gives every signed-in user the demo organisation’s tenants', async () => {
    expect(await published(agent)).toEqual([...DEMO_ORG_HOSTS].sort());
    expect(await published(manager)).toEqual([...DEMO_ORG_HOSTS].sort());
    await expectError(await api.get('/org-hosts'), 401, 'unauthorized');
  });

  it('lets an admin replace the list, which every user then receives, lower-cased and sorted', async () => {
    const hosts = ['Acme.Zendesk.com', 'tandemdemo.freshdesk.com'];
    const saved = await expectOk(await api.put('/admin/crm-hosts', admin, { hosts }), OrgHostsResponse);
    expect(saved.hosts).toEqual(['acme.zendesk.com', 'tandemdemo.freshdesk.com']);
    expect(await published(agent)).toEqual(['acme.zendesk.com', 'tandemdemo.freshdesk.com']);
    expect((await expectOk(await api.get('/admin/crm-hosts', admin), OrgHostsResponse)).hosts).toEqual(saved.hosts);
    await expectOk(await api.put('/admin/crm-hosts', admin, { hosts: [...DEMO_ORG_HOSTS] }), OrgHostsResponse);
  });

  it.each([
    ['a wildcard', '*.zendesk.com'],
    ['another vendor', 'evil.example.com'],
    ['the vendor itself', 'zendesk.com'],
    ['a scheme', 'https://acme.zendesk.com'],
    ['a path', 'acme.zendesk.com/agent'],
    ['a port', 'acme.zendesk.com:8443'],
    ['a look-alike', 'acme.zendesk.com.evil.example'],
  ])('refuses %s with a message that says why, and keeps the list', async (_, host) => {
    const error = await expectError(await api.put('/admin/crm-hosts', admin, { hosts: [host] }), 400, 'invalid_request');
    expect(JSON.stringify(error.error.details)).toContain(host.toLowerCase());
    expect(await published(agent)).toEqual([...DEMO_ORG_HOSTS].sort());
  });

  it('refuses a host listed twice', async () => {
    await expectError(await api.put('/admin/crm-hosts', admin, { hosts: ['a.zendesk.com', 'A.zendesk.com'] }), 400, 'invalid_request');
  });

  it('is for admins only: a manager or an agent cannot read or change it', async () => {
    for (const token of [agent, manager]) {
      await expectError(await api.get('/admin/crm-hosts', token), 403, 'forbidden');
      await expectError(await api.put('/admin/crm-hosts', token, { hosts: ['evil-tenant.zendesk.com'] }), 403, 'forbidden');
    }
    expect(await published(agent)).not.toContain('evil-tenant.zendesk.com');
  });

  it('wakes connected extensions, so they read the new list with their next sync', async () => {
    const live = await api.openLive(agent);
    try {
      await live.until((t) => t.includes(': connected'));
      await expectOk(await api.put('/admin/crm-hosts', admin, { hosts: [...DEMO_ORG_HOSTS, 'new.zendesk.com'] }), OrgHostsResponse);
      await live.until(() => live.events('cursor').length > 0);
    } finally {
      live.close();
      await api.put('/admin/crm-hosts', admin, { hosts: [...DEMO_ORG_HOSTS] });
    }
  });
});
