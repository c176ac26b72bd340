import { type MessageKey, t } from '../i18n/t';
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
  const d = t('duration_days', days);
  const h = t('duration_hours', hours);
  if (days > 0) return hours > 0 ? `${d} ${h}` : d;
  if (hours > 0) return mins > 0 ? `${h} ${t('duration_minutes', mins)}` : h;
  return t('duration_minutes', mins);
}

/** Where a case stands against its service-level deadline, with the words an agent reads. */
export function slaStatus(dueAt: string | null, now: Date): { state: SlaState; label: string } {
  if (!dueAt) return { state: 'none', label: t('sla_no_deadline') };
  const left = Date.parse(dueAt) - now.getTime();
  if (left < 0) return { state: 'breached', label: t('sla_breached', formatDuration(-left)) };
  return { state: left <= SOON_MS ? 'soon' : 'ok', label: t('sla_due', formatDuration(left)) };
}

const TARGET_NAMES: Record<RunningTargetKind, MessageKey> = {
  'first-response': 'sla_target_first_reply',
  'next-response': 'sla_target_next_reply',
  resolution: 'sla_target_resolution',
};

/**
 * Where a case stands against its running target (lib/sla/clock.ts): the remaining business time in the team's
 * calendar when the extension has it, else the time until the server's deadline; paused while pending.
 */
export function clockStatus(clock: SlaClock, calendar: BusinessCalendar | undefined, now: Date): { state: SlaState; label: string } {
  const target = runningTarget(clock);
  if (!target) return { state: 'none', label: t('sla_no_target') };
  const name = t(TARGET_NAMES[target.kind]);
  const { countdown } = target;
  if (countdown.runningSince === null) {
    return { state: 'paused', label: t('sla_paused', name, formatDuration((countdown.targetMinutes - countdown.usedMinutes) * 60_000)) };
  }
  const leftMs = calendar ? remainingMinutes(countdown, calendar, now.getTime()) * 60_000 : Date.parse(countdown.dueAt ?? now.toISOString()) - now.getTime();
  // With the team's calendar the time left counts business hours only, and says so.
  const left = (ms: number) => (calendar ? t('sla_business_time', formatDuration(ms)) : formatDuration(ms));
  if (leftMs < 0) return { state: 'breached', label: t('sla_target_breached', name, left(-leftMs)) };
  return { state: leftMs <= SOON_MS ? 'soon' : 'ok', label: t('sla_target_due', name, left(leftMs)) };
}
