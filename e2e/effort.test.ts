// Customer effort end to end (issue 22): the overlay on a ticket of a customer who has written on two channels says so
// in one line of the customer card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
