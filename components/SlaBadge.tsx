import { clockStatus, slaStatus } from '../lib/cases/sla';
import { t } from '../lib/i18n/t';
import type { SlaClock } from '../lib/schema/sla-clock';
import { isEscalated } from '../lib/sla/escalation';
import { teamCalendars } from '../lib/sla/state';
import { now } from '../lib/ui/clock';

/**
 * A case's service level: with its clock (set by the server), the running target and its remaining business time in
 * the team's calendar; without one, the time to dueAt.
 */
export function SlaBadge({ dueAt, clock, teamId }: { dueAt: string | null; clock?: SlaClock | undefined; teamId?: string }) {
  const { state, label } = clock ? clockStatus(clock, teamId ? teamCalendars.value.get(teamId) : undefined, now.value) : slaStatus(dueAt, now.value);
  // The server escalated a running target (its team's share of it used): flagged wherever the badge shows.
  const escalated = isEscalated(clock);
  return (
    <span class={`tdm-sla tdm-sla--${state}`} data-sla={state} data-due={dueAt ?? undefined} data-escalated={escalated ? 'true' : undefined}>
      {label}
      {escalated && <strong class="tdm-sla__escalated">{` · ${t('sla_escalated')}`}</strong>}
    </span>
  );
}
