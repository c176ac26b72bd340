// First: lib/cases/sla.ts labels in English, as the extension shows them (lib/i18n/node-english.ts).
import '../lib/i18n/node-english';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockStatus } from '../lib/cases/sla';
import { slaDueAt } from '../lib/cases/sla-policy';
import type { Case } from '../lib/schema';
import { captureButton } from './capture-steps';
import { FIXTURE_URLS } from './fixture-server';
import { DEMO_AGENT, type Harness, startE2eServer, startHarness } from './harness';
import { overlayFrame, overlayOf } from './overlay-view';
import { serverRecords } from './server-view';

// Two agents of team-care, each in a Chromium of their own, on one server.
const BEA = { email: 'agent2@tandem.demo', password: 'tandem-demo' };
const TWEET = '1861200000000000001';

let server: Awaited<ReturnType<typeof startE2eServer>>;
let alex: Harness;
let bea: Harness;

beforeAll(async () => {
  server = await startE2eServer();
  alex = await startHarness({ server });
  bea = await startHarness({ server });
  await alex.signIn(DEMO_AGENT);
  await bea.signIn(BEA);
});

afterAll(async () => {
  await alex?.close();
  await bea?.close();
  await server?.close();
});

async function caseOnServer(caseId: string): Promise<Case | null> {
  const found = (await serverRecords(server.url)).find((c) => c.entity === 'cases' && c.record.id === caseId);
  return found?.entity === 'cases' ? found.record : null;
}

const row = (queue: Page, caseId: string) => queue.locator(`[data-testid="tandem-queue-row"][data-case-id="${caseId}"]`);

/** How long until `check` holds, failing past `ms`. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - started;
}

describe('the team queue with two agents', () => {
  let caseId = '';
  let alexQueue: Page;
  let beaQueue: Page;

  it('shows a newly captured case in both queues without reloading, with the countdown the policy gives', async () => {
    alexQueue = await alex.openExtensionPage('queue.html');
    beaQueue = await bea.openExtensionPage('queue.html');
    await alexQueue.getByTestId('tandem-queue-row').first().waitFor({ timeout: 15_000 });
    await beaQueue.getByTestId('tandem-queue-row').first().waitFor({ timeout: 15_000 });
    // Breached cases come first and stand out.
    expect(await beaQueue.getByTestId('tandem-queue-row').first().getAttribute('data-sla')).toBe('breached');

    const tweet = await alex.context.newPage();
    await tweet.goto(FIXTURE_URLS.xHome);
    await (await captureButton(tweet, TWEET)).click();
    const tweetOverlay = await overlayFrame(tweet);
    const form = tweetOverlay.getByTestId('tandem-capture-form');
    await form.waitFor();
    await form.getByLabel('Subject').press('Enter');
    const result = tweetOverlay.getByTestId('tandem-capture-result');
    await result.waitFor({ timeout: 10_000 });
    caseId = (await result.getAttribute('data-case-id')) ?? '';
    const captured = Date.now();
    await row(alexQueue, caseId).waitFor({ timeout: 5000 });
    await row(beaQueue, caseId).waitFor({ timeout: 10_000 });
    console.log(`capture → Bea's queue: ${Date.now() - captured} ms`);
    await tweet.close();

    await expect.poll(() => caseOnServer(caseId), { timeout: 10_000 }).not.toBeNull();
    const onServer = (await caseOnServer(caseId))!;
    const due = slaDueAt(onServer.channel, onServer.priority, onServer.createdAt);
    expect(onServer.slaDueAt).toBe(due);
    for (const queue of [alexQueue, beaQueue]) {
      await expect.poll(() => row(queue, caseId).getAttribute('data-sla-due')).toBe(due);
      const label = (await row(queue, caseId).locator('[data-sla]').first().textContent()) ?? '';
      // The countdown ticks; it reads what the policy says now, or a minute on, for the running target (the first reply;
      // no business calendar: wall-clock time).
      expect([-60_000, 0, 60_000].map((skew) => clockStatus(onServer.slaClock!, undefined, new Date(Date.now() + skew)).label)).toContain(label);
    }
  });

  it('lets one agent claim it; the other sees the claim and who is on it within 2 s, and is asked before stepping on it', async () => {
    await row(alexQueue, caseId).click();
    await alexQueue.keyboard.press('c');
    const claimSeen = await within(
      2000,
      async () => (await row(beaQueue, caseId).getByTestId('tandem-queue-assignee').textContent()) === 'Claimed by Alex Agent',
    );
    console.log(`Alex claims → Bea sees it: ${claimSeen} ms`);
    expect(await row(alexQueue, caseId).getByTestId('tandem-queue-assignee').textContent()).toBe('You');

    // Enter opens the tweet in a tab (the overlay there shows the customer) and tells the team Alex is on it.
    const opened = alex.context.waitForEvent('page');
    const pressed = Date.now();
    await alexQueue.keyboard.press('Enter');
    const presenceSeen =
      Date.now() -
      pressed +
      (await within(2000, async () =>
        (
          (await row(beaQueue, caseId)
            .getByTestId('tandem-queue-presence')
            .textContent()
            .catch(() => null)) ?? ''
        ).includes('Alex Agent is viewing'),
      ));
    console.log(`Alex opens → Bea sees "Alex Agent is viewing": ${presenceSeen} ms`);
    expect(presenceSeen).toBeLessThan(2000);
    const source = await opened;
    await source.waitForLoadState();
    expect(source.url()).toContain(TWEET);
    const sourceOverlay = await overlayOf(source);
    await sourceOverlay.getByTestId('tandem-customer-name').waitFor({ timeout: 10_000 });
    expect(await sourceOverlay.getByTestId('tandem-customer-name').textContent()).toContain('Priya Raman');

    // Bea tries to claim it: refused unless she takes it over; replying asks first.
    await row(beaQueue, caseId).click();
    const dialogs: string[] = [];
    beaQueue.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await beaQueue.keyboard.press('c');
    await expect
      .poll(() =>
        beaQueue
          .getByTestId('tandem-queue-message')
          .textContent()
          .catch(() => null),
      )
      .toContain('Alex Agent has this case.');
    await row(beaQueue, caseId).getByTestId('tandem-queue-reply').click();
    await expect.poll(() => dialogs).toEqual(['Alex Agent has this case. Take it over?', 'Alex Agent has claimed this case. Reply anyway?']);
    expect(await row(beaQueue, caseId).getAttribute('data-assignee')).toBe('user-alex');
    expect((await caseOnServer(caseId))?.assigneeId).toBe('user-alex');
  });

  it('shows the other agent replying from the source page, and warns the one who has not claimed it', async () => {
    // Jane's eSIM tweet is a seeded open case; Alex claims it.
    const janeCase = 'case-jane-doe-tw';
    await row(alexQueue, janeCase).click();
    await alexQueue.keyboard.press('c');
    await within(5000, async () => (await row(beaQueue, janeCase).getByTestId('tandem-queue-assignee').textContent()) === 'Claimed by Alex Agent');

    const page = await bea.context.newPage();
    await page.goto(FIXTURE_URLS.tweet);
    const overlay = await overlayOf(page);
    await overlay.getByTestId('tandem-customer-name').waitFor({ timeout: 10_000 });
    const focused = Date.now();
    await page.locator('[data-testid="tweetTextarea_0"]').click();
    await overlay.getByTestId('tandem-claimed-warning').waitFor({ timeout: 5000 });
    expect(await overlay.getByTestId('tandem-claimed-warning').textContent()).toContain('Alex Agent has claimed this case');
    const seen =
      Date.now() -
      focused +
      (await within(2000, async () =>
        (
          (await row(alexQueue, janeCase)
            .getByTestId('tandem-queue-presence')
            .textContent()
            .catch(() => null)) ?? ''
        ).includes('Bea Berg is replying'),
      ));
    console.log(`Bea focuses the reply box → Alex sees "Bea Berg is replying": ${seen} ms`);
    expect(seen).toBeLessThan(2000);
    await page.close();
  });

  it('shows the top of the queue in the side panel with a link to the full page', async () => {
    const panel = await bea.openExtensionPage('sidepanel.html');
    await panel.getByTestId('tandem-queue-compact-row').first().waitFor({ timeout: 10_000 });
    expect(await panel.getByTestId('tandem-queue-compact-row').count()).toBeLessThanOrEqual(5);
    const opened = bea.context.waitForEvent('page');
    await panel.getByTestId('tandem-open-queue').click();
    expect((await opened).url()).toContain('/queue.html');
    await panel.close();
  });
});
