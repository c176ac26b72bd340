import { t } from '../lib/i18n/t';
import { assigneeLabel, presenceLabel } from '../lib/queue/view';
import type { PresenceEntry, QueueCase } from '../lib/schema/queue';
import { SlaBadge } from './SlaBadge';

/** The top of the queue for the side panel, with a way to the full page. */
export function QueueCompact({
  rows,
  total,
  meId,
  names,
  presence,
  onOpenQueue,
  onOpenCase,
}: {
  rows: readonly QueueCase[];
  total: number;
  meId: string | null;
  names: ReadonlyMap<string, string>;
  presence: ReadonlyMap<string, PresenceEntry[]>;
  onOpenQueue(): void;
  onOpenCase(c: QueueCase): void;
}) {
  return (
    <section class="tdm-section" aria-label={t('queue_team')} data-testid="tandem-queue-compact">
      <h3>
        {t('queue_team')} <span class="tdm-count">{total}</span>{' '}
        <button type="button" class="tdm-link" data-testid="tandem-open-queue" onClick={onOpenQueue}>
          {t('queue_open_full')}
        </button>
      </h3>
      <ul class="tdm-cases">
        {rows.map((c) => {
          const onIt = presenceLabel(presence.get(c.id) ?? []);
          return (
            <li key={c.id} class="tdm-case" data-testid="tandem-queue-compact-row" data-case-id={c.id}>
              <div class="tdm-case__subject">
                <button type="button" class="tdm-link" onClick={() => onOpenCase(c)}>
                  {c.subject}
                </button>
              </div>
              <div class="tdm-case__meta">
                <SlaBadge dueAt={c.slaDueAt} clock={c.slaClock} teamId={c.teamId} />
                <span>{c.customerName ?? t('queue_unknown_customer')}</span>
                <span>{c.channel}</span>
                <span data-testid="tandem-queue-assignee">{assigneeLabel(c.assigneeId, meId, names)}</span>
                {onIt && <span data-testid="tandem-queue-presence">{onIt}</span>}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
