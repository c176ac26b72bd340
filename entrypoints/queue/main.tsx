import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { QueueFilters } from '../../components/QueueFilters';
import { type QueueActions, QueueList } from '../../components/QueueList';
import { commandFor } from '../../lib/queue/keyboard';
import { QUEUE_ORDERS, type QueueOrder } from '../../lib/queue/sort-effort';
import {
  assign,
  claim,
  dismissConflict,
  filters,
  keepPresence,
  loadQueue,
  meId,
  message,
  names,
  openCase,
  presence,
  queueOrder,
  release,
  replyTo,
  runCommand,
  selectedId,
  surroundings,
  view,
} from '../../lib/queue/state';
import { loadTeamCalendars } from '../../lib/sla/load';
import { startClock } from '../../lib/ui/clock';
import '../../components/tandem.css';
import '../../components/Queue.css';
import { type MessageKey, t } from '../../lib/i18n/t';

const ORDER_LABELS = { deadline: 'queue_order_deadline', effort: 'queue_order_effort' } as const satisfies Record<QueueOrder, MessageKey>;

const actions: QueueActions = {
  onSelect: (id) => (selectedId.value = id),
  onOpen: (c) => void openCase(c),
  onClaim: (c) => void claim(c),
  onRelease: (c) => void release(c),
  onAssign: (c, id) => void assign(c, id),
  onReply: (c) => void replyTo(c),
  onDismissConflict: (c) => void dismissConflict(c),
};

function QueuePage() {
  useEffect(() => {
    void loadQueue();
    // Countdowns tick every second here: this page is where agents watch deadlines.
    const stopClock = startClock(1000);
    void loadTeamCalendars(); // remaining business time in each team's calendar (lib/sla)
    const stopPresence = keepPresence();
    // The background bumps syncRevision after every sync, local write and presence change.
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && 'syncRevision' in changes) void loadQueue();
    };
    const onKey = (event: KeyboardEvent) => {
      const command = commandFor(event);
      if (!command) return;
      event.preventDefault();
      runCommand(command);
    };
    browser.storage.onChanged.addListener(onStorage);
    document.addEventListener('keydown', onKey);
    return () => {
      stopClock();
      stopPresence();
      browser.storage.onChanged.removeListener(onStorage);
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  const snap = surroundings.value;
  const { rows, counts } = view.value;
  return (
    <main class="tdm-workspace tdm-queue-page">
      <header class="tdm-workspace__header">
        <h1>
          {t('queue_team')}{' '}
          <span class="tdm-count" data-testid="tandem-queue-count">
            {rows.length}
          </span>
        </h1>
        <p class="tdm-muted">
          {snap?.me ? `${snap.me.name} · ` : ''}
          {snap?.live ? t('sync_live') : t('queue_not_live')} · <kbd>j</kbd>/<kbd>k</kbd> {t('queue_key_move')}, <kbd>Enter</kbd> {t('queue_key_open')},{' '}
          <kbd>c</kbd> {t('queue_key_claim')}, <kbd>r</kbd> {t('queue_key_release')}, <kbd>R</kbd> {t('queue_key_reply')}
        </p>
      </header>
      {snap && !snap.me && <p data-testid="tandem-error">{t('queue_sign_in')}</p>}
      {message.value && (
        <p class="tdm-error" role="alert" data-testid="tandem-queue-message">
          {message.value}
        </p>
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '10px', alignItems: 'center' }}>
        <QueueFilters filters={filters.value} counts={counts} onChange={(next) => (filters.value = next)} />
        <label class="tdm-queue-filter">
          <span>{t('queue_order')}</span>
          <select
            data-testid="tandem-queue-order"
            value={queueOrder.value}
            onChange={(e) => (queueOrder.value = (e.currentTarget as HTMLSelectElement).value as QueueOrder)}
          >
            {QUEUE_ORDERS.map((value) => (
              <option key={value} value={value}>
                {t(ORDER_LABELS[value])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueueList
        rows={rows}
        selectedId={selectedId.value}
        meId={meId.value}
        names={names.value}
        presence={presence.value}
        teammates={snap?.teammates ?? []}
        actions={actions}
      />
    </main>
  );
}

document.body.classList.add('tdm-root');
render(<QueuePage />, document.getElementById('app')!);
