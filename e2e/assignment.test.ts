import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLOCK } from '../server/seed/demo';
import { captureItem } from './capture-steps';
import { FIXTURE_URLS } from './fixture-server';
import { DEMO_AGENT, type Harness, startE2eServer, startHarness } from './harness';
import { serverToken } from './server-view';

// Assignment (issue 20, docs/sla.md "Assignment"): the team assigns new cases round-robin; Alex turns himself away in
// the popup, captures three tweets, and the server gives them to the three agents still available — never to him —
// and his queue shows each case's assignee.
const MANAGER = { email: 'manager@tandem.demo', password: 'tandem-demo' };
const ADMIN = { email: 'admin@tandem.demo', password: 'tandem-demo' };
// Tweets of the X fixture page (e2e/sites/x/index.html); this file's server starts empty of captures.
const TWEETS = ['1861200000000000001', '1861250000000000002', '1861260000000000003'];
// Two more agents of team-care; addresses no fixture or seed uses.
const NEW_AGENTS = [
  { email: 'dana.assign@tandem.test', name: 'Dana Assign' },
  { email: 'eli.assign@tandem.test', name: 'Eli Assign' },
];

let server: Awaited<ReturnType<typeof startE2eServer>>;
let h: Harness;

async function call(account: { email: string; password: string }, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${await serverToken(server.url, account)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return res.json();
}

beforeAll(async () => {
  server = await startE2eServer({ seedClock: DEMO_CLOCK });
  for (const agent of NEW_AGENTS) {
    await call(ADMIN, 'POST', '/admin/users', { ...agent, role: 'agent', teamIds: ['team-care'], password: 'assign-e2e-password' });
  }
  await call(MANAGER, 'PUT', '/assignment/teams/team-care', { mode: 'round_robin', capacity: null, autoAwayMinutes: null, returnAfterMinutes: null });
  h = await startHarness({ server });
  await h.signIn(DEMO_AGENT);
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe('round-robin assignment with an away agent', () => {
  it('assigns three captures to the three available agents, skips the one away, and the queue shows each assignee', async () => {
    const popup = await h.openExtensionPage('popup.html');
    const available = popup.getByRole('switch', { name: 'Available for new cases' });
    await available.waitFor({ timeout: 15_000 });
    expect(await available.isChecked()).toBe(true);
    await available.click();
    await expect.poll(() => popup.getByTestId('tandem-agent-status').textContent()).toContain('Away');
    expect(await call(DEMO_AGENT, 'GET', '/assignment/status')).toMatchObject({ status: 'away', reason: 'manual' });

    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.xHome);
    const caseIds: string[] = [];
    for (const tweet of TWEETS) caseIds.push((await (await captureItem(page, tweet)).getAttribute('data-case-id')) ?? '');

    const queue: Page = await h.openExtensionPage('queue.html');
    const assignees = async () =>
      Promise.all(
        caseIds.map(async (id) => {
          const row = queue.locator(`[data-testid="tandem-queue-row"][data-case-id="${id}"]`);
          return (await row.count()) === 0 ? '' : ((await row.getByTestId('tandem-queue-assignee').textContent()) ?? '');
        }),
      );
    // Each case is with a different available agent, by name; none with Alex.
    await expect
      .poll(async () => (await assignees()).map((label) => label.replace('Claimed by ', '')).sort(), { timeout: 20_000 })
      .toEqual(['Bea Berg', 'Dana Assign', 'Eli Assign']);
    const team = (await call(MANAGER, 'GET', '/assignment/teams/team-care')) as { agents: { name: string; status: string }[] };
    expect(team.agents.find((a) => a.name === 'Alex Agent')?.status).toBe('away');
  });
});
