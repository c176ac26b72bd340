// A case's service-level clock, set by the server (server/sync/sla.ts) and carried on the case so the extension can
// count its remaining business time offline (lib/sla/clock.ts). Kept apart from ./sla.ts, which imports ./entities.
import { z } from 'zod';
import { Timestamp } from './primitives';

/** One target counting down in business minutes; it stops while the case is pending on the customer. */
export const SlaCountdown = z.object({
  /** The target, in business minutes. */
  targetMinutes: z.number().int().positive(),
  /** Business minutes already used before runningSince (runs before a pause). */
  usedMinutes: z.number().nonnegative(),
  /** When the clock last started running (server time); null while paused. */
  runningSince: Timestamp.nullable(),
  /** When the target is breached if nothing happens; null while paused. */
  dueAt: Timestamp.nullable(),
  /** When the server escalated this target (its team's share of it used, server/sla/escalation.ts); once per target. */
  escalatedAt: Timestamp.optional(),
});
export type SlaCountdown = z.infer<typeof SlaCountdown>;

/** How a target ended when its clock stopped: met or breached, when, against which deadline (server time). */
export const SlaOutcome = z.object({
  target: z.enum(['first', 'next', 'resolution']),
  met: z.boolean(),
  /** When the target stopped: the reply stored, the case solved. */
  at: Timestamp,
  /** The deadline it then had; null when it stopped while paused (decided on the business minutes used). */
  dueAt: Timestamp.nullable(),
});
export type SlaOutcome = z.infer<typeof SlaOutcome>;

export const SlaClock = z.object({
  /** The reply the customer is waiting for: the first one, or the next after they wrote again; null when answered. */
  response: SlaCountdown.extend({ kind: z.enum(['first', 'next']) }).nullable(),
  /** Until the case is solved; null once it is. */
  resolution: SlaCountdown.nullable(),
  /** The targets that stopped, oldest first (the last 50); absent on clocks stopped before outcomes were kept. */
  outcomes: z.array(SlaOutcome).max(50).optional(),
});
export type SlaClock = z.infer<typeof SlaClock>;
