// The field policy end to end (issue 21): an admin masks phones for care's agents; the agent's side panel shows
// Jane's phone masked and reveals it with a reason; the manager, whom the policy does not mask, sees it in full, and
// reads the reveal with its reason in the console's access log. Two Chromium instances against one server.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FieldPolicyResponse } from '../lib/schema/privacy';
import { harnessPairForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import type { Harness } from './harness';
import { overlayOf } from './overlay-view';
import { serverToken } from './server-view';

const MANAGER = { email: 'manager@tandem.demo', password: 'tandem-demo' };
const ADMIN = { email: 'admin@tandem.demo', password: 'tandem-demo' };
const REASON = 'Customer asked for a call back about roaming';

/** The side panel pinned to the tab showing Jane's Zendesk ticket. */
async function panelOnJane(h: Harness): Promise<Page> {
  const ticket = await h.context.newPage();
  await ticket.goto(FIXTURE_URLS.zendeskTicket);
  await (await overlayOf(ticket, 20_000)).getByTestId('tandem-customer-name').waitFor({ timeout: 20_000 });
  const panel = await h.openExtensionPage(`sidepanel.html?tabId=${await h.tabIdOf(ticket)}`);
  await panel.getByTestId('tandem-workspace').getByTestId('tandem-customer-name').waitFor({ timeout: 15_000 });
  return panel;
}

const identities = (panel: Page) => panel.getByTestId('tandem-workspace').getByRole('list', { name: 'Identities' }).textContent();

// The admin sets the policy before the agent's first sync: phones masked for care's agents, who may reveal them.
const { agent, other: manager } = harnessPairForFile(MANAGER, {
  async beforeAgentSignIn(agent) {
    const token = await serverToken(agent.directServerUrl, ADMIN);
    const res = await fetch(`${agent.directServerUrl}/admin/field-policy`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ role: 'agent', teamId: 'team-care', customer: { phone: 'masked' }, interactions: {}, mayReveal: true }),
    });
    expect(FieldPolicyResponse.parse(await res.json()).rules).toHaveLength(1);
  },
});

describe('field policy', () => {
  it('shows the agent a masked phone, reveals it with a reason, and the manager sees it in full and reads the reveal in the access log', async () => {
    const agentPanel = await panelOnJane(agent);
    expect(await identities(agentPanel)).toContain('•••• 0123');
    expect(await identities(agentPanel)).not.toContain('+14155550123');
    // The agent's cache never held the phone in full: the server masked it before it left.
    const cached = await agent.worker.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open('tandem');
          open.onsuccess = () => {
            const get = open.result.transaction('customers').objectStore('customers').get('cust-jane-doe');
            get.onsuccess = () => resolve(JSON.stringify(get.result ?? null));
          };
        }),
    );
    expect(cached).toContain('•••• 0123');
    expect(cached).not.toContain('4155550123');

    await agentPanel.getByTestId('tandem-reveal-phone').click();
    await agentPanel.getByTestId('tandem-reveal-reason-phone').fill(REASON);
    await agentPanel.getByTestId('tandem-reveal-form-phone').getByRole('button', { name: 'Reveal' }).click();
    await agentPanel.getByTestId('tandem-revealed-phone').filter({ hasText: '+14155550123' }).waitFor({ timeout: 10_000 });

    const managerPanel = await panelOnJane(manager);
    expect(await identities(managerPanel)).toContain('+14155550123');
    await expect(managerPanel.getByTestId('tandem-masked').count()).resolves.toBe(0);

    const consolePage = await manager.openExtensionPage('manager.html');
    await consolePage.getByRole('button', { name: 'Access log' }).click();
    await consolePage.getByTestId('access-log-action').selectOption('revealed');
    await consolePage.getByTestId('manager-access-log').getByRole('button', { name: 'Filter' }).click();
    const entry = consolePage.getByTestId('access-log-entry').filter({ hasText: REASON });
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.textContent()).toContain('Alex Agent');
    expect(await entry.textContent()).toContain('cust-jane-doe');
  }, 120_000);
});
