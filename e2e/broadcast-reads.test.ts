// Broadcast read receipts, end to end: an agent's and a manager's Chromium with the built extension, against one server.
// The agent acknowledges the seed's Berlin outage in the overlay ("Got it"); the manager's console sees its read rate move.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { harnessPairForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { syncNow } from './knowledge-view';
import { overlayFrame } from './overlay-view';

const MANAGER = { email: 'manager@tandem.demo', password: 'tandem-demo' };
/** The seed's live broadcast to every team (server/seed/demo.ts). */
const OUTAGE = 'bc-berlin-outage';
/** The demo agent (agent@tandem.demo). */
const ALEX = 'user-alex';

const { agent, other: manager } = harnessPairForFile(MANAGER);

async function openReads(): Promise<Page> {
  const screen = await manager.openExtensionPage('manager.html');
  await screen.getByRole('navigation', { name: 'Console sections' }).getByRole('button', { name: 'Broadcast reads' }).click();
  await screen.locator(`[data-testid="broadcast-reads"][data-id="${OUTAGE}"]`).waitFor({ timeout: 10_000 });
  return screen;
}

/** The outage's figures in a fresh console: seen, total, and whether Alex is on the "seen" list. */
async function outageReads(): Promise<{ seen: string | null; total: string | null; alexSeen: boolean }> {
  const screen = await openReads();
  try {
    const card = screen.locator(`[data-testid="broadcast-reads"][data-id="${OUTAGE}"]`);
    const rate = card.getByTestId('broadcast-read-rate');
    return {
      seen: await rate.getAttribute('data-seen'),
      total: await rate.getAttribute('data-total'),
      alexSeen: (await card.getByTestId('broadcast-seen').locator(`[data-user="${ALEX}"]`).count()) > 0,
    };
  } finally {
    await screen.close();
  }
}

describe('broadcast read receipts', () => {
  it("an agent's “Got it” on a broadcast moves its read rate in the manager's console", async () => {
    // Every agent of the manager's teams is listed; nobody has seen it yet.
    const before = await outageReads();
    expect(before).toEqual({ seen: '0', total: '3', alexSeen: false });

    const page = await agent.context.newPage();
    await page.goto(FIXTURE_URLS.tweet);
    const frame = await overlayFrame(page);
    const banner = frame.locator(`[data-testid="tandem-broadcast"][data-broadcast-id="${OUTAGE}"]`);
    await banner.waitFor({ timeout: 10_000 });
    await banner.getByTestId('tandem-broadcast-ack').click();
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    // Acknowledged in this browser: a reload does not bring it back.
    await page.reload();
    await (await overlayFrame(page)).getByTestId('tandem-overlay-title').waitFor({ timeout: 10_000 });
    expect(await (await overlayFrame(page)).locator(`[data-testid="tandem-broadcast"][data-broadcast-id="${OUTAGE}"]`).count()).toBe(0);
    await page.close();

    // The receipt waits on the device for the next sync, then reaches the console.
    await expect
      .poll(
        async () => {
          await syncNow(agent);
          return outageReads();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toEqual({ seen: '1', total: '3', alexSeen: true });

    // The read rate over time: one step, shown as a chart with its table of figures.
    const screen = await openReads();
    const chart = screen.locator(`[data-testid="broadcast-reads"][data-id="${OUTAGE}"]`).getByTestId('broadcast-read-chart');
    await expect.poll(() => chart.locator('table').textContent(), { timeout: 10_000 }).toContain('33%');
    await screen.close();
  });
});
