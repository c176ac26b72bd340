// Broadcast read receipts (server/routes/broadcast-receipts.ts), as methods of the API client.
import { BroadcastReadsResponse, type BroadcastReceipt, ReceiptsRequest, ReceiptsSentResponse } from '../schema/broadcast-receipts';
import type { Http } from './http';

export function broadcastRoutes(http: Http) {
  return {
    /** Agents' acknowledgements; the first per broadcast counts, so a retry is harmless. */
    sendReceipts: (receipts: BroadcastReceipt[]) =>
      http.call(ReceiptsSentResponse, { method: 'POST', path: '/broadcasts/receipts', json: { schema: ReceiptsRequest, value: { receipts } } }),
    /** Managers: each live broadcast with their teams' agents, seen or not. */
    reads: () => http.call(BroadcastReadsResponse, { path: '/broadcasts/receipts' }),
  };
}
