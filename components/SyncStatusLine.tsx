import type { SyncStatus } from '../lib/schema';
import { formatWhen } from '../lib/ui/format';

/** One line on the state of sync, the words chosen for an agent rather than an engineer. */
export function SyncStatusLine({ status }: { status: SyncStatus }) {
  if (!status.signedIn)
    return (
      <p class="tdm-muted" data-testid="tandem-sync-status">
        Not signed in.
      </p>
    );
  const cached = Object.values(status.counts).reduce((sum, n) => sum + n, 0);
  const state = status.lastSyncAt && !status.syncing ? 'synced' : status.syncing ? 'syncing' : 'never';
  const parts = [
    status.syncing
      ? status.lastSyncAt
        ? 'Syncing…'
        : `First sync: ${cached.toLocaleString('en')} records so far…`
      : status.lastSyncAt
        ? `Synced ${formatWhen(status.lastSyncAt)}`
        : 'Not synced yet',
    status.online ? null : 'Offline',
    status.pending > 0 ? `${status.pending} change${status.pending === 1 ? '' : 's'} waiting to sync` : null,
    status.failed.length > 0 ? `${status.failed.length} refused (see the side panel)` : null,
  ].filter(Boolean);
  return (
    <div class="tdm-status" data-testid="tandem-sync-status" data-state={state} role="status" aria-live="polite">
      <p>{parts.join(' · ')}</p>
      {status.error && <p class="tdm-error">{status.error}</p>}
    </div>
  );
}
