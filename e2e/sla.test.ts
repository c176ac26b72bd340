import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../lib/schema';
import { captureItem } from './capture-steps';
import { FIXTURE_URLS } from './fixture-server';
import { DEMO_AGENT, type Harness, startE2eServer, startHarness } from './harness';
import { serverRecords, serverToken } from './server-view';

// Service levels in business time, seen in the queue of the built extension. The server's clock is injected
// (startServer's `now`), the queue page's through Playwright's clock and the service worker's by shifting its Date,
// so server, background and page agree on a Friday evening and a Monday morning whatever day the suite runs.
const MANAGER = { email: 'manager@tandem.demo', password: 'tandem-demo' };
const TWEET = '1861200000000000001';

const WEEKDAY = [{ from: '09:00', to: '17:00' }];
const BERLIN_OFFICE = {
  timeZone: 'Europe/Berlin',
  hours: { sun: [], mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: [] },
  holidays: [],
};

// Friday 20 November 2026, 19:00 in Berlin (after hours).
const FRIDAY_EVENING = new Date('2026-11-20T18:00:00.000Z');
// A social post at normal priority has two business hours for its first reply: Monday 11:00 in Berlin.
const MONDAY_DEADLINE = '2026-11-23T10:00:00.000Z';

let serverClock = FRIDAY_EVENING;
let server: Awaited<ReturnType<typeof startE2eServer>>;
let h: Harness;
/** The team's manager, in a browser of their own (joins for the escalation). */
let managerBrowser: Harness | undefined;

/** Moves a browser's clock: the pages' (fixed) and the service worker's (shifted, so its timers still run). */
async function setBrowserClock(at: Date, browser: Harness = h): Promise<void> {
  await browser.context.clock.setFixedTime(at);
  await browser.worker.evaluate((target) => {
    type Shifted = typeof globalThis & { __tandemRealDate?: DateConstructor; __tandemClockOffset: number };
    const g = globalThis as Shifted;
    if (!g.__tandemRealDate) {
      const Real = Date;
      g.__tandemRealDate = Real;
      g.Date = class extends Real {
        constructor(...args: ConstructorParameters<DateConstructor> | []) {
          if (args.length === 0) super(Real.now() + g.__tandemClockOffset);
          else super(...(args as [string]));
        }
        static override now() {
          return Real.now() + g.__tandemClockOffset;
        }
      } as DateConstructor;
    }
    g.__tandemClockOffset = target - g.__tandemRealDate.now();
  }, at.getTime());
}

/** Moves the server's and the browser's clocks together. */
async function setClock(at: Date): Promise<void> {
  serverClock = at;
  await setBrowserClock(at);
  if (managerBrowser) await setBrowserClock(at, managerBrowser);
}

/** The ids of the browser notifications a browser shows, read through its service worker. */
function notificationIds(browser: Harness): Promise<string[]> {
  return browser.worker.evaluate(async () => {
    type Notifications = { notifications: { getAll(): Promise<Record<string, boolean>> } };
    return Object.keys(await (globalThis as unknown as { chrome: Notifications }).chrome.notifications.getAll());
  });
}

async function caseOnServer(caseId: string): Promise<Case> {
  const found = (await serverRecords(server.url)).find((c) => c.entity === 'cases' && c.record.id === caseId);
  if (found?.entity !== 'cases') throw new Error(`case ${caseId} is not on the server`);
  return found.record;
}

/** One push to the server as another client of the team (an agent's second device, the customer's message feed). */
async function pushAs(account: { email: string; password: string }, mutation: Record<string, unknown>): Promise<void> {
  const token = await serverToken(server.url, account);
  const res = await fetch(`${server.url}/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mutations: [{ id: crypto.randomUUID(), ...mutation }] }),
  });
  const { results } = (await res.json()) as { results: { status: string }[] };
  expect(results[0]?.status).toBe('applied');
}

const badge = (queue: Page, caseId: string): Locator => queue.locator(`[data-testid="tandem-queue-row"][data-case-id="${caseId}"] [data-sla]`).first();

beforeAll(async () => {
  // The escalation sweep runs every half second here (a minute by default).
  server = await startE2eServer({ seedClock: FRIDAY_EVENING, now: () => serverClock, escalationSweepMs: 500 });
  // The team's office hours are set before the agent signs in, so the first sync brings the calendar.
  const put = await fetch(`${server.url}/sla/calendars/team-care`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${await serverToken(server.url, MANAGER)}`, 'content-type': 'application/json' },
    body: JSON.stringify(BERLIN_OFFICE),
  });
  expect(put.status).toBe(200);
  h = await startHarness({ server });
  await setBrowserClock(FRIDAY_EVENING);
  await h.signIn(DEMO_AGENT);
});

afterAll(async () => {
  await managerBrowser?.close();
  await h?.close();
  await server?.close();
});

describe('service levels in business time', () => {
  let caseId = '';

  it('shows a case captured on Friday evening due on Monday morning, counting business time only', async () => {
    const tweet = await h.context.newPage();
    await tweet.goto(FIXTURE_URLS.xHome);
    const result = await captureItem(tweet, TWEET);
    caseId = (await result.getAttribute('data-case-id')) ?? '';
    await tweet.close();
    await expect.poll(async () => (await caseOnServer(caseId).catch(() => null))?.slaDueAt, { timeout: 15_000 }).toBe(MONDAY_DEADLINE);

    const queue = await h.openExtensionPage('queue.html');
    const row = queue.locator(`[data-testid="tandem-queue-row"][data-case-id="${caseId}"]`);
    await expect.poll(() => row.getAttribute('data-sla-due'), { timeout: 15_000 }).toBe(MONDAY_DEADLINE);
    // 60 wall-clock hours away, but only the two business hours of Monday morning.
    await expect.poll(() => badge(queue, caseId).textContent(), { timeout: 10_000 }).toBe('First reply due in 2h business time');
    expect(await badge(queue, caseId).getAttribute('data-sla')).toBe('ok');
    await queue.close();
  });

  it('stops a pending case’s clock and restarts it with the time it had left when the customer writes', async () => {
    // Monday 09:30 in Berlin: half an hour used. Friday's session has expired; the agent signs in again.
    await setClock(new Date('2026-11-23T08:30:00.000Z'));
    await h.signIn(DEMO_AGENT);
    const queue = await h.openExtensionPage('queue.html');
    await expect.poll(() => badge(queue, caseId).textContent(), { timeout: 15_000 }).toBe('First reply due in 1h 30m business time');

    // The agent asks the customer a question (from another device) and sets the case pending: nothing is due.
    const before = await caseOnServer(caseId);
    await pushAs(DEMO_AGENT, { entity: 'cases', op: 'update', recordId: caseId, baseVersion: before.version, patch: { status: 'pending' } });
    await expect.poll(() => badge(queue, caseId).getAttribute('data-sla'), { timeout: 15_000 }).toBe('paused');
    expect(await badge(queue, caseId).textContent()).toBe('First reply paused · 1h 30m left');

    // Three hours later the paused clock has not moved.
    await setClock(new Date('2026-11-23T11:30:00.000Z'));
    await queue.reload();
    await expect.poll(() => badge(queue, caseId).textContent(), { timeout: 15_000 }).toBe('First reply paused · 1h 30m left');

    // At 13:00 the customer writes: the case is open again, due at 14:30 with its hour and a half left.
    await setClock(new Date('2026-11-23T12:00:00.000Z'));
    await pushAs(DEMO_AGENT, {
      entity: 'interactions',
      op: 'create',
      recordId: `int-${crypto.randomUUID()}`,
      data: {
        teamId: 'team-care',
        customerId: before.customerId,
        caseId,
        channel: before.channel,
        visibility: 'public',
        direction: 'inbound',
        text: 'Any news on my order?',
        occurredAt: serverClock.toISOString(),
      },
    });
    const resumedDue = '2026-11-23T13:30:00.000Z';
    await expect.poll(() => badge(queue, caseId).getAttribute('data-sla'), { timeout: 15_000 }).toBe('ok');
    expect(await badge(queue, caseId).textContent()).toBe('First reply due in 1h 30m business time');
    const resumed = await caseOnServer(caseId);
    expect(resumed.status).toBe('open');
    expect(resumed.slaDueAt).toBe(resumedDue);
    await expect.poll(() => queue.locator(`[data-testid="tandem-queue-row"][data-case-id="${caseId}"]`).getAttribute('data-sla-due')).toBe(resumedDue);
    await queue.close();
  });

  it('escalates the case at 75% of its target: the assignee and the team’s manager are notified, the queue flags it', async () => {
    managerBrowser = await startHarness({ server });
    await setBrowserClock(serverClock, managerBrowser);
    await managerBrowser.signIn(MANAGER);
    const before = await caseOnServer(caseId);
    await pushAs(DEMO_AGENT, { entity: 'cases', op: 'update', recordId: caseId, baseVersion: before.version, patch: { assigneeId: 'user-alex' } });
    const queue = await h.openExtensionPage('queue.html');
    await expect.poll(() => badge(queue, caseId).textContent(), { timeout: 15_000 }).toBe('First reply due in 1h 30m business time');
    expect(await badge(queue, caseId).getAttribute('data-escalated')).toBeNull();

    // 14:00 in Berlin: 90 of the 120 business minutes used.
    await setClock(new Date('2026-11-23T13:00:00.000Z'));
    const escalation = `tandem-escalation:${caseId}:first:2026-11-23T13:00:00.000Z`;
    for (const browser of [h, managerBrowser]) {
      await expect.poll(() => notificationIds(browser), { timeout: 20_000 }).toContain(escalation);
    }
    await queue.reload();
    await expect.poll(() => badge(queue, caseId).getAttribute('data-escalated'), { timeout: 15_000 }).toBe('true');
    expect(await badge(queue, caseId).textContent()).toBe('First reply due in 30m business time · Escalated');
    const recorded = await fetch(`${server.url}/sla/escalations/team-care`, { headers: { authorization: `Bearer ${await serverToken(server.url, MANAGER)}` } });
    const { escalations } = (await recorded.json()) as { escalations: { caseId: string; target: string; assigneeId: string | null }[] };
    expect(escalations.filter((e) => e.caseId === caseId)).toEqual([expect.objectContaining({ target: 'first', assigneeId: 'user-alex' })]);
    await queue.close();
  });
});
