// When a case's service-level targets escalate: at a share of a target's business minutes used (default 75%), once per
// target. Pure, so the server's sweep (server/sla/escalation.ts) and the tests count the same way.
import type { Priority } from '../schema/entities';
import type { BusinessCalendar, EscalationSettings, EscalationTarget } from '../schema/sla';
import type { SlaClock, SlaCountdown } from '../schema/sla-clock';
import { businessMinutesBetween } from './business-time';

export const DEFAULT_ESCALATION: EscalationSettings = { share: 0.75, raisePriority: false };

/** Business minutes a countdown has used by `now`. */
export function usedMinutes(countdown: SlaCountdown, calendar: BusinessCalendar, now: number): number {
  return countdown.usedMinutes + (countdown.runningSince === null ? 0 : businessMinutesBetween(calendar, Date.parse(countdown.runningSince), now));
}

/** The running targets that reached the share and were not escalated yet (a paused target never escalates). */
export function targetsToEscalate(clock: SlaClock, calendar: BusinessCalendar, share: number, now: number): EscalationTarget[] {
  const out: EscalationTarget[] = [];
  const check = (countdown: SlaCountdown | null, target: EscalationTarget) => {
    if (!countdown || countdown.runningSince === null || countdown.escalatedAt) return;
    if (usedMinutes(countdown, calendar, now) >= share * countdown.targetMinutes) out.push(target);
  };
  check(clock.response, clock.response?.kind ?? 'first');
  check(clock.resolution, 'resolution');
  return out;
}

/** The clock with those targets marked escalated at `at`. */
export function escalateClock(clock: SlaClock, targets: readonly EscalationTarget[], at: string): SlaClock {
  const response = clock.response && targets.includes(clock.response.kind) ? { ...clock.response, escalatedAt: at } : clock.response;
  const resolution = clock.resolution && targets.includes('resolution') ? { ...clock.resolution, escalatedAt: at } : clock.resolution;
  return { response, resolution };
}

/** True while a running target of the clock is escalated (the queue's flag). */
export function isEscalated(clock: SlaClock | undefined): boolean {
  return Boolean(clock?.response?.escalatedAt || clock?.resolution?.escalatedAt);
}

const PRIORITY_STEPS: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

/** One step up, urgent staying urgent. */
export function raisedPriority(priority: Priority): Priority {
  return PRIORITY_STEPS[Math.min(PRIORITY_STEPS.indexOf(priority) + 1, PRIORITY_STEPS.length - 1)] ?? priority;
}
