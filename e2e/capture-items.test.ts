import { describe, expect, it } from 'vitest';
import type { Case, Interaction } from '../lib/schema';
import { captureButton, captureButtonCount, captureItem, captureLabel, casesOnServer } from './capture-steps';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { serverRecords } from './server-view';

const h = harnessForFile();

type Account = { email: string; password: string };
const BILLING_AGENT: Account = { email: 'billing@tandem.demo', password: 'tandem-demo' };

/** The server's cases made from this item, read directly (not through the extension's network), as the account sees them. */
const cases = (site: string, externalId: string, account?: Account) => casesOnServer(h.directServerUrl, { site, externalId }, account);

/** The server's interactions (timeline entries) of one case. */
async function interactionsOnServer(caseId: string, account?: Account): Promise<Interaction[]> {
  return (await serverRecords(h.directServerUrl, account)).flatMap((c) => (c.entity === 'interactions' && c.record.caseId === caseId ? [c.record] : []));
}

/** Captures one item and checks the case the server ends up with, and the item's entry on the customer's timeline. */
async function captureAndCheck(opts: {
  url: string;
  site: string;
  externalId: string;
  customerName: string;
  expected: Pick<Case, 'customerId' | 'channel'>;
  sourceUrl: string;
  visibility: Interaction['visibility'];
  /** Who reads the server (default: the demo agent); the customer's team must be theirs. */
  account?: Account;
}) {
  const page = await h.context.newPage();
  await page.goto(opts.url);
  const result = await captureItem(page, opts.externalId);
  expect(await result.textContent()).toContain(opts.customerName);
  expect(await result.getAttribute('data-status')).toBe('created');
  await expect.poll(() => cases(opts.site, opts.externalId, opts.account), { timeout: 15_000 }).toHaveLength(1);
  const [onServer] = await cases(opts.site, opts.externalId, opts.account);
  expect(onServer).toMatchObject(opts.expected);
  expect(onServer?.source).toMatchObject({ site: opts.site, externalId: opts.externalId, url: opts.sourceUrl });
  await expect.poll(() => interactionsOnServer(onServer!.id, opts.account), { timeout: 15_000 }).toHaveLength(1);
  const [entry] = await interactionsOnServer(onServer!.id, opts.account);
  expect(entry).toMatchObject({ customerId: opts.expected.customerId, channel: opts.expected.channel, visibility: opts.visibility, direction: 'inbound' });
  await page.close();
}

describe('capture buttons on ticket, CRM and Facebook items', () => {
  it('Zendesk: a requester’s comment becomes an email case for the requester; agent replies and internal notes have no button', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.zendeskTicket);
    const log = page.locator('[data-ticket-id="4521"] [data-test-id="omni-log-container"]');
    await (await captureButton(page, '4521@2025-11-20T10:05:00.000Z')).waitFor();
    // Four comments on screen, two of them the requester's.
    expect(await log.locator('article').count()).toBe(4);
    expect(await captureButtonCount(log)).toBe(2);
    await page.close();
    await captureAndCheck({
      url: FIXTURE_URLS.zendeskTicket,
      site: 'zendesk',
      externalId: '4521@2025-11-20T08:12:00.000Z',
      customerName: 'Jane Doe',
      expected: { customerId: 'cust-jane-doe', channel: 'email' },
      sourceUrl: FIXTURE_URLS.zendeskTicket,
      visibility: 'private',
    });
  });

  it('Salesforce: the contact’s email in the case feed becomes an email case for the contact', async () => {
    await captureAndCheck({
      url: FIXTURE_URLS.salesforceCase,
      site: 'salesforce',
      externalId: '02sHs00000EmQ7aIAF',
      customerName: 'Marcus Chen',
      expected: { customerId: 'cust-marcus-chen', channel: 'email' },
      sourceUrl: FIXTURE_URLS.salesforceCase,
      visibility: 'private',
    });
  });

  it('HubSpot: the contact’s email in the record timeline becomes an email case for the contact', async () => {
    await captureAndCheck({
      url: FIXTURE_URLS.hubspotContact,
      site: 'hubspot',
      externalId: '61520001',
      customerName: 'Priya Raman',
      expected: { customerId: 'cust-priya-raman', channel: 'email' },
      sourceUrl: FIXTURE_URLS.hubspotContact,
      visibility: 'private',
    });
  });

  it('Freshdesk: the requester’s reply becomes an email case for the requester; the agent’s reply and private note have no button', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.freshdeskTicket);
    const conversation = page.locator('.ticket-details-wrapper');
    await (await captureButton(page, 'ticket_77')).waitFor();
    // Four messages on screen, two of them the requester's.
    expect(await conversation.locator('.ticket-details__item').count()).toBe(4);
    expect(await captureButtonCount(conversation)).toBe(2);
    await page.close();
    await captureAndCheck({
      url: FIXTURE_URLS.freshdeskTicket,
      site: 'freshdesk',
      externalId: 'note_48112005',
      customerName: 'Tom Becker',
      expected: { customerId: 'cust-tom-becker', channel: 'email' },
      sourceUrl: FIXTURE_URLS.freshdeskTicket,
      visibility: 'private',
    });
  });

  it('Facebook: a visitor post in a Page feed becomes a public case for the poster, with the post’s permalink', async () => {
    await captureAndCheck({
      url: 'https://www.facebook.com/NorthwindMobile',
      site: 'facebook',
      externalId: 'pfbid0TomB3eSim',
      customerName: 'Tom Becker',
      expected: { customerId: 'cust-tom-becker', channel: 'facebook' },
      sourceUrl: 'https://www.facebook.com/NorthwindMobile/posts/pfbid0TomB3eSim',
      visibility: 'public',
    });
  });

  it('capturing the same comment twice opens the existing case instead of making a second one', async () => {
    const externalId = '4521@2025-11-20T10:05:00.000Z';
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.zendeskTicket);
    const first = await captureItem(page, externalId);
    expect(await first.getAttribute('data-status')).toBe('created');
    const caseId = await first.getAttribute('data-case-id');
    await expect.poll(() => cases('zendesk', externalId), { timeout: 15_000 }).toHaveLength(1);

    await page.reload();
    // After a reload the button already says the comment is a case (inside its closed shadow root, read through DevTools).
    await expect.poll(() => captureLabel(page, externalId), { timeout: 10_000 }).toMatch(/^Case ✓/);
    const again = await captureItem(page, externalId);
    expect(await again.getAttribute('data-status')).toBe('existing');
    expect(await again.getAttribute('data-case-id')).toBe(caseId);
    await page.waitForTimeout(1000); // give a wrongly made second case time to reach the server
    expect(await cases('zendesk', externalId)).toHaveLength(1);
    expect((await cases('zendesk', externalId))[0]).toMatchObject({ id: caseId, customerId: 'cust-jane-doe', channel: 'web' });
    await page.close();
  });
});

describe('capture buttons for the billing team', () => {
  it('Dynamics 365: the contact’s email in the record Timeline becomes an email case for the contact; the agent’s email and a note have no button', async () => {
    // Olu Adeyemi belongs to the billing team: sign in as its agent.
    const options = await h.openExtensionPage('options.html');
    await options.getByRole('button', { name: 'Sign out and clear local data' }).click();
    await options.getByLabel('Password').waitFor({ timeout: 10_000 });
    await options.close();
    await h.signIn(BILLING_AGENT);

    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.dynamicsContact);
    const timeline = page.locator('[data-id="notescontrol"]');
    await (await captureButton(page, '3c9e0b52-8d1f-4a7e-b6c2-51f0a8d3e701')).waitFor();
    expect(await timeline.locator('li').count()).toBe(3);
    expect(await captureButtonCount(timeline)).toBe(1);
    await page.close();
    await captureAndCheck({
      url: FIXTURE_URLS.dynamicsContact,
      site: 'dynamics',
      externalId: '3c9e0b52-8d1f-4a7e-b6c2-51f0a8d3e701',
      customerName: 'Olu Adeyemi',
      expected: { customerId: 'cust-olu-ade', channel: 'email' },
      sourceUrl: FIXTURE_URLS.dynamicsContact,
      visibility: 'private',
      account: BILLING_AGENT,
    });
  });
});
