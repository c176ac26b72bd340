import { effortLine } from '../lib/effort/effort';
import type { Effort } from '../lib/schema/effort';

/** One line in the customer card: how hard they have had to work lately ("3rd contact in 2 days · tried email, X"). */
export function EffortLine({ effort, now = new Date() }: { effort: Effort | undefined; now?: Date }) {
  const line = effort && effortLine(effort, now);
  if (!line) return null;
  return (
    <p class="tdm-muted" data-testid="tandem-effort" style={{ margin: '2px 0' }}>
      {line}
    </p>
  );
}
