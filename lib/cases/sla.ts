import type { BusinessCalendar } from '../schema/sla';
import type { SlaClock } from '../schema/sla-clock';
import { type RunningTargetKind, remainingMinutes, runningTarget } from '../sla/clock';

export type SlaState = 'none' | 'ok' | 'soon' | 'breached' | 'paused';

/** A deadline within this window counts as "soon" and is shown in amber. */
export const SOON_MS = 60 * 60 * 1000;

export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return mins > 0 ? `${hours}h ${mins}m` : `${hours}h`;
  return `${mins}m`;
}

/** Where a case stands against its service-level deadline, with the words an agent reads. */
export function slaStatus(dueAt: string | null, now: Date): { state: SlaState; label: string } {
  if (!dueAt) return { state: 'none', label: 'No deadline' };
  const left = Date.parse(dueAt) - now.getTime();
  if (left < 0) return { state: 'breached', label: `Breached ${formatDuration(-left)} ago` };
  return { state: left <= SOON_MS ? 'soon' : 'ok', label: `Due in ${formatDuration(left)}` };
}

const TARGET_NAMES: Record<RunningTargetKind, string> = { 'first-response': 'First reply', 'next-response': 'Next reply', resolution: 'Resolution' };

/**
 * Where a case stands against its running target (lib/sla/clock.ts): the remaining business time in the team's
 * calendar when the extension has it, else the time until the server's deadline; paused while pending.
 */
export function clockStatus(clock: SlaClock, calendar: BusinessCalendar | undefined, now: Date): { state: SlaState; label: string } {
  const target = runningTarget(clock);
  if (!target) return { state: 'none', label: 'No running target' };
  const name = TARGET_NAMES[target.kind];
  const { countdown } = target;
  if (countdown.runningSince === null) {
    return { state: 'paused', label: `${name} paused · ${formatDuration((countdown.targetMinutes - countdown.usedMinutes) * 60_000)} left` };
  }
  const leftMs = calendar ? remainingMinutes(countdown, calendar, now.getTime()) * 60_000 : Date.parse(countdown.dueAt ?? now.toISOString()) - now.getTime();
  const business = calendar ? ' business time' : '';
  if (leftMs < 0) return { state: 'breached', label: `${name} breached ${formatDuration(-leftMs)}${business} ago` };
  return { state: leftMs <= SOON_MS ? 'soon' : 'ok', label: `${name} due in ${formatDuration(leftMs)}${business}` };
}
