// Incident early warning end to end (issue 22, docs/incidents.md): an agent captures several similar tweets from
// different people; the manager's console, open in another Chromium against the same server, shows the "Possible
// incident" card without a reload; one click turns it into a broadcast that links the cases, and the agent's overlay
// shows it with its suggested reply.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IncidentsResponse } from '../lib/schema/incidents';
import { captureItem } from './capture-steps';
import { FIXTURE_URLS } from './fixture-server';
import { DEMO_AGENT, type Harness, startHarness } from './harness';
import { overlayFrame } from './overlay-view';
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

let agent: Harness;
let manager: Harness;
let consolePage: Page;

/**
 * Adds tweets by new people to the X fixture's timeline, as X's own infinite scroll would (a copy of an unknown
 * author's tweet with another author, id and text); the adapter puts its capture buttons on them.
 */
async function addTweets(page: Page, texts: readonly string[], stamp: string): Promise<string[]> {
  return page.evaluate(
    ({ texts, stamp }) => {
      const template = [...document.querySelectorAll('[data-testid="cellInnerDiv"]')].find((cell) => cell.innerHTML.includes('sam_unknown'));
      if (!template?.parentElement) throw new Error('no tweet to copy');
      return texts.map((text, i) => {
        const handle = `nbr_${stamp}_${i}`;
        // 18699… is a range no fixture tweet uses; the stamp's own digits (not its base-36 letters) keep runs apart.
        const id = `18699${String(Number.parseInt(stamp, 36) % 1e6).padStart(6, '0')}${String(i).padStart(8, '0')}`;
        const cell = template.cloneNode(true) as HTMLElement;
        cell.innerHTML = cell.innerHTML
          .replaceAll('sam_unknown', handle)
          .replaceAll('Sam Unknown', `Pat Neighbour ${i}`)
          .replaceAll('1861260000000000003', id)
          .replace(/Thinking of switching[^<]*/, text);
        // The copy must not carry Tandem's button of the tweet it was copied from: Tandem gives it its own.
        for (const button of cell.querySelectorAll('button[aria-label$="as a case"]')) button.remove();
        // X lays its cells out absolutely, one below the other.
        cell.style.transform = `translateY(${800 + i * 200}px)`;
        template.parentElement?.append(cell);
        return id;
      });
    },
    { texts, stamp },
  );
}

async function incidentsOnServer() {
  const token = await serverToken(agent.directServerUrl, MANAGER);
  const res = await fetch(`${agent.directServerUrl}/incidents`, { headers: { Authorization: `Bearer ${token}` } });
  return IncidentsResponse.parse(await res.json()).incidents;
}

beforeAll(async () => {
  agent = await startHarness();
  await agent.signIn(DEMO_AGENT);
  manager = await startHarness({ server: { url: agent.directServerUrl } });
  await manager.signIn(MANAGER);
  consolePage = await manager.openExtensionPage('manager.html');
  await consolePage.getByTestId('manager-user').filter({ hasText: 'manager' }).waitFor({ timeout: 15_000 });
}, 120_000);

afterAll(async () => {
  await manager?.close();
  await agent?.close();
});

describe('incident early warning', () => {
  it('raises the card in the manager’s console, without a reload, when several people tweet the same outage', async () => {
    expect(await consolePage.getByTestId('incident-card').count()).toBe(0);
    const stamp = Date.now().toString(36);
    // One capture per page load, as agents going down a timeline do (the capture form closes on the page it served).
    for (const [i] of OUTAGE_TWEETS.entries()) {
      const page = await agent.context.newPage();
      await page.goto(FIXTURE_URLS.xHome);
      const ids = await addTweets(page, OUTAGE_TWEETS, stamp);
      await captureItem(page, ids[i] ?? '');
      await page.close();
    }
    const card = consolePage.getByTestId('incident-card');
    await card.waitFor({ timeout: 30_000 }).catch(async (error) => {
      console.log('incidents on the server:', JSON.stringify(await incidentsOnServer()));
      throw error;
    });
    const terms = (await card.getByTestId('incident-terms').textContent()) ?? '';
    expect(terms).toContain('leeds');
    expect(terms).toContain('signal');
    // Terms and cases only: none of the people who wrote.
    expect(await card.textContent()).not.toMatch(/nbr_|Neighbour/);
  });

  it('turns it into a broadcast in one click, linking the cases; the agent’s overlay shows it with the suggested reply', async () => {
    const card = consolePage.getByTestId('incident-card');
    const draft = (await card.getByTestId('incident-draft').textContent()) ?? '';
    expect(draft).toContain('suggested reply');
    await card.getByTestId('incident-broadcast').click();
    await consolePage
      .getByTestId('incident-message')
      .filter({ hasText: /cases linked/ })
      .waitFor({ timeout: 15_000 });
    const [incident] = await incidentsOnServer();
    expect(incident?.status).toBe('broadcast');
    expect(incident?.caseIds.length).toBeGreaterThanOrEqual(5);

    const ticket = await agent.context.newPage();
    await ticket.goto(FIXTURE_URLS.zendeskTicket);
    const overlay = await overlayFrame(ticket, 15_000);
    const banner = overlay.getByTestId('tandem-broadcast').filter({ hasText: 'Possible incident' });
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.getByTestId('tandem-broadcast-snippet').textContent()).toContain('Suggested reply');
    await ticket.close();
  });
});
