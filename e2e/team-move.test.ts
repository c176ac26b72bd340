import { describe, expect, it } from 'vitest';
import { harnessForFile } from './file-harness';
import { serverRecords } from './server-view';

// Moving a case to another team (issue 20, docs/sla.md "Moving a case to another team"): Morgan, a manager of care and
// billing, moves Jane Doe's seeded tweet case to billing in the queue and accepts the offer to move Jane too; billing's
// agent Cy then syncs both from the server.
const MANAGER = { email: 'manager@tandem.demo', password: 'tandem-demo' };
const CY = { email: 'billing@tandem.demo', password: 'tandem-demo' };
const CASE_ID = 'case-jane-doe-tw';
const CUSTOMER_ID = 'cust-jane-doe';

const h = harnessForFile({ account: MANAGER });

/** The team the server holds the record in, as `account` pulls it; null when they cannot see it. */
async function teamOnServer(account: typeof CY, entity: 'cases' | 'customers', id: string): Promise<string | null> {
  const found = (await serverRecords(h.directServerUrl, account)).find((c) => c.entity === entity && c.record.id === id);
  return found && 'teamId' in found.record ? found.record.teamId : null;
}

async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('moving a case to another team in the queue', () => {
  it('offers to move the customer too, and both arrive in the new team', async () => {
    expect(await teamOnServer(CY, 'customers', CUSTOMER_ID)).toBeNull();
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
  });
});
