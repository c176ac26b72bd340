import { clockStatus, slaStatus } from '../lib/cases/sla';
import type { SlaClock } from '../lib/schema/sla-clock';
import { teamCalendars } from '../lib/sla/state';
import { now } from '../lib/ui/clock';

/**
 * A case's service level: with its clock (set by the server), the running target and its remaining business time in
 * the team's calendar; without one, the time to dueAt.
 */
export function SlaBadge({ dueAt, clock, teamId }: { dueAt: string | null; clock?: SlaClock | undefined; teamId?: string }) {
  const { state, label } = clock ? clockStatus(clock, teamId ? teamCalendars.value.get(teamId) : undefined, now.value) : slaStatus(dueAt, now.value);
  return (
    <span class={`tdm-sla tdm-sla--${state}`} data-sla={state} data-due={dueAt ?? undefined}>
      {label}
    </span>
  );
}
