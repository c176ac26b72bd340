import type { SyncStatus } from '../lib/schema';
import { formatWhen } from '../lib/ui/format';

/** Sync state in words: last sync, what waits, what failed and why (with a way to send it again), when the next retry is. */
export function SyncDetails({ status, onSync, onRetryFailed }: { status: SyncStatus; onSync(): void; onRetryFailed?(): void }) {
  if (!status.signedIn)
    return (
      <p class="tdm-muted" data-testid="tandem-sync-status">
        Not signed in: open Tandem's settings to sign in.
      </p>
    );
  return (
    <section class="tdm-section" aria-label="Sync" data-testid="tandem-sync-status">
      <div class="tdm-sync-line">
        <span class={`tdm-dot tdm-dot--${status.online ? (status.live ? 'live' : 'ok') : 'off'}`} aria-hidden="true" />
        <span>
          {status.syncing ? 'Syncing…' : !status.online ? 'Offline' : status.lastSyncAt ? `Synced ${formatWhen(status.lastSyncAt)}` : 'Not synced yet'}
          {status.live && status.online ? ' · live' : ''}
        </span>
        <button type="button" onClick={onSync} disabled={status.syncing}>
          Sync now
        </button>
      </div>
      {status.pending > 0 && (
        <p data-testid="tandem-pending">
          {status.pending} change{status.pending === 1 ? '' : 's'} waiting to sync{status.retryAt ? ` · next try ${formatWhen(status.retryAt)}` : ''}
        </p>
      )}
      {status.error && <p class="tdm-error">{status.error}</p>}
      {status.notice && <p class="tdm-notice">{status.notice}</p>}
      {status.failed.length > 0 && (
        <details open>
          <summary class="tdm-error">
            {status.failed.length} change{status.failed.length === 1 ? '' : 's'} refused by the server (kept on this device)
          </summary>
          <ul>
            {status.failed.map((f) => (
              <li key={`${f.entity}:${f.recordId}`}>
                {f.entity} {f.recordId}: {f.error}
              </li>
            ))}
          </ul>
          {onRetryFailed && (
            <button type="button" onClick={onRetryFailed} disabled={status.syncing} data-testid="tandem-retry-failed">
              Send again
            </button>
          )}
        </details>
      )}
    </section>
  );
}
