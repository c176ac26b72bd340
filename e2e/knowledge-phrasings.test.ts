// "Also answers" end to end: a manager adds a phrasing to an article in the console, and the agent's overlay
// suggests that article first on a page whose words only the phrasing has.

import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManagedItem } from '../lib/schema/manager';
import { harnessPairForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { openSaying, shownOn, syncNow } from './knowledge-view';
import { serverToken } from './server-view';

const MANAGER = { email: 'manager@tandem.demo', password: 'tandem-demo' };
/** The demo's eSIM activation article; nothing in the knowledge base says the customer's words below. */
const ARTICLE = 'art-068';
const CUSTOMER_WORDS = 'the setup hangs on a frozen spinner for hours';
const PHRASING = 'setup hangs on a frozen spinner';

const { agent, other: manager } = harnessPairForFile(MANAGER);
let articleTitle = '';

beforeAll(async () => {
  const token = await serverToken(agent.directServerUrl, MANAGER);
  const call = (path: string, body?: unknown) =>
    fetch(`${agent.directServerUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // The seed's Berlin outage pins its reply on every page; this test is about the ranking alone.
  expect((await call('/manager/broadcasts/bc-berlin-outage/archive', { baseVersion: 1 })).status).toBe(200);
  const item = ManagedItem.parse(await (await call(`/manager/articles/${ARTICLE}`)).json());
  if (item.kind !== 'articles') throw new Error(`${ARTICLE} is not an article`);
  articleTitle = item.record.title;
  await syncNow(agent);
});

async function openConsole(): Promise<Page> {
  const popup = await manager.openExtensionPage('popup.html');
  const opened = manager.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Manager console' }).click();
  const page = await opened;
  await page.getByTestId('manager-row').first().waitFor({ timeout: 10_000 });
  return page;
}

describe('"also answers" phrasings', () => {
  it('a phrasing added in the console makes the article the top suggestion on a page that matches only the phrasing', async () => {
    const page = await agent.context.newPage();
    await openSaying(page, FIXTURE_URLS.tweet, CUSTOMER_WORDS);
    await expect.poll(() => shownOn(page), { timeout: 10_000 }).toEqual(['quiet']);

    const consolePage = await openConsole();
    await consolePage.getByLabel('Title contains').fill(articleTitle);
    await consolePage.getByLabel('Title contains').press('Enter');
    await consolePage.locator(`[data-testid="manager-row"][data-id="${ARTICLE}"]`).getByRole('button').click();
    const editor = consolePage.getByTestId('manager-editor');
    await expect.poll(() => editor.getAttribute('data-item-id')).toBe(ARTICLE);
    await editor.getByLabel('Also answers').fill(PHRASING);
    await editor.getByTestId('manager-save').click();
    await consolePage
      .getByTestId('manager-notice')
      .filter({ hasText: /Saved as version/ })
      .waitFor({ timeout: 10_000 });

    // The edit reaches the agent with the next sync (or the live channel before it); the page's words then find the article.
    await expect
      .poll(
        async () => {
          await syncNow(agent);
          await openSaying(page, FIXTURE_URLS.tweet, CUSTOMER_WORDS);
          await expect.poll(async () => (await shownOn(page))[0] ?? '', { timeout: 5000 }).toMatch(/frozen|spinner|hangs|^quiet$/i);
          return (await shownOn(page))[0] ?? '';
        },
        { timeout: 40_000, interval: 1000 },
      )
      .toMatch(/^art-068: .*(frozen|spinner)/i);
    await consolePage.close();
    await page.close();
  });
});
