import { z } from 'zod';
import { Id, Severity } from './entities';
import { Timestamp } from './primitives';

// ---- Broadcast read receipts (server/routes/broadcast-receipts.ts, lib/broadcasts/receipts.ts, docs/incidents.md "Read receipts").

export const MAX_RECEIPTS = 50;

/** An agent acknowledged a broadcast ("Got it"): sent after sync, the first acknowledgement per agent counts. */
export const BroadcastReceipt = z.strictObject({ broadcastId: Id, seenAt: Timestamp });
export type BroadcastReceipt = z.infer<typeof BroadcastReceipt>;
export const ReceiptsRequest = z.strictObject({ receipts: z.array(BroadcastReceipt).min(1).max(MAX_RECEIPTS) });
/** `ignored`: broadcasts gone or not aimed at the caller (a receipt queued offline may outlive its broadcast). */
export const ReceiptsSentResponse = z.object({ accepted: z.number().int().nonnegative(), ignored: z.number().int().nonnegative() });

/** One agent a broadcast is aimed at, and when they acknowledged it (null: not yet). */
export const BroadcastReader = z.object({ userId: Id, name: z.string(), seenAt: Timestamp.nullable() });
export type BroadcastReader = z.infer<typeof BroadcastReader>;

/** A live broadcast with the agents of the caller's teams it reaches, seen or not. */
export const BroadcastReads = z.object({
  id: Id,
  title: z.string(),
  severity: Severity,
  startsAt: Timestamp,
  endsAt: Timestamp.nullable(),
  readers: z.array(BroadcastReader),
});
export type BroadcastReads = z.infer<typeof BroadcastReads>;

/** GET /broadcasts/receipts: the newest broadcasts first. */
export const BroadcastReadsResponse = z.object({ broadcasts: z.array(BroadcastReads) });
export type BroadcastReadsResponse = z.infer<typeof BroadcastReadsResponse>;
