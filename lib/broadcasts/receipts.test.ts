import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TandemDatabase } from '../db';
import type { BroadcastReceipt } from '../schema/broadcast-receipts';
import { createReceiptQueue, type ReceiptsApi } from './receipts';

let db: TandemDatabase;
let clock: Date;
beforeEach(() => {
  db = new TandemDatabase(`receipts-test-${Math.random()}`);
  clock = new Date('2026-11-20T10:00:00.000Z');
});
afterEach(async () => {
  await db.delete();
});

/** A server that records what it was sent, or is unreachable. */
function fakeApi(reachable = true): ReceiptsApi & { sent: BroadcastReceipt[][] } {
  const sent: BroadcastReceipt[][] = [];
  return {
    sent,
    broadcasts: {
      sendReceipts: async (receipts) => {
        if (!reachable) throw new Error('offline');
        sent.push(receipts);
        return { accepted: receipts.length, ignored: 0 };
      },
    },
  };
}

describe('broadcast receipts on the device', () => {
  it('keeps an acknowledgement offline and sends it, with the time of the first click, after the next sync', async () => {
    const queue = createReceiptQueue({ db, now: () => clock });
    await queue.acknowledge('bc-outage');
    clock = new Date('2026-11-20T10:05:00.000Z');
    await queue.acknowledge('bc-outage'); // a second click (the side panel after the overlay) changes nothing

    await expect(queue.sync(fakeApi(false))).rejects.toThrow('offline');
    expect(await queue.pending()).toHaveLength(1);

    const api = fakeApi();
    await queue.sync(api);
    expect(api.sent).toEqual([[{ broadcastId: 'bc-outage', seenAt: '2026-11-20T10:00:00.000Z' }]]);
    expect(await queue.pending()).toEqual([]);
    // Sent once: the next sync sends nothing.
    await queue.sync(api);
    expect(api.sent).toHaveLength(1);
  });

  it('survives the background restarting (kept in the database, not in memory)', async () => {
    await createReceiptQueue({ db, now: () => clock }).acknowledge('bc-a');
    const api = fakeApi();
    await createReceiptQueue({ db, now: () => clock }).sync(api);
    expect(api.sent.flat().map((r) => r.broadcastId)).toEqual(['bc-a']);
  });

  it('sends many in batches the server accepts', async () => {
    const queue = createReceiptQueue({ db, now: () => clock });
    for (let i = 0; i < 120; i++) await queue.acknowledge(`bc-${i}`);
    const api = fakeApi();
    await queue.sync(api);
    expect(api.sent.map((batch) => batch.length)).toEqual([50, 50, 20]);
  });
});
