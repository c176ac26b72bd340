// An admin's selector override for a built-in site, end to end: a deliberately broken Zendesk layout
// (e2e/sites/zendesk/variant-broken.html) shows nobody; the admin publishes a site rule for zendesk's
// pages with the new layout's selectors; after one sync the same page, reloaded, shows the stored
// customer — no extension update.
import { describe, expect, it } from 'vitest';
import { BROKEN_VARIANT, type VariantCustomer } from '../bench/recognition/variants';
import { openVariant, seedVariantCustomers, shownCustomer } from '../bench/recognition/walk';
import { harnessForFile } from './file-harness';
import { DEMO_AGENT } from './harness';
import { customerName } from './overlay-view';
import { serverToken } from './server-view';

const h = harnessForFile();
const ADMIN = { email: 'admin@tandem.demo', password: 'tandem-demo' };
const INES: VariantCustomer = { id: 'cust-var-ines', name: 'Ines Duarte', language: 'pt-PT', identities: [{ kind: 'email', value: 'Ines.Duarte@Example.pt' }] };

async function adminCall(path: string, body: unknown): Promise<{ record: { id: string } }> {
  const token = await serverToken(h.directServerUrl, ADMIN);
  const res = await fetch(`${h.directServerUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(res.ok, await res.clone().text()).toBe(true);
  return (await res.json()) as { record: { id: string } };
}

async function storedRules(): Promise<string[]> {
  return h.worker.evaluate(async () => {
    type Local = { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
    const got = await (globalThis as unknown as { chrome: Local }).chrome.storage.local.get('siteRules');
    return ((got.siteRules as { name: string; enabled: boolean }[] | undefined) ?? []).map((r) => `${r.name}:${r.enabled}`);
  });
}

describe('a selector override for a built-in site', () => {
  it('makes a layout the adapter does not know show the right customer after one sync', async () => {
    await seedVariantCustomers(h.directServerUrl, DEMO_AGENT, [INES]);
    const page = await openVariant(h, BROKEN_VARIANT);
    await page.waitForTimeout(1000);
    expect(await shownCustomer(page)).toEqual({ kind: 'none' });

    const created = await adminCall('/manager/site-rules', {
      name: 'Zendesk: next workspace',
      urlPattern: 'https://*.zendesk.com/*',
      selectors: { email: '[data-qa="requester-address"]', name: '[data-qa="requester-name"]' },
      targeting: { teamIds: ['team-care'] },
    });
    await adminCall(`/manager/site-rules/${created.record.id}/publish`, {});
    // The publish wakes the agent's extension (live stream), whose sync brings the rule: on at once, the host is Zendesk's.
    await expect.poll(storedRules, { timeout: 15_000 }).toEqual(['Zendesk: next workspace:true']);

    await page.reload();
    await expect.poll(customerName(page), { timeout: 15_000 }).toBe('Ines Duarte');
    await page.close();
  }, 90_000);
});
