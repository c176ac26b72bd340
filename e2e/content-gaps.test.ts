// Content gaps, end to end: the demo agent's overlay has no fitting article for a page, so it shows the quiet line and
// the device records the page's words as a gap; after a sync the manager's console lists the gap, and "Draft an
// article" opens the editor on a new article prefilled from it.
import { describe, expect, it } from 'vitest';
import { harnessPairForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { openSaying, shownOn, syncNow } from './knowledge-view';
import { serverToken } from './server-view';

const MANAGER = { email: 'manager@tandem.demo', password: 'tandem-demo' };
/** Nothing in the demo knowledge base is about this (e2e/knowledge.test.ts "honest silence"). */
const NO_ARTICLE = 'What a lovely sunset at the beach tonight, the sky turned pink';

const { agent, other: manager } = harnessPairForFile(MANAGER, {
  // The seed's Berlin outage pins its reply on every page, so no page would be quiet: archived before the first sync.
  beforeAgentSignIn: async (h) => {
    const token = await serverToken(h.directServerUrl, MANAGER);
    const archived = await fetch(`${h.directServerUrl}/manager/broadcasts/bc-berlin-outage/archive`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ baseVersion: 1 }),
    });
    expect(archived.status).toBe(200);
  },
});

describe('content gaps', () => {
  it('a page with no fitting article becomes a gap in the console, and “Draft an article” opens the prefilled editor', async () => {
    const page = await agent.context.newPage();
    await openSaying(page, FIXTURE_URLS.tweet, NO_ARTICLE);
    await expect.poll(() => shownOn(page), { timeout: 10_000 }).toEqual(['quiet']);
    await page.close();
    // The gap waits on the agent's device for the next sync, then reaches the manager's console.
    const gapTerms = async (): Promise<string[]> => {
      await syncNow(agent);
      const screen = await manager.openExtensionPage('manager.html');
      try {
        await screen.getByRole('navigation', { name: 'Console sections' }).getByRole('button', { name: 'Content gaps' }).click();
        await screen.getByTestId('gaps-empty').or(screen.getByTestId('gap-group').first()).waitFor({ timeout: 10_000 });
        return await screen.getByTestId('gap-group').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-terms') ?? ''));
      } finally {
        await screen.close();
      }
    };
    await expect.poll(gapTerms, { timeout: 30_000, interval: 1000 }).toContainEqual(expect.stringMatching(/sunset/));

    const screen = await manager.openExtensionPage('manager.html');
    await screen.getByRole('navigation', { name: 'Console sections' }).getByRole('button', { name: 'Content gaps' }).click();
    const group = screen.locator('[data-testid="gap-group"]').filter({ hasText: 'sunset' });
    // Only the page's words: the fixture's customer (handle, name) is never among them.
    expect(await group.locator('td').first().textContent()).not.toMatch(/maria|@|\d/i);
    // The group's terms, read before the editor takes the gaps list's place.
    const terms = ((await group.getAttribute('data-terms')) ?? '').split(/[ ,]+/).filter(Boolean);
    await group.getByTestId('gap-draft').click();
    const editor = screen.getByTestId('manager-editor');
    await editor.waitFor({ timeout: 10_000 });
    // The title is the group's commonest terms (all met once here, so any four of them); the body lists every one.
    const title = (await editor.getByLabel('Title', { exact: true }).inputValue()).toLowerCase().split(' ');
    expect(title.length).toBeGreaterThan(0);
    for (const word of title) expect(terms).toContain(word);
    const body = await editor.getByLabel(/Body/).inputValue();
    expect(body).toMatch(/Drafted from a content gap: 1 page with no confident suggestion/);
    expect(body).toMatch(/sunset/);
    await screen.close();
  });
});
