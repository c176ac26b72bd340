import { formatWhen } from '../lib/i18n/format';
import { t, tCount } from '../lib/i18n/t';
import type { SyncStatus } from '../lib/schema';

/** Sync state in words: last sync, what waits, what failed and why (with a way to send it again), when the next retry is. */
export function SyncDetails({ status, onSync, onRetryFailed }: { status: SyncStatus; onSync(): void; onRetryFailed?(): void }) {
  if (!status.signedIn)
    return (
      <p class="tdm-muted" data-testid="tandem-sync-status">
        {t('sync_not_signed_in_settings')}
      </p>
    );
  return (
    <section class="tdm-section" aria-label={t('sync_section')} data-testid="tandem-sync-status">
      <div class="tdm-sync-line">
        <span class={`tdm-dot tdm-dot--${status.online ? (status.live ? 'live' : 'ok') : 'off'}`} aria-hidden="true" />
        <span>
          {status.syncing
            ? t('sync_syncing')
            : !status.online
              ? t('sync_offline')
              : status.lastSyncAt
                ? t('sync_synced_at', formatWhen(status.lastSyncAt))
                : t('sync_never')}
          {status.live && status.online ? ` · ${t('sync_live')}` : ''}
        </span>
        <button type="button" onClick={onSync} disabled={status.syncing}>
          {t('sync_now')}
        </button>
      </div>
      {status.pending > 0 && (
        <p data-testid="tandem-pending">
          {tCount('sync_pending', status.pending)}
          {status.retryAt ? ` · ${t('sync_next_try', formatWhen(status.retryAt))}` : ''}
        </p>
      )}
      {status.error && <p class="tdm-error">{status.error}</p>}
      {status.notice && <p class="tdm-notice">{status.notice}</p>}
      {status.failed.length > 0 && (
        <details open>
          <summary class="tdm-error">{tCount('sync_refused', status.failed.length)}</summary>
          <ul>
            {status.failed.map((f) => (
              <li key={`${f.entity}:${f.recordId}`}>
                {f.entity} {f.recordId}: {f.error}
              </li>
            ))}
          </ul>
          {onRetryFailed && (
            <button type="button" onClick={onRetryFailed} disabled={status.syncing} data-testid="tandem-retry-failed">
              {t('sync_send_again')}
            </button>
          )}
        </details>
      )}
    </section>
  );
}
