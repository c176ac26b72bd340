// History import end to end: a manager imports a help desk's customers and then its tickets (samples built from
// the vendors' documented fields, e2e/import-samples) through the console of the built extension — Zendesk's JSON
// export and Freshdesk's ticket CSV; on the help desk's fixture page the requester is recognised and the overlay
// shows the imported ticket — its open case and its conversation — in their history; importing again changes nothing.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { HANA_TICKET_PAGE, openFixturePage, recognisedAfterSync, samplePath } from './import-steps';
import { customerName, overlayFrameNow } from './overlay-view';

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

/**
 * Chooses the file in one of the two import panels, starts it and waits for the report to say `counts`: the run
 * hides the last run's report, then shows its own once every batch is answered (polled: the click returns before
 * the view has re-rendered, and choosing the same file again fires no change event).
 */
async function importInto(panel: 'customer' | 'history', name: string, counts: string): Promise<string> {
  await console_.getByTestId(`${panel}-import-file`).setInputFiles(samplePath(name));
  await console_.getByTestId(`${panel}-import-start`).click();
  const report = console_.getByTestId(`${panel}-import-report`);
  const text = async () => ((await report.count()) > 0 ? ((await report.textContent()) ?? '') : '');
  await expect.poll(text, { timeout: 20_000 }).toContain(counts);
  const shown = await text();
  expect(shown).not.toMatch(/Not written|Stopped/);
  return shown;
}

async function chooseTickets(name: string, tickets: number): Promise<string | null> {
  await console_.getByTestId('history-import-file').setInputFiles(samplePath(name));
  await expect.poll(() => console_.getByTestId('history-import-start').textContent()).toBe(`Import ${tickets} tickets`);
  return console_.getByTestId('history-import-format').getAttribute('data-source');
}

describe('history import', () => {
  it('imports the Zendesk tickets of imported customers, shown in the overlay’s history on their ticket page', async () => {
    await importInto('customer', 'zendesk-users.ndjson', '2 created');
    expect(await chooseTickets('zendesk-tickets.ndjson', 3)).toBe('zendesk');
    await importInto('history', 'zendesk-tickets.ndjson', '3 created · 0 updated · 0 unchanged');

    const zendesk = await h.context.newPage();
    await zendesk.goto(FIXTURE_URLS.zendeskUnknown);
    await expect.poll(customerName(zendesk), { timeout: 20_000 }).toBe('Sam Unknown');
    // The open ticket is one of Sam's open cases; its latest public reply heads his timeline (the internal note is not there).
    await expect.poll(overlayTexts(zendesk, 'tandem-case'), { timeout: 20_000 }).toEqual([expect.stringContaining('Number port stuck since Monday')]);
    const timeline = await overlayTexts(zendesk, 'tandem-interaction')();
    expect(timeline[0]).toContain('the port should complete within 24 hours');
    expect(timeline.join(' ')).not.toContain('PAC code');
    await zendesk.close();
  });

  it('changes nothing when the same ticket export is imported again', async () => {
    await importInto('history', 'zendesk-tickets.ndjson', '0 created · 0 updated · 3 unchanged');
  });

  it('imports Freshdesk’s ticket CSV onto the customers of its contacts CSV, shown on the ticket’s page, and again changes nothing', async () => {
    await importInto('customer', 'freshdesk-contacts.csv', '2 created');
    expect(await chooseTickets('freshdesk-tickets.csv', 3)).toBe('freshdesk');
    await importInto('history', 'freshdesk-tickets.csv', '3 created · 0 updated · 0 unchanged');

    const freshdesk = await openFixturePage(h, HANA_TICKET_PAGE, 'Hana Sato');
    await recognisedAfterSync(freshdesk, 'Hana Sato');
    // Her open ticket (88401) is an open case; the closed one (88403) is history. The export's description is the message.
    await expect.poll(overlayTexts(freshdesk, 'tandem-case'), { timeout: 20_000 }).toEqual([expect.stringContaining('No data while roaming in Seoul')]);
    expect((await overlayTexts(freshdesk, 'tandem-interaction')()).join(' ')).toContain('no mobile data');
    await freshdesk.close();

    await importInto('history', 'freshdesk-tickets.csv', '0 created · 0 updated · 3 unchanged');
  });
});
