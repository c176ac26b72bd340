// The manager console end to end: two Chromium instances (an agent's and a manager's) with the built
// extension, against ONE server. The manager publishes in the console; the agent's overlay and cache
// get it through the live channel, without a reload.

import type { Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SlaPoliciesResponse } from '../lib/schema/sla';
import { cachedRecord } from './cache-view';
import { harnessPairForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { DEMO_AGENT } from './harness';
import { overlayFrame } from './overlay-view';
import { serverToken } from './server-view';

const MANAGER = { email: 'manager@tandem.demo', password: 'tandem-demo' };

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`Not within ${timeoutMs} ms`);
}

let consolePage: Page;
let agentPage: Page;
/** The agent's overlay (its frame on the Zendesk ticket). */
let agentOverlay: Frame;
const stamp = Date.now().toString(36);
const SNIPPET_TITLE = `Login outage apology ${stamp}`;
const BROADCAST_TITLE = `Zendesk sign-in outage ${stamp}`;
let snippetId = '';

// A second Chromium, the manager's, against the same server (the agent's harness owns it).
const { agent, other: manager } = harnessPairForFile(MANAGER);

beforeAll(async () => {
  agentPage = await agent.context.newPage();
  await agentPage.goto(FIXTURE_URLS.zendeskTicket);
  agentOverlay = await overlayFrame(agentPage, 15_000);
  await agentOverlay.getByTestId('tandem-overlay').getByTestId('tandem-customer-name').waitFor({ timeout: 15_000 });
});

function editor() {
  return consolePage.getByTestId('manager-editor');
}

async function notice(text: string | RegExp) {
  await consolePage.getByTestId('manager-notice').filter({ hasText: text }).waitFor({ timeout: 10_000 });
}

describe('manager console', () => {
  it('opens from the popup for a manager', async () => {
    const popup = await manager.openExtensionPage('popup.html');
    const opened = manager.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Manager console' }).click();
    consolePage = await opened;
    await consolePage.waitForLoadState();
    expect(consolePage.url()).toContain('/manager.html');
    await consolePage.getByTestId('manager-user').filter({ hasText: 'manager' }).waitFor();
    await consolePage.getByTestId('manager-row').first().waitFor({ timeout: 10_000 });
  });

  it('previews article markdown live, sanitized, and names invalid fields', async () => {
    await consolePage.getByTestId('manager-new').click();
    await editor()
      .getByLabel(/Body \(markdown\)/)
      .fill('## Roaming\n\n**Free** in the EU. <img src="x" onerror="window.pwned=1"> [bad](javascript:alert(1))');
    const preview = editor().getByTestId('manager-preview');
    await preview.locator('h2').filter({ hasText: 'Roaming' }).waitFor();
    expect(await preview.locator('strong').textContent()).toBe('Free');
    expect(await preview.locator('[onerror]').count()).toBe(0);
    expect(await preview.locator('a[href^="javascript"]').count()).toBe(0);
    // Saving without a title: refused in the console, the field says why.
    await editor().getByTestId('manager-save').click();
    await consolePage.getByTestId('manager-error').waitFor();
    expect(await editor().getByTestId('manager-field-error').count()).toBeGreaterThan(0);
    await consolePage.getByRole('button', { name: 'Dismiss the error' }).click();
    await editor().getByRole('button', { name: 'Close the editor' }).click();
  });

  it("publishes a snippet that reaches the agent's cache within 2 seconds", async () => {
    await consolePage.getByRole('tab', { name: 'Snippets' }).click();
    await consolePage.getByTestId('manager-new').click();
    await editor().getByLabel('Title', { exact: true }).fill(SNIPPET_TITLE);
    await editor().getByLabel('Shortcut').fill(`;login-${stamp}`);
    await editor()
      .getByLabel(/Reply text/)
      .fill('Hi {{customer.firstName}}, sign-in is failing for some customers; we are on it.');
    await editor().getByRole('checkbox', { name: 'Customer Care' }).check();
    await expect.poll(() => editor().getByTestId('manager-preview').textContent()).toContain('sign-in is failing');
    await editor().getByTestId('manager-save').click();
    await notice('Draft snippet created.');
    snippetId = (await editor().getAttribute('data-item-id')) ?? '';
    expect(snippetId).toMatch(/^snip-/);
    expect(await cachedRecord(agent.worker, 'snippets', snippetId)).toBeNull();

    const started = Date.now();
    await editor().getByTestId('manager-publish').click();
    const ms = await waitUntil(async () => (await cachedRecord(agent.worker, 'snippets', snippetId))?.title === SNIPPET_TITLE, 2000);
    console.log(`snippet publish click → agent's cache: ${Date.now() - started} ms (polled ${ms} ms)`);
    await notice('Published.');
  });

  it("publishes a broadcast the agent's overlay shows within 2 seconds, without a reload", async () => {
    await consolePage.getByRole('tab', { name: 'Broadcasts' }).click();
    await consolePage.getByTestId('manager-new').click();
    await editor().getByLabel('Title', { exact: true }).fill(BROADCAST_TITLE);
    await editor().getByLabel('Severity').selectOption('critical');
    await editor().getByLabel('Message').fill('Agents cannot sign customers in through Zendesk. Use the apology snippet.');
    await editor().getByRole('checkbox', { name: 'Customer Care' }).check();
    await editor().getByLabel('Sites', { exact: true }).fill('zendesk');
    const suggested = editor().getByLabel('Suggested reply snippet');
    await expect.poll(() => suggested.locator('option').allTextContents()).toContain(SNIPPET_TITLE);
    await suggested.selectOption({ label: SNIPPET_TITLE });
    await editor().getByTestId('manager-save').click();
    await notice('Draft broadcast created.');
    const broadcastId = (await editor().getAttribute('data-item-id')) ?? '';
    expect(await agentOverlay.locator(`[data-broadcast-id="${broadcastId}"]`).count()).toBe(0);

    const banner = agentOverlay.locator(`[data-testid="tandem-broadcast"][data-broadcast-id="${broadcastId}"]`);
    const started = Date.now();
    await editor().getByTestId('manager-publish').click();
    await banner.waitFor({ timeout: 2000 });
    console.log(`broadcast publish click → agent's banner: ${Date.now() - started} ms`);
    expect(await banner.getAttribute('data-severity')).toBe('critical');
    expect(await banner.getByTestId('tandem-broadcast-title').textContent()).toBe(BROADCAST_TITLE);
    expect(await banner.getByTestId('tandem-broadcast-snippet').textContent()).toContain(SNIPPET_TITLE);

    // Dismissed per broadcast, and it stays dismissed.
    await banner.getByRole('button', { name: `Dismiss "${BROADCAST_TITLE}"` }).click();
    await banner.waitFor({ state: 'detached' });

    // Unpublished: gone from the agent's cache.
    await editor().getByTestId('manager-unpublish').click();
    await waitUntil(async () => (await cachedRecord(agent.worker, 'broadcasts', broadcastId)) === null, 3000);
  });

  it('shows both versions on a conflicting save and lets the manager reload', async () => {
    await consolePage.getByRole('tab', { name: 'Snippets' }).click();
    await consolePage.locator(`[data-testid="manager-row"][data-id="${snippetId}"]`).getByRole('button').click();
    await expect.poll(() => editor().getAttribute('data-item-id')).toBe(snippetId);
    const version = Number(await editor().getAttribute('data-version'));

    // Someone else saves first (straight to the server, as another console would).
    const token = await serverToken(agent.directServerUrl, MANAGER);
    const theirs = await fetch(`${agent.directServerUrl}/manager/snippets/${snippetId}/edit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ baseVersion: version, patch: { title: `${SNIPPET_TITLE} (theirs)` } }),
    });
    expect(theirs.status).toBe(200);

    await editor().getByLabel('Title', { exact: true }).fill(`${SNIPPET_TITLE} (mine)`);
    await editor().getByLabel('Title', { exact: true }).press('Control+s');
    const conflictPanel = consolePage.getByTestId('manager-conflict');
    await conflictPanel.waitFor();
    expect(await conflictPanel.textContent()).toContain(`${SNIPPET_TITLE} (mine)`);
    expect(await conflictPanel.textContent()).toContain(`${SNIPPET_TITLE} (theirs)`);
    await conflictPanel.getByTestId('manager-conflict-reload').click();
    expect(await editor().getByLabel('Title', { exact: true }).inputValue()).toBe(`${SNIPPET_TITLE} (theirs)`);
    expect(Number(await editor().getAttribute('data-version'))).toBe(version + 1);
  });

  it('compares versions field by field and rolls back', async () => {
    await editor().getByTestId('manager-history-toggle').click();
    const historyPanel = consolePage.getByTestId('manager-history');
    await historyPanel.getByTestId('manager-version').first().waitFor();
    const versions = await historyPanel.getByTestId('manager-version').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-version'))));
    expect(versions).toEqual([3, 2, 1]);
    await historyPanel.getByTestId('manager-compare-from').selectOption('1');
    await historyPanel.getByTestId('manager-compare-to').selectOption('3');
    await historyPanel.getByTestId('manager-compare').click();
    // The diff comes from the server; wait for it before reading it.
    await historyPanel.getByTestId('manager-diff-row').first().waitFor();
    const fields = await historyPanel.getByTestId('manager-diff-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field')));
    expect(fields).toEqual(expect.arrayContaining(['title', 'status']));

    await historyPanel.locator('[data-testid="manager-version"][data-version="2"]').getByTestId('manager-rollback').click();
    await historyPanel.getByTestId('manager-rollback-confirm').click();
    await notice(/Rolled back: version 4 equals version 2/);
    expect(await editor().getByLabel('Title', { exact: true }).inputValue()).toBe(SNIPPET_TITLE);
    await waitUntil(async () => (await cachedRecord(agent.worker, 'snippets', snippetId))?.title === SNIPPET_TITLE, 3000);
  });

  it('imports a CSV all or nothing, listing bad rows by number', async () => {
    await consolePage.getByRole('button', { name: 'Bulk import' }).click();
    const view = consolePage.getByTestId('manager-import');
    await view.getByLabel('Import as').selectOption('snippets');
    const bad = ['title,shortcut,body,teams', `Refund ${stamp},;refund-${stamp},Hi,team-care`, `,;nope-${stamp},Hi,team-care`, `Late,late,Hi,team-care`].join(
      '\n',
    );
    await view.getByTestId('manager-import-files').setInputFiles({ name: 'snippets.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const problems = view.getByTestId('manager-import-problems');
    await problems.waitFor();
    const text = await problems.textContent();
    expect(text).toContain('snippets.csv row 3');
    expect(text).toContain('snippets.csv row 4');
    expect(await view.getByTestId('manager-import-start').isDisabled()).toBe(true);

    const good = [
      'title,shortcut,body,teams,tags',
      `Refund ${stamp},;refund-${stamp},Hi,team-care,billing`,
      `Delay ${stamp},;delay-${stamp},"Sorry, it is late",team-care,`,
    ].join('\n');
    await view.getByTestId('manager-import-files').setInputFiles({ name: 'snippets.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await view.getByRole('checkbox', { name: 'Publish after import' }).check();
    await view.getByTestId('manager-import-start').click();
    expect(await view.getByTestId('manager-import-done').textContent()).toContain('Imported 2 items and published them');
  });

  it('sets a team’s service levels, which the server applies', async () => {
    await consolePage.getByRole('button', { name: 'Service levels' }).click();
    const form = consolePage.getByTestId('manager-sla');
    await form.waitFor({ timeout: 10_000 });
    await form.getByLabel('Team').selectOption('team-care');
    await form.getByTestId('sla-social-high-first').fill('20');
    await form.getByRole('button', { name: 'Save service levels' }).click();
    await notice(/Service levels saved for team-care/);
    // What an agent of that team now gets from the server.
    const token = await serverToken(agent.directServerUrl, DEMO_AGENT);
    const policies = SlaPoliciesResponse.parse(
      await (await fetch(`${agent.directServerUrl}/sla/policies`, { headers: { authorization: `Bearer ${token}` } })).json(),
    );
    expect(policies.teams.find((t) => t.teamId === 'team-care')?.policy.social.high.firstResponseMinutes).toBe(20);
  });

  it('draws analytics as charts with table fallbacks', async () => {
    await consolePage.getByRole('button', { name: 'Analytics' }).click();
    const sla = consolePage.getByTestId('chart-sla');
    await sla.waitFor({ timeout: 10_000 });
    expect(await sla.locator('svg[role="img"]').count()).toBe(1);
    expect(await sla.locator('table').textContent()).toContain('First response');
    await consolePage.getByTestId('analytics-unused').waitFor();
  });
});

describe('an agent', () => {
  it('sees no "Manager console" button', async () => {
    const popup = await agent.openExtensionPage('popup.html');
    await popup.getByTestId('tandem-popup-user').waitFor();
    expect(await popup.getByTestId('tandem-popup-user').textContent()).toContain('agent');
    expect(await popup.getByRole('button', { name: 'Manager console' }).count()).toBe(0);
    await popup.close();
  });

  it('is refused by the server (403) and the console says so', async () => {
    const page = await agent.openExtensionPage('manager.html');
    const error = page.getByTestId('manager-error');
    await error.waitFor({ timeout: 10_000 });
    expect(await error.getAttribute('data-code')).toBe('forbidden');
    expect(await error.textContent()).toMatch(/Not allowed: .*agent/);
    const reply = await page.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }).chrome.runtime.sendMessage({
        name: 'manager.create',
        payload: { kind: 'snippets', body: { title: 'Sneaky', shortcut: ';sneaky', body: 'x' } },
      }),
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await page.close();
  });
});
