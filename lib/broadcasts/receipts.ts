// Agents' acknowledgements of broadcasts ("Got it"): kept on this device at once (offline too) and sent after each
// sync; the server keeps the first per agent and broadcast, so a retry or a second click changes nothing.
import type { ApiClient } from '../api/client';
import { createPendingList, type TandemDatabase } from '../db';
import { MAX_RECEIPTS } from '../schema/broadcast-receipts';

const PENDING_KEY = 'broadcasts.receipts.pending';

export type ReceiptsApi = { broadcasts: Pick<ApiClient['broadcasts'], 'sendReceipts'> };

export function createReceiptQueue({ db, now }: { db: TandemDatabase; now: () => Date }) {
  // Keyed by broadcast: one receipt per broadcast waits, with the time of the first click.
  const list = createPendingList<{ id: string; seenAt: string }>(db, PENDING_KEY);
  return {
    acknowledge: (broadcastId: string): Promise<void> => list.add({ id: broadcastId, seenAt: now().toISOString() }),
    pending: list.pending,
    sync: (api: ReceiptsApi): Promise<void> =>
      list.flush(MAX_RECEIPTS, (batch) => api.broadcasts.sendReceipts(batch.map((r) => ({ broadcastId: r.id, seenAt: r.seenAt })))),
  };
}

export type ReceiptQueue = ReturnType<typeof createReceiptQueue>;
