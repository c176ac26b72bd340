import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorMessage } from '../i18n/errors';
import { send } from '../messaging/browser';
import type { SyncStatus } from '../schema';

/** Sync status as extension pages show it; refreshed on demand and after each action. */
export const syncStatus = signal<SyncStatus | null>(null);
export const actionError = signal<string | null>(null);

export async function refreshStatus(): Promise<void> {
  syncStatus.value = await send('status.get', {});
}

/** Runs a background action, keeping the status in step and turning failures into a readable line. */
export async function runAction(action: () => Promise<SyncStatus>): Promise<boolean> {
  actionError.value = null;
  try {
    syncStatus.value = await action();
    return true;
  } catch (error) {
    actionError.value = errorMessage(error);
    return false;
  }
}

/**
 * Keeps `syncStatus` fresh once a second while a sync runs (the first one after signing in can take
 * minutes), so a page shows its progress; idle otherwise.
 */
export function useStatusWhileSyncing(): void {
  const status = syncStatus.value;
  const inProgress = !!status?.signedIn && (status.syncing || (!status.lastSyncAt && !status.error));
  useEffect(() => {
    if (!inProgress) return;
    const timer = setInterval(() => void refreshStatus().catch(() => undefined), 1000);
    return () => clearInterval(timer);
  }, [inProgress]);
}
