import { slaStatus } from '../lib/cases/sla';
import { now } from '../lib/ui/clock';

export function SlaBadge({ dueAt }: { dueAt: string | null }) {
  const { state, label } = slaStatus(dueAt, now.value);
  return (
    <span class={`tdm-sla tdm-sla--${state}`} data-sla={state}>
      {label}
    </span>
  );
}
