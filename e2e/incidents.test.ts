// Incident early warning end to end (issue 22, docs/incidents.md): an agent captures several similar tweets from
// different people; the manager's console, open in another Chromium against the same server, shows the "Possible
// incident" card without a reload, and the manager's overlay a banner (the agent's, nothing); the banner's one click
// turns it into a broadcast that links the cases (the agent gets them with its workaround noted), and the agent’s overlay
// shows it with its suggested reply.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../lib/schema/entities';
import { ManagedItem } from '../lib/schema/manager';
import { cachedRows } from './cache-view';
import { captureButton, captureItem, casesOnServer } from './capture-steps';
import { harnessPairForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { addTweets, incidentsOnServer, type TweetAuthors } from './incident-steps';
import { customerName, overlayFrame } from './overlay-view';
import { serverToken } from './server-view';

const MANAGER = { email: 'manager@tandem.demo', password: 'tandem-demo' };
const OUTAGE_TWEETS = [
  'No signal at all in Leeds since this afternoon, what is going on?',
  'Is the network down in Leeds? Zero signal on my phone',
  'Anyone else in Leeds with no signal? Phone says SOS only',
  'Still no signal here in Leeds, bars gone completely',
  'Leeds city centre: no signal and no data for an hour now',
  'Total loss of signal in Leeds, restarted twice',
];

let consolePage: Page;

const AUTHORS: TweetAuthors = { idPrefix: '18699', handlePrefix: 'nbr', namePrefix: 'Pat Neighbour' };

const WORKAROUND = 'No signal? Turn on Wi-Fi Calling: calls and texts go over broadband until the mast is back.';

/** A workaround agents shared, published as a snippet tagged `workaround`: the broadcast offers it and notes it on the cases. */
async function publishWorkaround(): Promise<void> {
  const token = await serverToken(agent.directServerUrl, MANAGER);
  const call = async (path: string, body: unknown) => {
    const res = await fetch(`${agent.directServerUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return ManagedItem.parse(await res.json());
  };
  const created = await call('/manager/snippets', {
    title: 'No signal: use Wi-Fi Calling',
    shortcut: ';no-signal-wifi',
    body: WORKAROUND,
    tags: ['workaround'],
  });
  await call(`/manager/snippets/${created.record.id}/publish`, { baseVersion: created.record.version });
}

const { agent, other: manager } = harnessPairForFile(MANAGER);

beforeAll(async () => {
  await publishWorkaround();
  consolePage = await manager.openExtensionPage('manager.html');
  await consolePage.getByTestId('manager-user').filter({ hasText: 'manager' }).waitFor({ timeout: 15_000 });
}, 120_000);

describe('incident early warning', () => {
  it('raises the card in the manager’s console, without a reload, when several people tweet the same outage', async () => {
    expect(await consolePage.getByTestId('incident-card').count()).toBe(0);
    const stamp = Date.now().toString(36);
    // One capture per page load, as agents going down a timeline do (the capture form closes on the page it served).
    for (const [i] of OUTAGE_TWEETS.entries()) {
      const page = await agent.context.newPage();
      await page.goto(FIXTURE_URLS.xHome);
      const ids = await addTweets(page, OUTAGE_TWEETS, stamp, AUTHORS);
      await captureItem(page, ids[i] ?? '');
      await page.close();
    }
    const card = consolePage.getByTestId('incident-card');
    await card.waitFor({ timeout: 30_000 }).catch(async (error) => {
      console.log('incidents on the server:', JSON.stringify(await incidentsOnServer(agent.directServerUrl, MANAGER)));
      throw error;
    });
    const terms = (await card.getByTestId('incident-terms').textContent()) ?? '';
    expect(terms).toContain('leeds');
    expect(terms).toContain('signal');
    // Terms and cases only: none of the people who wrote.
    expect(await card.textContent()).not.toMatch(/nbr_|Neighbour/);
  });

  it('shows the manager, not the agent, a banner in the overlay; its one click broadcasts it, linking the cases, and the agent’s overlay shows it with the suggested reply', async () => {
    const draft = (await consolePage.getByTestId('incident-card').getByTestId('incident-draft').textContent()) ?? '';
    expect(draft).toContain('suggested reply No signal: use Wi-Fi Calling');
    expect(draft).toContain('notes its workaround on every linked case');

    const managerTicket = await manager.context.newPage();
    await managerTicket.goto(FIXTURE_URLS.zendeskTicket);
    const managerOverlay = await overlayFrame(managerTicket, 15_000);
    const banner = managerOverlay.getByTestId('incident-card');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.getByTestId('incident-terms').textContent()).toContain('leeds');

    // The agent, on the same page at the same moment, sees nothing until a manager broadcasts it.
    const agentTicket = await agent.context.newPage();
    await agentTicket.goto(FIXTURE_URLS.zendeskTicket);
    await expect.poll(customerName(agentTicket), { timeout: 15_000 }).not.toBeNull();
    const agentOverlay = await overlayFrame(agentTicket);
    expect(await agentOverlay.getByTestId('incident-card').count()).toBe(0);
    expect(await agentOverlay.getByTestId('tandem-broadcast').filter({ hasText: 'Possible incident' }).count()).toBe(0);
    await agentTicket.close();

    await banner.getByTestId('incident-broadcast').click();
    await managerOverlay
      .getByTestId('tandem-incident-notice')
      .filter({ hasText: /cases linked/ })
      .waitFor({ timeout: 15_000 });
    expect(await managerOverlay.getByTestId('incident-card').count()).toBe(0);
    await managerTicket.close();

    const [incident] = await incidentsOnServer(agent.directServerUrl, MANAGER);
    expect(incident?.status).toBe('broadcast');
    expect(incident?.caseIds.length).toBeGreaterThanOrEqual(5);
    expect(incident?.workaround).toBe(WORKAROUND);
    // Each linked case reaches the agent's cache with the workaround noted on it (the overlay shows it with the case).
    await expect
      .poll(
        async () => {
          const cases = await cachedRows<Case>(agent.worker, 'cases');
          return cases.filter((c) => incident?.caseIds.includes(c.id) && c.notes?.some((n) => n.kind === 'workaround' && n.text === WORKAROUND)).length;
        },
        { timeout: 15_000 },
      )
      .toBe(incident?.caseIds.length);
    // The console follows without a reload: the card is now the broadcast incident, to be closed when it is over.
    await consolePage.getByTestId('incident-close').waitFor({ timeout: 15_000 });

    const ticket = await agent.context.newPage();
    await ticket.goto(FIXTURE_URLS.zendeskTicket);
    const overlay = await overlayFrame(ticket, 15_000);
    const broadcast = overlay.getByTestId('tandem-broadcast').filter({ hasText: 'Possible incident' });
    await broadcast.waitFor({ timeout: 15_000 });
    expect(await broadcast.getByTestId('tandem-broadcast-snippet').textContent()).toContain('Suggested reply');
    await ticket.close();
  });

  it('offers an agent capturing a tweet about the broadcast incident its workaround, prefilled; one click uses it and links the case', async () => {
    const page = await agent.context.newPage();
    await page.goto(FIXTURE_URLS.xHome);
    const [id] = await addTweets(page, ['Leeds here: still no signal tonight, any news?'], `${Date.now().toString(36)}z`, AUTHORS);
    await (await captureButton(page, id ?? '')).click();
    const frame = await overlayFrame(page);
    const offer = frame.getByTestId('tandem-capture-incident');
    await offer.waitFor({ timeout: 10_000 });
    expect(await offer.textContent()).toContain('Possible incident');
    expect(await offer.getByLabel('Suggested reply').inputValue()).toBe(WORKAROUND);
    const use = offer.getByTestId('tandem-capture-incident-use');
    await use.click();
    expect(await use.getAttribute('aria-pressed')).toBe('true');
    await frame.getByTestId('tandem-capture-form').getByLabel('Subject').press('Enter');
    await frame.getByTestId('tandem-capture-result').waitFor({ timeout: 10_000 });
    await page.close();

    // The case reaches the server with the workaround noted, and the server links it to the incident.
    let caseId: string | undefined;
    await expect
      .poll(
        async () => {
          caseId = (await casesOnServer(agent.directServerUrl, { externalId: id ?? '' }))[0]?.id;
          const [incident] = await incidentsOnServer(agent.directServerUrl, MANAGER);
          return !!caseId && !!incident?.caseIds.includes(caseId);
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    const [kase] = await casesOnServer(agent.directServerUrl, { externalId: id ?? '' });
    expect(kase?.notes?.filter((n) => n.kind === 'workaround').map((n) => n.text)).toEqual([WORKAROUND]);
  });
});
