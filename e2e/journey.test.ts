// The journey view end to end (issue 22, docs/incidents.md): Jane Doe, who wrote on Zendesk and X, follows up her
// Zendesk ticket by e-mail; the side panel beside her ticket shows her interactions grouped by case, the Zendesk case's
// path with the hop to e-mail, and every step public or private.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Interaction } from '../lib/schema/entities';
import { cachedRows } from './cache-view';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { overlayFrame } from './overlay-view';
import { serverRecords, serverToken } from './server-view';

const h = harnessForFile();
const ZENDESK_CASE = 'case-jane-doe-zd';
const X_CASE = 'case-jane-doe-tw';

/** Jane e-mails about her Zendesk ticket half an hour after her latest message anywhere, written on the server as another client would. */
async function emailFollowUp(): Promise<string> {
  const hers = (await serverRecords(h.directServerUrl)).flatMap((c) =>
    c.entity === 'interactions' && c.record.customerId === 'cust-jane-doe' ? [c.record.occurredAt] : [],
  );
  const last = Math.max(...hers.map((at) => Date.parse(at)));
  const id = `int-journey-${randomUUID()}`;
  const res = await fetch(`${h.directServerUrl}/sync/push`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await serverToken(h.directServerUrl)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      mutations: [
        {
          id: `m-${id}`,
          entity: 'interactions',
          op: 'create',
          recordId: id,
          data: {
            teamId: 'team-care',
            customerId: 'cust-jane-doe',
            caseId: ZENDESK_CASE,
            channel: 'email',
            visibility: 'private',
            direction: 'inbound',
            text: 'Following up on my ticket by e-mail: the eSIM is still not active.',
            occurredAt: new Date(last + 1_800_000).toISOString(),
          },
        },
      ],
    }),
  });
  if (!res.ok) throw new Error(`push: ${res.status} ${await res.text()}`);
  return id;
}

describe('the journey in the side panel', () => {
  it('groups the interactions of a customer who wrote on several channels by case, with the hop to e-mail on her Zendesk case', async () => {
    const emailId = await emailFollowUp();
    // The agent's background pulls it (the server wakes the live stream).
    await expect.poll(async () => (await cachedRows<Interaction>(h.worker, 'interactions')).some((i) => i.id === emailId), { timeout: 20_000 }).toBe(true);

    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.zendeskTicket);
    const overlay = await overlayFrame(page, 15_000);
    await overlay.getByTestId('tandem-customer-name').filter({ hasText: 'Jane Doe' }).waitFor({ timeout: 15_000 });
    const panel = await h.openExtensionPage(`sidepanel.html?tabId=${await h.tabIdOf(page)}`);
    const journey = panel.getByTestId('tandem-journey');
    await journey.waitFor({ timeout: 15_000 });

    const issue = (caseId: string) => journey.locator(`[data-testid="tandem-journey-issue"][data-case-id="${caseId}"]`);
    // One issue per case: the Zendesk ticket's steps and the tweet's are not mixed.
    const caseIds = await journey.getByTestId('tandem-journey-issue').evaluateAll((els) => els.map((el) => el.getAttribute('data-case-id')));
    expect(caseIds).toContain(ZENDESK_CASE);
    expect(caseIds).toContain(X_CASE);
    expect(new Set(caseIds).size).toBe(caseIds.length);
    // The latest issue (the e-mail just came in) comes first and open.
    expect(caseIds[0]).toBe(ZENDESK_CASE);

    const zendesk = issue(ZENDESK_CASE);
    expect(await zendesk.getByTestId('tandem-journey-path').textContent()).toBe('Zendesk → email · 1 hop');
    const steps = zendesk.getByTestId('tandem-journey-step');
    expect(await steps.evaluateAll((els) => els.map((el) => el.getAttribute('data-hop')))).toEqual(['false', 'false', 'true']);
    expect(await steps.last().textContent()).toContain('changed channel');
    expect(await steps.last().textContent()).toContain('from customer');

    // The tweet's case stays on X, public steps and the private DM marked as such.
    const x = issue(X_CASE);
    expect(await x.getByTestId('tandem-journey-path').textContent()).toBe('X');
    const visibility = await x.locator('.tdm-visibility').allTextContents();
    expect(visibility).toEqual(['public', 'public', 'private']);
    await panel.close();
    await page.close();
  });
});
