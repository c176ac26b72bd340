// History import end to end: a manager imports the Zendesk users sample and then the Zendesk tickets sample (built
// from Zendesk's documented ticket fields, e2e/import-samples) through the console of the built extension; on the
// Zendesk fixture page the requester is recognised and the overlay shows the imported ticket — its open case and its
// latest public reply — in their history; importing the tickets again changes nothing.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { customerName, overlayFrameNow } from './overlay-view';

const sample = (name: string) => new URL(`./import-samples/${name}`, import.meta.url).pathname;

const h = harnessForFile({ account: { email: 'manager@tandem.demo', password: 'tandem-demo' } });
let console_: Page;

beforeAll(async () => {
  console_ = await h.openExtensionPage('manager.html');
  await console_.getByRole('button', { name: 'Import customers' }).click();
  await console_.getByTestId('customer-import-team').selectOption('team-care');
});

/** The overlay's texts under a test id (case rows, timeline items); empty while there is no overlay. */
function overlayTexts(page: Page, testId: string) {
  return async () => {
    const frame = overlayFrameNow(page);
    return frame ? await frame.getByTestId('tandem-overlay').getByTestId(testId).allTextContents() : [];
  };
}

async function importTickets(): Promise<string> {
  await console_.getByTestId('history-import-file').setInputFiles(sample('zendesk-tickets.ndjson'));
  await expect.poll(() => console_.getByTestId('history-import-start').textContent()).toBe('Import 3 tickets');
  await console_.getByTestId('history-import-start').click();
  const report = console_.getByTestId('history-import-report');
  await report.waitFor({ timeout: 20_000 });
  return (await report.textContent()) ?? '';
}

describe('history import', () => {
  it('imports the Zendesk tickets of imported customers, shown in the overlay’s history on their ticket page', async () => {
    await console_.getByTestId('customer-import-file').setInputFiles(sample('zendesk-users.ndjson'));
    await console_.getByTestId('customer-import-start').click();
    await console_.getByTestId('customer-import-report').waitFor({ timeout: 20_000 });

    const report = await importTickets();
    expect(report).toContain('3 created · 0 updated · 0 unchanged');
    expect(report).not.toMatch(/Not written|Stopped/);

    const zendesk = await h.context.newPage();
    await zendesk.goto(FIXTURE_URLS.zendeskUnknown);
    await expect.poll(customerName(zendesk), { timeout: 20_000 }).toBe('Sam Unknown');
    // The open ticket is one of Sam's open cases; its latest public reply heads his timeline (the internal note is not there).
    await expect.poll(overlayTexts(zendesk, 'tandem-case'), { timeout: 20_000 }).toEqual([expect.stringContaining('Number port stuck since Monday')]);
    const timeline = await overlayTexts(zendesk, 'tandem-interaction')();
    expect(timeline[0]).toContain('the port should complete within 24 hours');
    expect(timeline.join(' ')).not.toContain('PAC code');
  });

  it('changes nothing when the same ticket export is imported again', async () => {
    await importTickets();
    // The run hides the first run's report, then shows its own once every batch is answered (polled: the click
    // returns before the view has re-rendered).
    const report = console_.getByTestId('history-import-report');
    await expect
      .poll(async () => ((await report.count()) > 0 ? await report.textContent() : ''), { timeout: 20_000 })
      .toContain('0 created · 0 updated · 3 unchanged');
  });
});
