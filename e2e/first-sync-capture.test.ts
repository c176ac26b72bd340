import { describe, expect, it } from 'vitest';
import type { Change, Customer, SyncStatus } from '../lib/schema';
import { cachedRecord } from './cache-view';
import { casesOnServer } from './capture-steps';
import { captureRequest, sendFrom } from './extension-messages';
import { harnessForFile } from './file-harness';
import { DEMO_AGENT } from './harness';
import { serverRecords } from './server-view';

// Signed in by the test itself: its first pull is held back while the agent captures.
const h = harnessForFile({ account: null });

/** Live customers on the server holding Priya's X handle. */
const customersWithHandle = async (handle: string) =>
  (await serverRecords(h.directServerUrl)).flatMap((c: Change) =>
    c.entity === 'customers' && !c.record.deleted && (c.record as Customer).identities.some((i) => i.kind === 'twitter' && i.value === handle)
      ? [c.record.id]
      : [],
  );

describe('a capture made while the first sync is still pulling', () => {
  it('is filed under the customer the server already has: one customer, the case linked to it', async () => {
    const popup = await h.openExtensionPage('popup.html');
    const status = async () => (await sendFrom(popup, 'status.get', {}))?.value as SyncStatus;
    expect(await customersWithHandle('priyabuilds')).toEqual(['cust-priya-raman']);

    // The first pull hangs: the cache stays empty, so the capture knows nobody by Priya's handle.
    h.network.stall(['/sync/pull']);
    expect((await sendFrom(popup, 'auth.signIn', { backendUrl: h.serverUrl, ...DEMO_AGENT }))?.ok).toBe(true);
    await expect.poll(() => h.network.stalledOpen(), { timeout: 20_000 }).toBe(1);

    // Not a fixture tweet id (this file's range: 186710…).
    const externalId = `1867100000000${Date.now() % 1_000_000}`;
    const request = captureRequest(externalId);
    const captured = await sendFrom(popup, 'capture.create', {
      capture: { ...request.capture, identities: [{ kind: 'twitter', value: '@PriyaBuilds' }], authorName: 'Priya Raman' },
    });
    expect(captured?.ok).toBe(true);
    const made = captured?.value as { caseId: string; customerId: string; customerCreated: boolean };
    // The race this file is about: the capture made a contact of its own.
    expect(made.customerCreated).toBe(true);
    expect(made.customerId).not.toBe('cust-priya-raman');

    // The server answers again; the held pull ends at its timeout and the sync finishes.
    h.network.stall([]);
    await expect.poll(() => casesOnServer(h.directServerUrl, { externalId }), { timeout: 60_000 }).toHaveLength(1);
    await expect.poll(async () => (await status()).pending, { timeout: 30_000 }).toBe(0);

    const [onServer] = await casesOnServer(h.directServerUrl, { externalId });
    expect(onServer).toMatchObject({ id: made.caseId, customerId: 'cust-priya-raman' });
    expect(await customersWithHandle('priyabuilds')).toEqual(['cust-priya-raman']);
    // The agent's copy agrees: the contact made meanwhile is gone, the case and its interaction name Priya.
    expect(await cachedRecord(h.worker, 'customers', made.customerId)).toBeNull();
    expect(await cachedRecord(h.worker, 'cases', made.caseId)).toMatchObject({ customerId: 'cust-priya-raman' });
    await popup.close();
  }, 150_000);
});
