// Keeping knowledge true, end to end: an agent's and a manager's Chromium with the built extension, against one
// server. The manager works the console's "To verify" list; what they do reaches the agent's overlay by sync.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { STALE_DEMO_ARTICLE } from '../server/seed/demo';
import { harnessPairForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { DEMO_AGENT, startE2eServer, startHarness } from './harness';
import { openSaying, publishMeaningArticles, syncNow } from './knowledge-view';
import { overlayFrame } from './overlay-view';

const MANAGER = { email: 'manager@tandem.demo', password: 'tandem-demo' };
/** Words for which the demo's stale article is suggested (e2e/knowledge.test.ts "verification"). */
const STALE_QUESTION = 'How do I delete an eSIM safely before I sell my phone?';

const { agent, other: manager } = harnessPairForFile(MANAGER);

async function openReview(): Promise<Page> {
  const review = await manager.openExtensionPage('manager.html');
  await review.getByRole('navigation', { name: 'Console sections' }).getByRole('button', { name: 'To verify' }).click();
  await review.getByTestId('manager-review').waitFor({ timeout: 10_000 });
  return review;
}

/** The agent flags a listed item (overlay suggestion or side-panel result: the same form) with a reason and a note. */
async function flagItem(item: Locator, reason: 'wrong' | 'outdated', note: string): Promise<void> {
  await item.getByTestId('tandem-flag').click();
  await item.getByTestId('tandem-flag-reason').selectOption(reason);
  await item.getByTestId('tandem-flag-note').fill(note);
  await item.getByTestId('tandem-flag-send').click();
  await item.getByTestId('tandem-flagged').waitFor({ timeout: 10_000 });
}

/**
 * After the agent's next sync (a flag waits on the agent's device; a sync already under way does not take it): the
 * text of the manager's "To verify" row flagging `itemId` (with `note`, when given), or null when there is none.
 */
async function flagRowAfterSync(itemId: string, note?: string): Promise<string | null> {
  await syncNow(agent);
  const review = await openReview();
  try {
    await review.getByTestId('flags-empty').or(review.getByTestId('review-flag').first()).waitFor({ timeout: 10_000 });
    const rows = review.locator(`[data-testid="review-flag"][data-item="${itemId}"]`);
    const row = note ? rows.filter({ hasText: note }) : rows;
    return (await row.count()) > 0 ? await row.textContent() : null;
  } finally {
    await review.close();
  }
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

describe("agents' flags", () => {
  it('an agent flags a suggested article from the overlay; it reaches the manager’s list with the note, and resolving clears it', async () => {
    const page = await agent.context.newPage();
    await openSaying(page, FIXTURE_URLS.tweet, 'my new esim will not activate after I scanned the QR code');
    const frame = await overlayFrame(page);
    const firstArticle = frame.locator('[data-testid="tandem-suggestion"][data-kind="article"]').first();
    await firstArticle.waitFor({ timeout: 10_000 });
    // The list re-ranks once the person on the page is resolved: take the first article once two reads 700 ms apart
    // agree, and pin it by id so `first()` cannot move under the clicks.
    let itemId = '';
    for (let read = 0; read < 10; read++) {
      const id = (await firstArticle.getAttribute('data-id')) ?? '';
      if (id === itemId) break;
      itemId = id;
      await page.waitForTimeout(700);
    }
    const suggestion = frame.locator(`[data-testid="tandem-suggestion"][data-id="${itemId}"]`);
    await flagItem(suggestion, 'wrong', 'The QR step moved to Settings › Mobile in the new app');
    await page.close();

    const flagRow = () => flagRowAfterSync(itemId);
    await expect.poll(flagRow, { timeout: 30_000, interval: 1000 }).toMatch(/Wrong: The QR step moved.*twitter/);

    const review = await openReview();
    const row = review.locator(`[data-testid="review-flag"][data-item="${itemId}"]`);
    await row.getByTestId('review-flag-resolve').click();
    await review
      .getByTestId('manager-notice')
      .filter({ hasText: /is resolved/ })
      .waitFor({ timeout: 10_000 });
    expect(await row.count()).toBe(0);
    await review.close();
    expect(await flagRow()).toBeNull();
  });

  it('an agent flags a search result from the side panel; it reaches the manager’s list with the site and the searched words', async () => {
    const page = await agent.context.newPage();
    await openSaying(page, FIXTURE_URLS.tweet, 'Lovely weather today');
    // Pinned to the tweet's tab, so the flag says which site the agent was on.
    const panel = await agent.openExtensionPage(`sidepanel.html?tabId=${await agent.tabIdOf(page)}`);
    await panel.getByTestId('tandem-workspace-source').waitFor({ timeout: 15_000 });
    await panel.getByRole('searchbox', { name: 'Search articles and snippets' }).fill('esim frozen spinner activation');
    const firstArticle = panel.locator('[data-testid="tandem-suggestion"][data-kind="article"]').first();
    await firstArticle.waitFor({ timeout: 10_000 });
    const itemId = (await firstArticle.getAttribute('data-id')) ?? '';
    const result = panel.locator(`[data-testid="tandem-suggestion"][data-id="${itemId}"]`);
    // The overlay's form, reused: reason and a short note.
    await flagItem(result, 'outdated', 'Side panel: the activation screen looks different now');
    await panel.close();
    await page.close();

    const flagRow = () => flagRowAfterSync(itemId, 'Side panel: the activation');
    // The context is the tab's site and the searched words, never the page's person (the fixture tweet's author).
    await expect.poll(flagRow, { timeout: 30_000, interval: 1000 }).toMatch(/Outdated: Side panel: the activation.*twitter · .*spinner/);
    expect((await flagRow()) ?? '').not.toMatch(/maria|@/i);
  });
});

describe('suggestions by meaning', () => {
  /** MEANING_ARTICLES (e2e/knowledge-view.ts): the lexical ranker puts the colour article first, the encoder the trash one. */
  const PAGE_WORDS = 'My Quillpad notes are gone, can I get them back?';

  it('with the setting on, a paraphrased page’s list re-orders to put the right article first once the encoder answers', async () => {
    // A server of its own that embeds (newest versions first, so the three articles below are done within seconds).
    const server = await startE2eServer({ embeddings: true, embedEveryMs: 1000 });
    try {
      const [h] = await Promise.all([startHarness({ server: { url: server.url } }), publishMeaningArticles(server.url)]);
      try {
        await h.signIn(DEMO_AGENT);
        const options = await h.openExtensionPage('options.html');
        await options.getByTestId('tandem-semantic-setting').check();
        await options.close();

        // The vectors reach the agent by the live stream as the server writes them; each sync asks the overlay anew.
        const page = await h.context.newPage();
        await openSaying(page, FIXTURE_URLS.tweet, PAGE_WORDS);
        const frame = await overlayFrame(page);
        const first = frame.getByTestId('tandem-suggestion').first();
        const order = frame.getByTestId('tandem-suggestions-order');
        // The lexical answer shows at once (the colour article leads it: it is shorter); the encoder's order follows.
        await expect
          .poll(async () => `${await first.getAttribute('data-id')} by ${await order.getAttribute('data-order')}`, { timeout: 60_000, interval: 250 })
          .toBe('sem-trash by meaning');
      } finally {
        await h.close();
      }
    } finally {
      await server.close();
    }
  }, 120_000);
});
