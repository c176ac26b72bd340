// Agents' workaround notes offered to the manager (issue 22, docs/incidents.md "Agents' notes"): an agent captures a
// burst of similar tweets, then in the side panel adds a note marked "Workaround" to one of the cases; once it has
// synced, the manager's console offers it under the possible incident's card, the manager picks it, and the broadcast
// made of the incident carries it (the server's incident keeps it as its workaround).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureItem } from './capture-steps';
import { harnessPairForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { addTweets, incidentsOnServer, type TweetAuthors } from './incident-steps';

const MANAGER = { email: 'manager@tandem.demo', password: 'tandem-demo' };
const OUTAGE_TWEETS = [
  'No signal at all in Leeds since this morning, what is going on?',
  'Is the network down in Leeds? Zero signal on my phone',
  'Anyone else in Leeds with no signal? Phone says SOS only',
  'Still no signal here in Leeds, bars gone completely',
  'Leeds city centre: no signal and no data for an hour now',
  'Total loss of signal in Leeds, restarted twice',
];
const NOTE = 'Airplane mode on for ten seconds, then off: the phone finds the Bradford mast.';

const { agent, other: manager } = harnessPairForFile(MANAGER);
let consolePage: Page;

const AUTHORS: TweetAuthors = { idPrefix: '18695', handlePrefix: 'wkr', namePrefix: 'Lee Caller' };

beforeAll(async () => {
  consolePage = await manager.openExtensionPage('manager.html');
  await consolePage.getByTestId('manager-user').filter({ hasText: 'manager' }).waitFor({ timeout: 15_000 });
}, 120_000);

describe("agents' workaround notes", () => {
  it('offers the note an agent marked workaround on a case of the burst in the manager’s broadcast draft, and broadcasts the one picked', async () => {
    const stamp = Date.now().toString(36);
    let tweetIds: string[] = [];
    for (const [i] of OUTAGE_TWEETS.entries()) {
      const page = await agent.context.newPage();
      await page.goto(FIXTURE_URLS.xHome);
      tweetIds = await addTweets(page, OUTAGE_TWEETS, stamp, AUTHORS);
      await captureItem(page, tweetIds[i] ?? '');
      await page.close();
    }
    const card = consolePage.getByTestId('incident-card');
    await card.waitFor({ timeout: 30_000 });

    // The agent notes the workaround on the third case from the side panel's recent cases.
    const panel = await agent.openExtensionPage('sidepanel.html');
    const row = panel.locator(`[data-testid="tandem-recent-case"][data-external-id="${tweetIds[2]}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.locator('summary').click();
    await row.getByTestId('tandem-case-note-text').fill(NOTE);
    await row.getByTestId('tandem-case-note-workaround').check();
    await row.getByTestId('tandem-case-note-add').click();
    await row.getByTestId('tandem-case-note').filter({ hasText: NOTE }).waitFor({ timeout: 15_000 });

    // The manager's console offers it, once synced, under the card: with the case, not the customer.
    const offers = consolePage.getByTestId('incident-workarounds');
    const offered = offers.getByTestId('incident-workaround-text').filter({ hasText: NOTE });
    await offered.waitFor({ timeout: 30_000 });
    expect(await offers.textContent()).not.toMatch(/wkr_|Lee Caller/);
    await offers.locator('label').filter({ hasText: NOTE }).getByTestId('incident-workaround-option').check();
    await card.getByTestId('incident-broadcast').click();
    await expect
      .poll(
        async () =>
          (await incidentsOnServer(agent.directServerUrl, MANAGER)).find((i) => i.status === 'broadcast' && i.terms.includes('leeds'))?.workaround ?? null,
        { timeout: 30_000 },
      )
      .toBe(NOTE);
  });
});
