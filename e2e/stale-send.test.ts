import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Case } from '../lib/schema';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { overlayOf } from './overlay-view';
import { serverRecords, serverToken } from './server-view';

// The stale-send guard ("traffic cop"): Alex drafts a reply on Jane's tweet (the seeded open case whose source it is)
// while Bea, another agent of the team, answers the case from her own client; her reply reaches Alex's browser through
// the live stream.
const BEA = { email: 'agent2@tandem.demo', password: 'tandem-demo' };
const CASE_ID = 'case-jane-doe-tw';
const BEA_REPLY = 'Hi Jane, Bea here: a new eSIM profile is on its way.';
const REPLY_BOX = '[data-testid="tweetTextarea_0"]';
const SEND = '[data-testid="tweetButtonInline"]';

const h = harnessForFile();

async function caseOnServer(): Promise<Case> {
  const found = (await serverRecords(h.directServerUrl)).find((c) => c.entity === 'cases' && c.record.id === CASE_ID);
  if (found?.entity !== 'cases') throw new Error(`${CASE_ID} is not on the server`);
  return found.record;
}

/** Bea's reply, pushed by her own client (not this browser): an outbound interaction under the case. */
async function beaReplies(text: string): Promise<void> {
  const kase = await caseOnServer();
  const res = await fetch(`${h.directServerUrl}/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await serverToken(h.directServerUrl, BEA)}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      mutations: [
        {
          id: crypto.randomUUID(),
          entity: 'interactions',
          op: 'create',
          recordId: `int-stale-${crypto.randomUUID()}`,
          data: {
            teamId: kase.teamId,
            customerId: kase.customerId,
            caseId: CASE_ID,
            channel: kase.channel,
            visibility: 'public',
            direction: 'outbound',
            text,
            authorName: 'Bea Berg',
            occurredAt: new Date().toISOString(),
          },
        },
      ],
    }),
  });
  const { results } = (await res.json()) as { results: { status: string }[] };
  expect(results[0]?.status).toBe('applied');
}

/** The agent clicks into the reply box and types (Playwright's input is trusted, like the agent's). */
async function draft(page: Page, text: string): Promise<void> {
  await page.locator(REPLY_BOX).click();
  await page.keyboard.type(text);
}

/** Presses the page's Reply button from the keyboard (a trusted click; the overlay may sit over the button in the test's viewport). */
async function pressSend(page: Page): Promise<void> {
  await page.locator(SEND).focus();
  await page.keyboard.press('Enter');
}

const lastSent = (page: Page) => page.evaluate(() => document.body.getAttribute('data-last-sent'));

describe('the stale-send guard', () => {
  it('warns when a second agent replies first, holds the send until the agent chooses, and tells the page nothing', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.tweet);
    const overlay = await overlayOf(page);
    await overlay.getByTestId('tandem-customer-name').waitFor({ timeout: 10_000 });

    await draft(page, 'Sorry about that');
    // The guard remembers the conversation once the focus is in the box (the background's answer is not shown anywhere).
    await page.waitForTimeout(500);
    await beaReplies(BEA_REPLY);

    // The live stream brings Bea's reply: the overlay says so before Alex sends.
    const warning = overlay.getByTestId('tandem-stale-send');
    await warning.waitFor({ timeout: 15_000 });
    expect(await warning.getAttribute('data-held')).toBe('false');
    expect(await warning.getByTestId('tandem-stale-send-message').textContent()).toBe(`Bea Berg replied: ${BEA_REPLY}`);

    // Alex presses Reply: held back, the page's send never runs.
    await pressSend(page);
    await expect.poll(() => warning.getAttribute('data-held'), { timeout: 5000 }).toBe('true');
    expect(await lastSent(page)).toBeNull();
    // What the overlay shows stays in the extension's frame: the page's DOM does not hold Bea's reply.
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('a new eSIM profile');

    // "Send anyway" presses the page's button once.
    await overlay.getByTestId('tandem-stale-send-anyway').click();
    await expect.poll(() => lastSent(page), { timeout: 5000 }).toBe('Sorry about that');
    await expect.poll(() => warning.count(), { timeout: 5000 }).toBe(0);
    await page.close();
  });

  it('does not warn when nothing arrived since the draft began, and goes back to the draft when asked', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.tweet);
    const overlay = await overlayOf(page);
    await overlay.getByTestId('tandem-customer-name').waitFor({ timeout: 10_000 });

    await draft(page, 'Is it working again?');
    await page.waitForTimeout(500);
    await pressSend(page);
    await expect.poll(() => lastSent(page), { timeout: 5000 }).toBe('Is it working again?');
    expect(await overlay.getByTestId('tandem-stale-send').count()).toBe(0);

    // Then Bea answers while Alex drafts the next one: Alex goes back to his draft and sends it next time unwarned.
    await draft(page, 'Glad to hear');
    await page.waitForTimeout(500);
    await beaReplies('Bea again: all set now?');
    const warning = overlay.getByTestId('tandem-stale-send');
    await warning.waitFor({ timeout: 15_000 });
    await pressSend(page);
    await expect.poll(() => warning.getAttribute('data-held'), { timeout: 5000 }).toBe('true');
    await overlay.getByTestId('tandem-stale-send-back').click();
    await expect.poll(() => warning.count(), { timeout: 5000 }).toBe(0);
    expect(await lastSent(page)).toBe('Is it working again?');
    await pressSend(page);
    await expect.poll(() => lastSent(page), { timeout: 5000 }).toBe('Glad to hear');
    await page.close();
  });
});
