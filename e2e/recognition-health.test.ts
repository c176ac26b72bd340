// Recognition health end to end: a Zendesk ticket in a layout no adapter layer knows (a deliberately broken
// variant) shows nobody; the content script reports the miss, the next sync sends it, and the admin's
// "Recognition health" view in the manager console shows it for zendesk with the address's pattern only.
import { describe, expect, it } from 'vitest';
import { BROKEN_VARIANT as BROKEN } from '../bench/recognition/variants';
import { openVariant, shownCustomer } from '../bench/recognition/walk';
import { harnessForFile } from './file-harness';
import { serverToken } from './server-view';

const ADMIN = { email: 'admin@tandem.demo', password: 'tandem-demo' };
const h = harnessForFile({ account: ADMIN });

/** Runs one sync the way the popup's "Sync now" does. */
async function syncNow(): Promise<void> {
  const popup = await h.openExtensionPage('popup.html');
  await popup.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
      name: 'sync.now',
      payload: {},
    }),
  );
  await popup.close();
}

async function zendeskMisses(): Promise<number> {
  const token = await serverToken(h.directServerUrl, ADMIN);
  const res = await fetch(`${h.directServerUrl}/recognition/health`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { sites: { site: string; missed: number }[] };
  return body.sites.find((s) => s.site === 'zendesk')?.missed ?? 0;
}

describe('recognition health', () => {
  it('shows a miss on a page with an unknown layout in the admin’s health view after one sync', async () => {
    const page = await openVariant(h, BROKEN);
    // Nobody: no layer finds the requester.
    await page.waitForTimeout(1000);
    expect(await shownCustomer(page)).toEqual({ kind: 'none' });
    // Leaving the ticket ends the visit: the miss is reported without waiting for the page to settle.
    await page.goto('https://tandemdemo.zendesk.com/agent/tickets/4521');
    await page.close();

    await syncNow();
    await expect.poll(zendeskMisses, { timeout: 15_000 }).toBe(1);

    const manager = await h.openExtensionPage('manager.html');
    await manager.getByRole('button', { name: 'Recognition health' }).click();
    const row = manager.locator('[data-testid="recognition-site"][data-site="zendesk"]');
    await expect.poll(() => row.getAttribute('data-missed'), { timeout: 10_000 }).toBe('1');
    const lastMiss = (await row.getByTestId('recognition-last-miss').textContent()) ?? '';
    expect(lastMiss).toContain('/agent/tickets/:id');
    expect(lastMiss).not.toContain('4603');
    await manager.close();
  }, 90_000);
});
