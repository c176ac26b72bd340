// Retention end to end (issue 21): Jane has an interaction from two years ago in the agent's side panel timeline; an
// admin gives Customer Care a year's retention and runs it; the server deletes it and the agent's cache and timeline
// drop it at the next sync (the live stream starts it).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponse } from '../lib/schema/api';
import { RetentionRunResponse } from '../lib/schema/privacy';
import { FIXTURE_URLS } from './fixture-server';
import { DEMO_AGENT, type Harness, startHarness } from './harness';
import { overlayOf } from './overlay-view';
import { serverRecords, serverToken } from './server-view';

const ADMIN = { email: 'admin@tandem.demo', password: 'tandem-demo' };
const OLD_TEXT = 'Two years ago: my roaming bundle did not renew in Lisbon';
const OLD_ID = 'ix-e2e-retention-old';
const DAY_MS = 24 * 3600_000;

let h: Harness;

async function asAdmin(method: string, path: string, body: unknown): Promise<Response> {
  const token = await serverToken(h.directServerUrl, ADMIN);
  return fetch(`${h.directServerUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

/** Whether the agent's cache holds the interaction, read in the background's own IndexedDB. */
const cached = (id: string) =>
  h.worker.evaluate(
    (key) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('tandem');
        open.onsuccess = () => {
          // As a row, or in a block of pulled interactions (lib/db/interactions.ts).
          const tx = open.result.transaction(['interactions', 'interactionBlocks']);
          const get = tx.objectStore('interactions').get(key);
          // No id index on the blocks since Dexie 9: every block's ids read.
          const blocks = tx.objectStore('interactionBlocks').getAll();
          tx.oncomplete = () => resolve(get.result !== undefined || (blocks.result as { ids: string[] }[]).some((b) => b.ids.includes(key)));
        };
      }),
    id,
  );

beforeAll(async () => {
  h = await startHarness();
  // Filed two years ago (the agent's client sets occurredAt), before the agent's first sync.
  const token = await serverToken(h.directServerUrl, DEMO_AGENT);
  const occurredAt = new Date(Date.now() - 2 * 365 * DAY_MS).toISOString();
  const data = { teamId: 'team-care', customerId: 'cust-jane-doe', channel: 'email', visibility: 'private', direction: 'inbound', text: OLD_TEXT, occurredAt };
  const res = await fetch(`${h.directServerUrl}/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ mutations: [{ id: 'm-e2e-retention', entity: 'interactions', op: 'create', recordId: OLD_ID, data }] }),
  });
  expect(PushResponse.parse(await res.json()).results[0]?.status).toBe('applied');
  await h.signIn(DEMO_AGENT);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('retention', () => {
  it('removes interactions older than the period from the server and from a signed-in agent’s cache and timeline', async () => {
    const ticket = await h.context.newPage();
    await ticket.goto(FIXTURE_URLS.zendeskTicket);
    await (await overlayOf(ticket, 20_000)).getByTestId('tandem-customer-name').waitFor({ timeout: 20_000 });
    const panel: Page = await h.openExtensionPage(`sidepanel.html?tabId=${await h.tabIdOf(ticket)}`);
    const old = panel.getByTestId('tandem-interaction').filter({ hasText: OLD_TEXT });
    await old.waitFor({ timeout: 15_000 });
    expect(await cached(OLD_ID)).toBe(true);

    expect((await asAdmin('PUT', '/privacy/retention/team-care', { days: 365 })).status).toBe(200);
    const run = RetentionRunResponse.parse(await (await asAdmin('POST', '/privacy/retention/run', { teamId: 'team-care' })).json());
    expect(run.teams[0]?.removed.interactions).toBeGreaterThanOrEqual(1);
    expect((await serverRecords(h.directServerUrl)).some((c) => c.record.id === OLD_ID)).toBe(false);

    // The live stream wakes the agent's background, whose pull applies the tombstone.
    await old.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await cached(OLD_ID)).toBe(false);
    // The rest of Jane's timeline is still there.
    expect(await panel.getByTestId('tandem-interaction').count()).toBeGreaterThan(0);
  }, 120_000);
});
