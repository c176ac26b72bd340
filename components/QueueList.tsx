import { memo } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import { slaStatus } from '../lib/cases/sla';
import { formatMoney } from '../lib/i18n/format';
import { caseStatusLabel, priorityLabel, tierLabel } from '../lib/i18n/labels';
import { t } from '../lib/i18n/t';
import { assigneeLabel, presenceLabel } from '../lib/queue/view';
import type { PresenceEntry, QueueCase, Teammate } from '../lib/schema/queue';
import { now } from '../lib/ui/clock';
import { CaseTeamMove } from './CaseTeamMove';
import { SlaBadge } from './SlaBadge';
import { valueBandLabel } from './ValueBand';

export interface QueueActions {
  onSelect(id: string): void;
  onOpen(c: QueueCase): void;
  onClaim(c: QueueCase): void;
  onRelease(c: QueueCase): void;
  onAssign(c: QueueCase, assigneeId: string | null): void;
  onReply(c: QueueCase): void;
  onDismissConflict(c: QueueCase): void;
}

export interface QueueListProps {
  rows: readonly QueueCase[];
  selectedId: string | null;
  meId: string | null;
  names: ReadonlyMap<string, string>;
  presence: ReadonlyMap<string, PresenceEntry[]>;
  teammates: readonly Teammate[];
  actions: QueueActions;
  /** Rows rendered before "Show more"; the list is long, the agent works from the top. */
  pageSize?: number;
}

// The queue's rows carry no currency: lifetime values are compared in the team's dollars.
const money = (cents: number | null) => (cents === null ? null : formatMoney(cents, 'USD'));

/** Memoised: a live change re-renders the row it changed, not the 200 around it (props are kept stable for this). */
export const QueueRow = memo(function QueueRow({
  c,
  selected,
  meId,
  names,
  presence,
  teammates,
  actions,
}: { c: QueueCase; selected: boolean } & Omit<QueueListProps, 'rows' | 'selectedId' | 'pageSize' | 'presence'> & { presence: PresenceEntry[] }) {
  const sla = slaStatus(c.slaDueAt, now.value).state;
  const mine = c.assigneeId !== null && c.assigneeId === meId;
  const others = c.assigneeId !== null && !mine;
  const onIt = presenceLabel(presence);
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox's own key handler (lib/queue/keyboard.ts) moves and opens the selection
    <li
      ref={ref}
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a row is an option of the queue's listbox
      role="option"
      tabIndex={-1}
      class={`tdm-queue-row tdm-queue-row--${sla}${selected ? ' tdm-queue-row--selected' : ''}`}
      data-testid="tandem-queue-row"
      data-case-id={c.id}
      data-sla={sla}
      data-sla-due={c.slaDueAt ?? ''}
      data-assignee={c.assigneeId ?? ''}
      aria-selected={selected}
      onClick={() => actions.onSelect(c.id)}
      onDblClick={() => actions.onOpen(c)}
    >
      <div class="tdm-queue-row__main">
        <span class="tdm-queue-row__subject">{c.subject}</span>
        <span class="tdm-queue-row__customer">
          {c.customerName ?? t('queue_unknown_customer')}
          {c.customerTier && c.customerTier !== 'standard' && <span class={`tdm-tier tdm-tier--${c.customerTier}`}>{tierLabel(c.customerTier)}</span>}
          {money(c.customerValueCents) && <span class="tdm-muted"> · {money(c.customerValueCents)}</span>}
          {c.customerValueCents === null && c.customerValueBand && <span class="tdm-muted"> · {valueBandLabel(c.customerValueBand)}</span>}
        </span>
      </div>
      <div class="tdm-queue-row__meta">
        <SlaBadge dueAt={c.slaDueAt} clock={c.slaClock} teamId={c.teamId} />
        <span class="tdm-chip">{c.channel}</span>
        <span class="tdm-chip">{caseStatusLabel(c.status)}</span>
        <span class={`tdm-priority tdm-priority--${c.priority}`}>{priorityLabel(c.priority)}</span>
        {c.tags.slice(0, 3).map((tag) => (
          <span key={tag} class="tdm-chip tdm-chip--tag">
            #{tag}
          </span>
        ))}
        <span class={`tdm-queue-assignee${others ? ' tdm-queue-assignee--other' : ''}`} data-testid="tandem-queue-assignee">
          {assigneeLabel(c.assigneeId, meId, names)}
        </span>
        {c.pending && (
          <span class="tdm-pending-badge" data-testid="tandem-waiting">
            {t('queue_waiting_to_sync')}
          </span>
        )}
      </div>
      {onIt && (
        <div
          class={`tdm-queue-presence${presence.some((p) => p.state === 'replying') ? ' tdm-queue-presence--replying' : ''}`}
          data-testid="tandem-queue-presence"
          role="status"
        >
          {onIt}
        </div>
      )}
      {c.claimConflict && (
        <div class="tdm-queue-conflict" data-testid="tandem-queue-claim-conflict" role="alert">
          {t('queue_claim_conflict', c.assigneeId ? (names.get(c.assigneeId) ?? c.assigneeId) : t('filter_unassigned'))}
          <button type="button" onClick={(e) => (e.stopPropagation(), actions.onDismissConflict(c))}>
            {t('ok')}
          </button>
        </div>
      )}
      {selected && (
        // biome-ignore lint/a11y/noStaticElementInteractions: only keeps the buttons' clicks from selecting the row again
        // biome-ignore lint/a11y/useKeyWithClickEvents: the buttons inside take the keyboard; this wrapper only stops propagation
        <div class="tdm-queue-row__actions" onClick={(e) => e.stopPropagation()}>
          <button type="button" class="tdm-primary" onClick={() => actions.onOpen(c)}>
            {t('queue_open')} <kbd>Enter</kbd>
          </button>
          {mine ? (
            <button type="button" onClick={() => actions.onRelease(c)}>
              {t('queue_release')} <kbd>r</kbd>
            </button>
          ) : (
            <button type="button" onClick={() => actions.onClaim(c)}>
              {t('queue_claim')} <kbd>c</kbd>
            </button>
          )}
          <button type="button" data-testid="tandem-queue-reply" onClick={() => actions.onReply(c)}>
            {t('queue_reply')} <kbd>R</kbd>
          </button>
          <label>
            {t('queue_assign_to')}{' '}
            <select value={c.assigneeId ?? ''} onChange={(e) => actions.onAssign(c, (e.currentTarget as HTMLSelectElement).value || null)}>
              <option value="">{t('queue_assign_nobody')}</option>
              {teammates
                .filter((mate) => mate.teamIds.includes(c.teamId))
                .map((mate) => (
                  <option key={mate.id} value={mate.id}>
                    {mate.id === meId ? t('queue_assign_you', mate.name) : mate.name}
                  </option>
                ))}
            </select>
          </label>
          <CaseTeamMove c={c} teamIds={teammates.find((mate) => mate.id === meId)?.teamIds ?? []} />
        </div>
      )}
    </li>
  );
});

const NO_PRESENCE: PresenceEntry[] = [];

type QueueRowsProps = Omit<QueueListProps, 'pageSize'>;

/** Same row objects in the same order: a live change outside the rendered window leaves them so. */
function sameRows(a: readonly QueueCase[], b: readonly QueueCase[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The rendered window of rows. Memoised on the rows it shows, not on the array holding them: most live changes land
 * outside the window (or move nothing in it), and then not even the 200 rows' memo checks run.
 */
const QueueRows = memo(
  function QueueRows({ rows, selectedId, meId, names, presence, teammates, actions }: QueueRowsProps) {
    return (
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA listbox pattern; keys move the selection (lib/queue/keyboard.ts)
      <ul class="tdm-queue" data-testid="tandem-queue" role="listbox" aria-label={t('queue_team')}>
        {rows.map((c) => (
          <QueueRow
            key={c.id}
            c={c}
            selected={c.id === selectedId}
            meId={meId}
            names={names}
            presence={presence.get(c.id) ?? NO_PRESENCE}
            teammates={teammates}
            actions={actions}
          />
        ))}
      </ul>
    );
  },
  (before, after) =>
    sameRows(before.rows, after.rows) &&
    before.selectedId === after.selectedId &&
    before.meId === after.meId &&
    before.names === after.names &&
    before.presence === after.presence &&
    before.teammates === after.teammates &&
    before.actions === after.actions,
);

export function QueueList({ rows, selectedId, meId, names, presence, teammates, actions, pageSize = 200 }: QueueListProps) {
  const [shown, setShown] = useState(pageSize);
  const selectedAt = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);
  // Keyboard navigation past the rendered rows renders more.
  const limit = Math.max(shown, selectedAt + 20);
  if (rows.length === 0)
    return (
      <p class="tdm-muted" data-testid="tandem-queue-empty">
        {t('queue_empty')}
      </p>
    );
  return (
    <>
      <QueueRows rows={rows.slice(0, limit)} selectedId={selectedId} meId={meId} names={names} presence={presence} teammates={teammates} actions={actions} />
      {limit < rows.length && (
        <button type="button" class="tdm-queue-more" onClick={() => setShown(limit + pageSize)}>
          {t('queue_show_more', Math.min(pageSize, rows.length - limit), rows.length - limit)}
        </button>
      )}
    </>
  );
}
