// Keeping knowledge true, end to end: an agent's and a manager's Chromium with the built extension, against one
// server. The manager works the console's "To verify" list; what they do reaches the agent's overlay by sync.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STALE_DEMO_ARTICLE } from '../server/seed/demo';
import { FIXTURE_URLS } from './fixture-server';
import { DEMO_AGENT, type Harness, startHarness } from './harness';
import { openSaying, syncNow } from './knowledge-view';
import { overlayFrame } from './overlay-view';

const MANAGER = { email: 'manager@tandem.demo', password: 'tandem-demo' };
/** Words for which the demo's stale article is suggested (e2e/knowledge.test.ts "verification"). */
const STALE_QUESTION = 'How do I delete an eSIM safely before I sell my phone?';

let agent: Harness;
let manager: Harness;

beforeAll(async () => {
  agent = await startHarness();
  await agent.signIn(DEMO_AGENT);
  manager = await startHarness({ server: { url: agent.directServerUrl } });
  await manager.signIn(MANAGER);
});

afterAll(async () => {
  await manager?.close();
  await agent?.close();
});

async function openReview(): Promise<Page> {
  const review = await manager.openExtensionPage('manager.html');
  await review.getByRole('navigation', { name: 'Console sections' }).getByRole('button', { name: 'To verify' }).click();
  await review.getByTestId('manager-review').waitFor({ timeout: 10_000 });
  return review;
}

/** Whether the agent's overlay shows the stale article with its badge (null: not suggested at all). */
async function staleBadgeOnAgentPage(): Promise<boolean | null> {
  const page = await agent.context.newPage();
  try {
    await openSaying(page, FIXTURE_URLS.tweet, STALE_QUESTION);
    const row = (await overlayFrame(page)).locator(`[data-testid="tandem-suggestion"][data-id="${STALE_DEMO_ARTICLE}"]`);
    await row.waitFor({ timeout: 10_000 });
    return (await row.getByTestId('tandem-stale').count()) > 0;
  } finally {
    await page.close();
  }
}

describe('verification workflow', () => {
  it("a manager sets the team's interval, sees the stale article with its owner, verifies it in one click, and the agent's badge goes", async () => {
    expect(await staleBadgeOnAgentPage()).toBe(true);

    const review = await openReview();
    // Billing's verifications hold 30 days from now on (Care keeps the default 90).
    const billing = review.locator('[data-testid="review-interval"][data-team="team-billing"]');
    await billing.getByTestId('review-interval-days').fill('30');
    await billing.getByTestId('review-interval-save').click();
    await review
      .getByTestId('manager-notice')
      .filter({ hasText: /every 30 days/ })
      .waitFor({ timeout: 10_000 });
    expect(await billing.textContent()).not.toMatch(/default/);

    const row = review.locator(`[data-testid="review-item"][data-id="${STALE_DEMO_ARTICLE}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getByTestId('review-owner').textContent()).toBe('Morgan Manager');
    await row.getByTestId('review-verify').click();
    await review
      .getByTestId('manager-notice')
      .filter({ hasText: /is verified/ })
      .waitFor({ timeout: 10_000 });
    expect(await row.count()).toBe(0);

    // A fresh console still has it off the list: the server holds the verification.
    await review.close();
    const again = await openReview();
    await again.getByTestId('review-empty').or(again.getByTestId('review-item').first()).waitFor({ timeout: 10_000 });
    expect(await again.locator(`[data-testid="review-item"][data-id="${STALE_DEMO_ARTICLE}"]`).count()).toBe(0);
    await again.close();

    // The verified article reaches the agent by sync (the live stream brings it; a sync now makes sure): no badge.
    await expect
      .poll(
        async () => {
          await syncNow(agent);
          return staleBadgeOnAgentPage();
        },
        { timeout: 40_000, interval: 1000 },
      )
      .toBe(false);
  });
});
