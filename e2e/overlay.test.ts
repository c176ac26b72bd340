import { describe, expect, it } from 'vitest';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { overlayFrameNow, overlayOf } from './overlay-view';
import { serverRecords } from './server-view';

const h = harnessForFile();

describe('overlay on the Zendesk agent workspace', () => {
  it('names the ticket requester with their tier and open cases from the synced cache', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.zendeskTicket);
    const overlay = await overlayOf(page);
    await expect.poll(() => overlay.getByTestId('tandem-customer-name').textContent(), { timeout: 10_000 }).toBe('Jane Doe');
    expect(await overlay.getByTestId('tandem-customer-tier').textContent()).toBe('gold');
    expect(await overlay.getByTestId('tandem-case').count()).toBeGreaterThan(0);

    // The side panel, pinned to that tab, shows the same context in full.
    const panel = await h.openExtensionPage(`sidepanel.html?tabId=${await h.tabIdOf(page)}`);
    const workspace = panel.getByTestId('tandem-workspace');
    await expect.poll(() => workspace.getByTestId('tandem-customer-name').textContent(), { timeout: 10_000 }).toBe('Jane Doe');
    expect(await workspace.getByTestId('tandem-workspace-source').textContent()).toContain('zendesk');
    expect(await workspace.getByTestId('tandem-interaction').count()).toBeGreaterThan(0);
    await panel.close();
    await page.close();
  });

  it('shows a requester who is not in Tandem as unknown, with the identities found', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.zendeskUnknown);
    const overlay = await overlayOf(page);
    await overlay.getByTestId('tandem-unknown').waitFor({ timeout: 10_000 });
    expect(await overlay.getByTestId('tandem-unknown').textContent()).toContain('sam.unknown@example.com');
    await page.close();
  });
});

describe('an unknown person', () => {
  it('becomes a contact in one click, shown at once and delivered to the server', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.zendeskUnknown);
    const overlay = await overlayOf(page);
    await overlay.getByTestId('tandem-create-contact').click();
    await expect.poll(() => overlay.getByTestId('tandem-customer-tier').textContent(), { timeout: 10_000 }).toBe('standard');
    expect(await overlay.getByTestId('tandem-customer-name').textContent()).toBe('Sam Unknown');

    const onServer = async () =>
      (await serverRecords(h.directServerUrl)).flatMap((c) =>
        c.entity === 'customers' && c.record.identities.some((i) => i.value === 'sam.unknown@example.com') ? [c.record.name] : [],
      );
    await expect.poll(onServer, { timeout: 15_000 }).toEqual(['Sam Unknown']);
    await page.close();
  });
});

describe('sites that are not supported', () => {
  it('gets nothing injected', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.unsupported);
    await page.waitForLoadState('load');
    // Give a content script, were one to run, the time it takes on supported sites.
    await page.waitForTimeout(1000);
    expect(overlayFrameNow(page)).toBeNull();
    await page.close();
  });
});
