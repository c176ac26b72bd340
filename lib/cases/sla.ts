export type SlaState = 'none' | 'ok' | 'soon' | 'breached';

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
