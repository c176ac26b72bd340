import { describe, expect, it } from 'vitest';
import { captureButton, captureItem, captureLabel, casesOnServer, focusCaptureButton } from './capture-steps';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { overlayFrame } from './overlay-view';

const h = harnessForFile();

const cases = (externalId: string) => casesOnServer(h.directServerUrl, { externalId });

describe('one-click capture', () => {
  it('captures a tweet from its button, shows it in the side panel and delivers it to the server', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.xHome);
    const started = Date.now();
    const result = await captureItem(page, '1861200000000000001');
    expect(await result.textContent()).toContain('Priya Raman');
    const caseId = await result.getAttribute('data-case-id');

    const panel = await h.openExtensionPage('sidepanel.html');
    const row = panel.locator(`[data-testid="tandem-recent-case"][data-case-id="${caseId}"]`);
    await row.waitFor({ timeout: 5000 });
    // From click to the case listed in the side panel; the issue asks for under a second.
    console.log(`capture → side panel: ${Date.now() - started} ms (includes opening the panel)`);
    await expect.poll(() => cases('1861200000000000001'), { timeout: 15_000 }).toHaveLength(1);
    const [onServer] = await cases('1861200000000000001');
    expect(onServer).toMatchObject({ id: caseId, customerId: 'cust-priya-raman', channel: 'twitter' });
    expect(onServer?.source.url).toBe('https://x.com/priyabuilds/status/1861200000000000001');
    await panel.close();
    await page.close();
  });

  it('captures a Facebook comment from its button, linked to the commenter', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.facebookPost);
    const result = await captureItem(page, 'Y29tbWVudDo5MDAx');
    expect(await result.textContent()).toContain('Tom Becker');
    await expect.poll(() => cases('Y29tbWVudDo5MDAx'), { timeout: 15_000 }).toHaveLength(1);
    const [onServer] = await cases('Y29tbWVudDo5MDAx');
    expect(onServer).toMatchObject({ customerId: 'cust-tom-becker', channel: 'facebook' });
    await page.close();
  });

  it('captures a Gmail message from its button as a private email case', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.gmailThread);
    const result = await captureItem(page, '19b1a2c3d4e5f601');
    expect(await result.textContent()).toContain('Lena Vogel');
    await expect.poll(() => cases('19b1a2c3d4e5f601'), { timeout: 15_000 }).toHaveLength(1);
    const [onServer] = await cases('19b1a2c3d4e5f601');
    expect(onServer).toMatchObject({ customerId: 'cust-lena-vogel', channel: 'email' });
    await page.close();
  });

  it('opens the existing case when the same tweet is captured twice', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.tweet);
    // Jane's eSIM tweet is already a case in the demo data: its button says so to the agent (in its closed shadow root).
    await expect.poll(() => captureLabel(page, '1861234567890123456'), { timeout: 10_000 }).toBe('Case ✓');
    const result = await captureItem(page, '1861234567890123456');
    expect(await result.getAttribute('data-status')).toBe('existing');
    expect(await cases('1861234567890123456')).toHaveLength(1);
    await page.close();
  });

  it('opens the capture form from the keyboard: Enter or Space on the focused capture button', async () => {
    for (const key of ['Enter', 'Space']) {
      const page = await h.context.newPage();
      await page.goto(FIXTURE_URLS.xHome);
      await (await captureButton(page, '1861200000000000001')).waitFor();
      await focusCaptureButton(page, '1861200000000000001');
      await page.keyboard.press(key);
      await (await overlayFrame(page)).getByTestId('tandem-capture-form').waitFor();
      await page.close();
    }
  });

  it('captures a selection through the context-menu path', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.zendeskTicket);
    const frame = await overlayFrame(page);
    await frame.getByTestId('tandem-overlay').getByTestId('tandem-customer-name').waitFor();
    const tabId = await h.tabIdOf(page);
    // What the "Capture as case" menu item does with the selected text.
    await h.worker.evaluate(
      async ({ tabId, selection }) => {
        type Tabs = { tabs: { sendMessage(id: number, m: object): Promise<unknown> } };
        await (globalThis as unknown as { chrome: Tabs }).chrome.tabs.sendMessage(tabId, { name: 'overlay.openCapture', payload: { selection } });
      },
      { tabId, selection: 'The roaming charge still shows on the bill.' },
    );
    const form = frame.getByTestId('tandem-capture-form');
    await form.waitFor();
    expect(await form.textContent()).toContain('The roaming charge still shows on the bill.');
    await form.getByLabel('Subject').press('Enter');
    const result = frame.getByTestId('tandem-capture-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('Jane Doe');
    await page.close();
  });

  it('captures offline, marks it waiting to sync, and delivers exactly one case after reconnecting', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.xHome);
    await (await captureButton(page, '1861260000000000003')).waitFor();
    h.network.setOffline(true);
    const result = await captureItem(page, '1861260000000000003');
    expect(await result.textContent()).toContain('new contact');
    await result.getByTestId('tandem-capture-waiting').waitFor();

    const panel = await h.openExtensionPage('sidepanel.html');
    await panel.getByTestId('tandem-waiting').first().waitFor({ timeout: 10_000 });
    // Let the background try (and fail) a few times while offline.
    await page.waitForTimeout(2500);
    expect(await cases('1861260000000000003')).toHaveLength(0);

    h.network.setOffline(false);
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => cases('1861260000000000003'), { timeout: 20_000 }).toHaveLength(1);
    await expect.poll(() => panel.getByTestId('tandem-waiting').count(), { timeout: 10_000 }).toBe(0);
    // And it stays one, however often sync runs again.
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await page.waitForTimeout(1000);
    expect(await cases('1861260000000000003')).toHaveLength(1);
    await panel.close();
    await page.close();
  });
});
