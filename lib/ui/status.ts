import { signal } from '@preact/signals';
import { MessageError } from '../messaging';
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
    actionError.value = error instanceof MessageError ? error.message : String(error);
    return false;
  }
}
