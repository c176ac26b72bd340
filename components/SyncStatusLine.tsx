import { formatNumber, formatWhen } from '../lib/i18n/format';
import { t, tCount } from '../lib/i18n/t';
import type { SyncStatus } from '../lib/schema';

/** One line on the state of sync, the words chosen for an agent rather than an engineer. */
export function SyncStatusLine({ status }: { status: SyncStatus }) {
  if (!status.signedIn)
    return (
      <p class="tdm-muted" data-testid="tandem-sync-status">
        {t('sync_not_signed_in')}
      </p>
    );
  const cached = Object.values(status.counts).reduce((sum, n) => sum + n, 0);
  const state = status.lastSyncAt && !status.syncing ? 'synced' : status.syncing ? 'syncing' : 'never';
  const parts = [
    status.syncing
      ? status.lastSyncAt
        ? t('sync_syncing')
        : t('sync_first_sync', formatNumber(cached))
      : status.lastSyncAt
        ? t('sync_synced_at', formatWhen(status.lastSyncAt))
        : t('sync_never'),
    status.online ? null : t('sync_offline'),
    status.pending > 0 ? tCount('sync_pending', status.pending) : null,
    status.failed.length > 0 ? t('sync_refused_short', formatNumber(status.failed.length)) : null,
  ].filter(Boolean);
  return (
    <div class="tdm-status" data-testid="tandem-sync-status" data-state={state} role="status" aria-live="polite">
      <p>{parts.join(' · ')}</p>
      {status.error && <p class="tdm-error">{status.error}</p>}
    </div>
  );
}
