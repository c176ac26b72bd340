import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { overlayFrame } from './overlay-view';

const h = harnessForFile();

async function suggestionsOn(page: Page) {
  const list = (await overlayFrame(page)).getByTestId('tandem-overlay').getByTestId('tandem-suggestion');
  await list.first().waitFor({ timeout: 10_000 });
  return list;
}

describe('suggested knowledge', () => {
  it('suggests eSIM articles for the fixture tweet, saying which words matched', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.tweet);
    const list = await suggestionsOn(page);
    await expect.poll(async () => (await list.allTextContents()).join('\n'), { timeout: 10_000 }).toMatch(/eSIM/);
    const texts = await list.allTextContents();
    expect(texts.some((t) => /Matched: .*esim/i.test(t))).toBe(true);
    await page.close();
  });

  it('suggests billing articles for the fixture ticket', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.zendeskTicket);
    const list = await suggestionsOn(page);
    await expect.poll(async () => (await list.allTextContents()).join('\n'), { timeout: 10_000 }).toMatch(/bill/i);
    await page.close();
  });
});

// Each fixture's editor behaves like the real one: Draft.js/Lexical-style editors (X, Facebook)
// only take text from input events, so a DOM write would leave the send button disabled.
const REPLY_SITES = [
  { name: 'X', url: FIXTURE_URLS.tweet, send: '[data-testid="tweetButtonInline"]' },
  { name: 'Facebook', url: FIXTURE_URLS.facebookPost, send: '[data-fixture-send]' },
  { name: 'Zendesk', url: FIXTURE_URLS.zendeskTicket, send: '[data-test-id="submit_button-button"]' },
  { name: 'Gmail', url: FIXTURE_URLS.gmailThread, send: 'div[role="button"][aria-label^="Send"]' },
] as const;

describe('one-click insert into the site’s reply box', () => {
  for (const site of REPLY_SITES) {
    it(`${site.name}: the site registers the inserted snippet and sends it`, async () => {
      const page = await h.context.newPage();
      await page.goto(site.url);
      const list = await suggestionsOn(page);
      const frame = await overlayFrame(page);
      const snippet = list.and(frame.locator('[data-kind="snippet"]')).first();
      await snippet.waitFor();
      await snippet.getByTestId('tandem-insert').click();
      await frame.getByTestId('tandem-insert-notice').waitFor();
      // Fold the overlay out of the way of the site's own send button, as an agent would.
      await frame.getByRole('button', { name: 'Collapse Tandem' }).click();
      await page.locator(site.send).click();
      const sent = await page.evaluate(() => document.body.getAttribute('data-last-sent'));
      // The incident snippet, with the customer's first name filled in where the page names one.
      expect(sent).toMatch(/Berlin/);
      expect(sent).not.toContain('{{');
      await page.close();
    });
  }

  it('HubSpot: a plain textarea gets the snippet, and a typed ;shortcut expands', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.hubspotContact);
    const list = await suggestionsOn(page);
    await list
      .and((await overlayFrame(page)).locator('[data-kind="snippet"]'))
      .first()
      .getByTestId('tandem-insert')
      .click();
    const box = page.locator('textarea').first();
    await expect.poll(() => box.inputValue()).toMatch(/Berlin/);
    await box.fill('');
    await box.focus();
    await page.keyboard.type(';outage ');
    await expect.poll(() => box.inputValue(), { timeout: 5000 }).not.toContain(';outage');
    expect(await box.inputValue()).toMatch(/Priya|there/);
    await page.close();
  });
});

describe('side panel: instant search and the article reader', () => {
  it('finds articles through a typo and a half-typed word, filters by kind, and reads an article as sanitized markdown', async () => {
    const panel = await h.openExtensionPage('sidepanel.html');
    const box = panel.getByRole('searchbox', { name: 'Search articles and snippets' });
    const results = panel.locator('section[aria-label="Knowledge"]').getByTestId('tandem-suggestion');

    // "refnd": one letter missing; the best result is still about refunds.
    await box.fill('refnd');
    await expect.poll(() => results.first().locator('.tdm-suggestion__title').textContent(), { timeout: 10_000 }).toMatch(/refund/i);

    // The word being typed completes: "esi" finds the eSIM articles.
    await box.fill('esi');
    await expect.poll(async () => (await results.allTextContents()).join('\n'), { timeout: 10_000 }).toMatch(/eSIM/);

    // Kind filter: snippets only.
    await box.fill('refund');
    await panel.getByRole('combobox', { name: 'Kind' }).selectOption('snippet');
    await expect
      .poll(async () => new Set(await results.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))), { timeout: 10_000 })
      .toEqual(new Set(['snippet']));

    // Articles only, then read one: markdown rendered (bold, lists), nothing executable.
    await panel.getByRole('combobox', { name: 'Kind' }).selectOption('article');
    const first = results.first();
    await expect.poll(() => first.getAttribute('data-kind'), { timeout: 10_000 }).toBe('article');
    await first.getByRole('button', { name: 'Read' }).click();
    const reader = panel.getByTestId('tandem-article');
    await reader.waitFor();
    expect(await reader.locator('strong').count()).toBeGreaterThan(0);
    expect(await reader.locator('li').count()).toBeGreaterThan(0);
    expect(await reader.locator('script, [onerror], [onclick]').count()).toBe(0);
    await expect
      .poll(() => reader.getByRole('link', { name: 'Open in the help centre' }).getAttribute('href'))
      .toMatch(/^https:\/\/help\.northwind\.example\/articles\//);
    await panel.close();
  });
});
