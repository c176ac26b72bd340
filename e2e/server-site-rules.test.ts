import { describe, expect, it } from 'vitest';
import { harnessForFile } from './file-harness';
import { serverToken } from './server-view';

const h = harnessForFile();

async function managerCall(path: string, body: unknown): Promise<{ record: { id: string } }> {
  const token = await serverToken(h.directServerUrl, { email: 'manager@tandem.demo', password: 'tandem-demo' });
  const res = await fetch(`${h.directServerUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
  return (await res.json()) as { record: { id: string } };
}

async function storedRules(): Promise<{ id: string; name: string; source: string; enabled: boolean }[]> {
  return h.worker.evaluate(async () => {
    type Local = { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
    const got = await (globalThis as unknown as { chrome: Local }).chrome.storage.local.get('siteRules');
    return (got.siteRules as { id: string; name: string; source: string; enabled: boolean }[] | undefined) ?? [];
  });
}

describe('site rules pushed by a manager', () => {
  it('reach the agent’s extension without a reload, waiting for the agent to grant the site', async () => {
    const created = await managerCall('/manager/site-rules', {
      name: 'Acme CRM',
      urlPattern: 'https://*.acmecrm.example/*',
      selectors: { email: '.contact-card [data-field="email"]', name: 'h1.contact-name' },
      targeting: { teamIds: ['team-care'] },
    });
    await managerCall(`/manager/site-rules/${created.record.id}/publish`, {});
    // The publish commits a change; the live stream makes the agent's extension sync and fetch the rules.
    await expect
      .poll(async () => (await storedRules()).map((r) => `${r.name}:${r.source}:${r.enabled}`), { timeout: 10_000 })
      .toEqual(['Acme CRM:server:false']);
    const options = await h.openExtensionPage('options.html');
    await expect.poll(async () => (await options.locator('body').textContent()) ?? '', { timeout: 5000 }).toContain('Acme CRM');
    await options.close();
  });
});
