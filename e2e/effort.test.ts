// Customer effort end to end (issue 22): the overlay on a ticket of a customer who has written on two channels says so
// in one line of the customer card; the queue orders its cases by effort when the agent picks it, and filters them by
// the kind of effort (repeat contacts, three or more, switched channels), from the keyboard too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effortByCase } from '../lib/effort/effort';
import { effortKinds } from '../lib/effort/filter';
import { effortScore } from '../lib/queue/sort-effort';
import type { Interaction } from '../lib/schema/entities';
import { cachedRows } from './cache-view';
import { FIXTURE_URLS } from './fixture-server';
import { DEMO_AGENT, type Harness, startHarness } from './harness';
import { overlayFrame } from './overlay-view';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await h.signIn(DEMO_AGENT);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('customer effort in the overlay', () => {
  it('shows the effort line for Jane Doe, who wrote on Zendesk and X', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.zendeskTicket);
    const overlay = await overlayFrame(page, 15_000);
    await overlay.getByTestId('tandem-customer-name').filter({ hasText: 'Jane Doe' }).waitFor({ timeout: 15_000 });
    const line = overlay.getByTestId('tandem-effort');
    await line.waitFor({ timeout: 10_000 });
    expect(await line.textContent()).toMatch(/^\d+(st|nd|rd|th) contact in .+ · tried Zendesk, X$/);
    await page.close();
  });
});

describe('the queue by effort', () => {
  it('puts the cases whose customers worked hardest first when the agent picks "Most effort first"', async () => {
    const queue = await h.openExtensionPage('queue.html');
    const rows = queue.getByTestId('tandem-queue-row');
    await rows.first().waitFor({ timeout: 15_000 });
    const ids = () => rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-case-id') ?? ''));
    const byDeadline = await ids();

    await queue.getByTestId('tandem-queue-order').selectOption('effort');
    await expect.poll(ids, { timeout: 5000 }).not.toEqual(byDeadline);
    const byEffort = await ids();
    expect([...byEffort].sort()).toEqual([...byDeadline].sort());
    // The scores the cached interactions give, in the order shown: never rising, the hardest-working customer first.
    const effort = effortByCase(await cachedRows<Interaction>(h.worker, 'interactions'));
    const scores = byEffort.map((id) => effortScore(effort.get(id)));
    expect(scores[0]).toBeGreaterThan(1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    await queue.getByTestId('tandem-queue-order').selectOption('deadline');
    await expect.poll(ids, { timeout: 5000 }).toEqual(byDeadline);
    await queue.close();
  });

  it('filters by the kind of effort, each kind keeping exactly the cases whose customers went through it, from the keyboard too', async () => {
    const queue = await h.openExtensionPage('queue.html');
    const rows = queue.getByTestId('tandem-queue-row');
    await rows.first().waitFor({ timeout: 15_000 });
    const ids = () => rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-case-id') ?? ''));
    const all = await ids();
    const effort = effortByCase(await cachedRows<Interaction>(h.worker, 'interactions'));
    const select = queue.getByTestId('tandem-queue-filter-effort');
    const kinds = await select.locator('option').evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value).filter(Boolean));
    // The demo has customers who wrote again about the same case.
    expect(kinds).toContain('repeat');
    for (const kind of kinds) {
      await select.selectOption(kind);
      const expected = all.filter((id) => effortKinds(effort.get(id)).some((k) => k === kind));
      await expect.poll(ids, { timeout: 5000 }).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
    }
    // Back to all from the keyboard: the filter is a native select, reached with Tab and changed with the arrows.
    await queue.getByTestId('tandem-queue-filter-value').focus();
    await queue.keyboard.press('Tab');
    expect(await select.evaluate((el) => el === document.activeElement)).toBe(true);
    await queue.keyboard.press('Home');
    await expect.poll(ids, { timeout: 5000 }).toEqual(all);
    await queue.keyboard.press('ArrowDown');
    await expect.poll(ids, { timeout: 5000 }).not.toEqual(all);
    await queue.close();
  });
});
