// Erasure end to end (issue 21): an admin finds Jane in the console's "Customer data requests", confirms the erasure by
// typing her name and a reason; the agent, signed in elsewhere with Jane's ticket open, sees her leave the overlay and
// the side panel within one sync, and their cache holds nothing of hers. Two Chromium instances against one server.
import { describe, expect, it } from 'vitest';
import { harnessPairForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { overlayOf } from './overlay-view';
import { serverRecords } from './server-view';

const ADMIN = { email: 'admin@tandem.demo', password: 'tandem-demo' };
const JANE = 'cust-jane-doe';

/** Every record in the agent's cache that names Jane (her customer record, interactions, cases). */
const janeInCache = () =>
  agent.worker.evaluate(
    (id) =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open('tandem');
        open.onsuccess = () => {
          // Pulled interactions may sit in blocks, many to a row (lib/db/interactions.ts): their records are read too.
          const stores = ['customers', 'interactions', 'cases', 'interactionBlocks'];
          const tx = open.result.transaction(stores);
          const found: string[] = [];
          let left = stores.length;
          for (const store of stores) {
            const all = tx.objectStore(store).getAll();
            all.onsuccess = () => {
              const rows =
                store === 'interactionBlocks' ? (all.result as { records: { id: string; customerId?: string }[] }[]).flatMap((b) => b.records) : all.result;
              const name = store === 'interactionBlocks' ? 'interactions' : store;
              for (const r of rows as { id: string; customerId?: string }[]) if (r.id === id || r.customerId === id) found.push(`${name}:${r.id}`);
              if (--left === 0) resolve(found);
            };
          }
        };
      }),
    JANE,
  );

const { agent, other: admin } = harnessPairForFile(ADMIN);

describe('erasure', () => {
  it('takes an erased customer out of another signed-in agent’s overlay, side panel and cache within one sync', async () => {
    const ticket = await agent.context.newPage();
    await ticket.goto(FIXTURE_URLS.zendeskTicket);
    await (await overlayOf(ticket, 20_000)).getByTestId('tandem-customer-name').filter({ hasText: 'Jane Doe' }).waitFor({ timeout: 20_000 });
    const panel = await agent.openExtensionPage(`sidepanel.html?tabId=${await agent.tabIdOf(ticket)}`);
    await panel.getByTestId('tandem-workspace').getByTestId('tandem-customer-name').filter({ hasText: 'Jane Doe' }).waitFor({ timeout: 15_000 });
    expect((await janeInCache()).length).toBeGreaterThan(3);

    const consolePage = await admin.openExtensionPage('manager.html');
    await consolePage.getByRole('button', { name: 'Customer data requests' }).click();
    await consolePage.getByTestId('privacy-customer-query').fill('jane.doe@example.com');
    await consolePage.getByRole('button', { name: 'Find' }).click();
    await consolePage.getByTestId('privacy-customer').filter({ hasText: 'Jane Doe' }).getByTestId('privacy-erase').click();
    const confirm = consolePage.getByTestId('privacy-erase-confirm-button');
    await consolePage.getByTestId('privacy-erase-reason').fill('Erasure request #4711');
    // The confirm step: nothing is erased until the admin types the customer's name.
    expect(await confirm.isDisabled()).toBe(true);
    await consolePage.getByTestId('privacy-erase-name').fill('Jane Doe');
    await confirm.click();
    await consolePage.getByTestId('manager-notice').filter({ hasText: 'Erased Jane Doe' }).waitFor({ timeout: 20_000 });
    expect((await serverRecords(agent.directServerUrl)).some((c) => c.record.id === JANE)).toBe(false);

    // One sync (the agent's live stream may start it first; either way it is the next pull).
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(async () => ({ cache: await janeInCache(), status: await panel.getByTestId('tandem-sync-status').textContent() }), { timeout: 20_000 })
      .toMatchObject({ cache: [] });
    // The page still names her, but Tandem no longer knows her: both show the page's person as "not in Tandem", no history.
    const workspace = panel.getByTestId('tandem-workspace');
    await workspace.getByTestId('tandem-unknown').waitFor({ timeout: 20_000 });
    expect(await workspace.getByTestId('tandem-interaction').count()).toBe(0);
    await (await overlayOf(ticket)).getByTestId('tandem-unknown').waitFor({ timeout: 20_000 });

    // The access log has the erasure with its reason, not her data.
    await consolePage.getByRole('button', { name: 'Access log' }).click();
    const entry = consolePage.getByTestId('access-log-entry').filter({ hasText: 'Erasure request #4711' });
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.textContent()).not.toContain('jane.doe@example.com');
  }, 180_000);
});
