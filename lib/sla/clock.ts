// How a case's service-level clock moves, in business time. The server applies these steps with its own timestamps
// (server/sync/sla.ts); the extension only reads the clock, counting the remaining business time with the same
// calendar (remainingMinutes), so a countdown goes on offline and agrees with the server's deadline.
import type { Channel, Priority } from '../schema/entities';
import { GROUP_OF_CHANNEL } from '../schema/site-catalog';
import type { BusinessCalendar, SlaPolicy } from '../schema/sla';
import type { SlaClock, SlaCountdown, SlaOutcome } from '../schema/sla-clock';
import { addBusinessMinutes, businessMinutesBetween } from './business-time';

export interface SlaTargets {
  firstResponseMinutes: number;
  nextResponseMinutes: number;
  resolutionMinutes: number;
}

/** The targets of a case's channel group and priority; next response defaults to the first-response target. */
export function targetsFor(policy: SlaPolicy, channel: Channel, priority: Priority): SlaTargets {
  const t = policy[GROUP_OF_CHANNEL[channel]][priority];
  return {
    firstResponseMinutes: t.firstResponseMinutes,
    nextResponseMinutes: t.nextResponseMinutes ?? t.firstResponseMinutes,
    resolutionMinutes: t.resolutionMinutes,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

function running<T extends SlaCountdown>(countdown: T, calendar: BusinessCalendar, at: number): T {
  return { ...countdown, runningSince: iso(at), dueAt: iso(addBusinessMinutes(calendar, at, Math.max(0, countdown.targetMinutes - countdown.usedMinutes))) };
}

/** A new case: the first response and the resolution start counting at `at`. */
export function startClock(targets: SlaTargets, calendar: BusinessCalendar, at: number): SlaClock {
  return {
    response: running({ kind: 'first' as const, targetMinutes: targets.firstResponseMinutes, usedMinutes: 0, runningSince: null, dueAt: null }, calendar, at),
    resolution: running({ targetMinutes: targets.resolutionMinutes, usedMinutes: 0, runningSince: null, dueAt: null }, calendar, at),
  };
}

function mapCountdowns(clock: SlaClock, f: <T extends SlaCountdown>(c: T) => T): SlaClock {
  return { ...clock, response: clock.response && f(clock.response), resolution: clock.resolution && f(clock.resolution) };
}

/** Kept per case: enough for a long conversation's next responses, bounded so the case stays small. */
const OUTCOMES_KEPT = 50;

/** The target stops at `at`: met when by its deadline (or, paused, within its business minutes). */
function withOutcome(clock: SlaClock, target: SlaOutcome['target'], countdown: SlaCountdown, at: number): SlaOutcome[] {
  const met = countdown.dueAt !== null ? at <= Date.parse(countdown.dueAt) : countdown.usedMinutes <= countdown.targetMinutes;
  const outcome: SlaOutcome = { target, met, at: new Date(at).toISOString(), dueAt: countdown.dueAt };
  return [...(clock.outcomes ?? []), outcome].slice(-OUTCOMES_KEPT);
}

/** The case went pending on the customer: each running target keeps what it used and stops. */
export function pauseClock(clock: SlaClock, calendar: BusinessCalendar, at: number): SlaClock {
  return mapCountdowns(clock, (c) =>
    c.runningSince === null
      ? c
      : { ...c, usedMinutes: c.usedMinutes + businessMinutesBetween(calendar, Date.parse(c.runningSince), at), runningSince: null, dueAt: null },
  );
}

/** The case is no longer pending: each stopped target runs again from `at` with what it had left. */
export function resumeClock(clock: SlaClock, calendar: BusinessCalendar, at: number): SlaClock {
  return mapCountdowns(clock, (c) => (c.runningSince === null ? running(c, calendar, at) : c));
}

/** An agent replied at `at`: the response target is met (or breached), kept as such, and stops. */
export function answerClock(clock: SlaClock, at: number): SlaClock {
  if (!clock.response) return clock;
  return { ...clock, response: null, outcomes: withOutcome(clock, clock.response.kind, clock.response, at) };
}

/** The customer wrote: a paused clock runs again, and if they were answered, a next-response target starts. */
export function customerWroteClock(clock: SlaClock, targets: SlaTargets, calendar: BusinessCalendar, at: number): SlaClock {
  const resumed = resumeClock(clock, calendar, at);
  if (resumed.response || !resumed.resolution) return resumed;
  return {
    ...resumed,
    response: running({ kind: 'next' as const, targetMinutes: targets.nextResponseMinutes, usedMinutes: 0, runningSince: null, dueAt: null }, calendar, at),
  };
}

/** Solved or closed at `at`: the resolution target is met (or breached), kept as such; nothing runs any more. */
export function stopClock(clock: SlaClock, at: number): SlaClock {
  const outcomes = clock.resolution ? withOutcome(clock, 'resolution', clock.resolution, at) : clock.outcomes;
  return { response: null, resolution: null, ...(outcomes ? { outcomes } : {}) };
}

/** Priority or channel changed: the running targets take the new lengths, keeping the business time already used. */
export function retargetClock(clock: SlaClock, targets: SlaTargets, calendar: BusinessCalendar): SlaClock {
  const retarget = <T extends SlaCountdown>(c: T, targetMinutes: number): T => {
    const next = { ...c, targetMinutes };
    return c.runningSince === null ? next : running(next, calendar, Date.parse(c.runningSince));
  };
  return {
    ...clock,
    response: clock.response && retarget(clock.response, clock.response.kind === 'first' ? targets.firstResponseMinutes : targets.nextResponseMinutes),
    resolution: clock.resolution && retarget(clock.resolution, targets.resolutionMinutes),
  };
}

export type RunningTargetKind = 'first-response' | 'next-response' | 'resolution';

/** The target an agent should watch: the response while one is owed, the resolution otherwise; null when none runs. */
export function runningTarget(clock: SlaClock): { kind: RunningTargetKind; countdown: SlaCountdown } | null {
  if (clock.response) return { kind: clock.response.kind === 'first' ? 'first-response' : 'next-response', countdown: clock.response };
  if (clock.resolution) return { kind: 'resolution', countdown: clock.resolution };
  return null;
}

/** Business minutes left on a countdown at `now` (negative once breached). */
export function remainingMinutes(countdown: SlaCountdown, calendar: BusinessCalendar, now: number): number {
  const used = countdown.usedMinutes + (countdown.runningSince === null ? 0 : businessMinutesBetween(calendar, Date.parse(countdown.runningSince), now));
  if (countdown.runningSince !== null && countdown.dueAt !== null && now > Date.parse(countdown.dueAt)) {
    // Past the deadline business time may not run (a weekend); the breach is still as old as the calendar says.
    return -businessMinutesBetween(calendar, Date.parse(countdown.dueAt), now);
  }
  return countdown.targetMinutes - used;
}
