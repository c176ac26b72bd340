import { describe, expect, it } from 'vitest';
import { cachedRecord, cachedRows } from './cache-view';
import { harnessPairForFile } from './file-harness';
import { serverRecords } from './server-view';

// Moving a case to another team (issue 20, docs/sla.md "Moving a case to another team"): Morgan, a manager of care and
// billing, moves Jane Doe's seeded tweet case to billing in the queue and accepts the offer to move Jane too; billing's
// agent Cy then syncs both from the server, and care's agent Alex, in care only, loses both from his queue and his
// cache through the live stream (docs/sync-protocol.md "Lost access"), and they stay gone offline.
const MANAGER = { email: 'manager@tandem.demo', password: 'tandem-demo' };
const CY = { email: 'billing@tandem.demo', password: 'tandem-demo' };
const CASE_ID = 'case-jane-doe-tw';
const CUSTOMER_ID = 'cust-jane-doe';

const { agent: alex, other: h } = harnessPairForFile(MANAGER);

/** The team the server holds the record in, as `account` pulls it; null when they cannot see it. */
async function teamOnServer(account: typeof CY, entity: 'cases' | 'customers', id: string): Promise<string | null> {
  const found = (await serverRecords(h.directServerUrl, account)).find((c) => c.entity === entity && c.record.id === id);
  return found && 'teamId' in found.record ? found.record.teamId : null;
}

/** Jane's case's messages in Alex's cache. */
const cachedMessagesOfCase = async () => (await cachedRows<{ caseId: string | null }>(alex.worker, 'interactions')).filter((i) => i.caseId === CASE_ID);

async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('moving a case to another team in the queue', () => {
  it("offers to move the customer too; both arrive in the new team and leave the old team's agent's queue and cache", async () => {
    expect(await teamOnServer(CY, 'customers', CUSTOMER_ID)).toBeNull();
    const alexQueue = await alex.openExtensionPage('queue.html');
    const alexRow = alexQueue.locator(`[data-testid="tandem-queue-row"][data-case-id="${CASE_ID}"]`);
    await alexRow.waitFor({ timeout: 15_000 });
    expect(await cachedRecord(alex.worker, 'customers', CUSTOMER_ID)).not.toBeNull();
    expect(await cachedMessagesOfCase()).not.toEqual([]);

    const queue = await h.openExtensionPage('queue.html');
    const row = queue.locator(`[data-testid="tandem-queue-row"][data-case-id="${CASE_ID}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const move = row.getByTestId('tandem-case-team-move');
    await move.getByTestId('tandem-case-team-select').selectOption('team-billing');
    const offer = move.getByTestId('tandem-case-move-customer');
    await offer.waitFor();
    expect(await move.textContent()).toContain('Also move Jane Doe to team-billing');
    await offer.check();
    await move.getByTestId('tandem-case-move').click();

    await eventually(async () => (await teamOnServer(MANAGER, 'customers', CUSTOMER_ID)) === 'team-billing');
    expect(await teamOnServer(MANAGER, 'cases', CASE_ID)).toBe('team-billing');
    // Billing's agent now has Jane and her case.
    expect(await teamOnServer(CY, 'customers', CUSTOMER_ID)).toBe('team-billing');
    expect(await teamOnServer(CY, 'cases', CASE_ID)).toBe('team-billing');

    // Alex, in care only, loses the case from his open queue within seconds (live push, no reload), then his cache
    // loses the case, its messages and Jane.
    await alexRow.waitFor({ state: 'detached', timeout: 5_000 });
    await eventually(async () => (await cachedRecord(alex.worker, 'customers', CUSTOMER_ID)) === null, 5_000);
    expect(await cachedRecord(alex.worker, 'cases', CASE_ID)).toBeNull();
    expect(await cachedMessagesOfCase()).toEqual([]);
    // And it stays gone offline: the queue reopened without a network reads the cache alone.
    await alex.context.setOffline(true);
    const offlineQueue = await alex.openExtensionPage('queue.html');
    await offlineQueue.getByTestId('tandem-queue-row').first().waitFor({ timeout: 15_000 });
    expect(await offlineQueue.locator(`[data-testid="tandem-queue-row"][data-case-id="${CASE_ID}"]`).count()).toBe(0);
    await alex.context.setOffline(false);
  });
});
