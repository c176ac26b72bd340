import type { SyncStatus } from '../schema';
import type { ToolbarIconState } from './toolbar-icon';

export interface ToolbarLook {
  text: string;
  color: string;
  title: string;
  /** Which variant of the icon the toolbar button shows (the badge says how many, the icon which kind). */
  icon: ToolbarIconState;
}

/** What the toolbar button says about sync: trouble first, then offline, then work waiting, else nothing. */
export function badgeFor(status: SyncStatus): ToolbarLook {
  if (!status.signedIn) return { text: '', color: '#6b7280', title: 'Tandem: not signed in', icon: 'signed-out' };
  if (status.failed.length > 0 || status.conflicts > 0) {
    const n = status.failed.length + status.conflicts;
    return {
      text: '!',
      color: '#b42318',
      title: `Tandem: ${n} change${n === 1 ? '' : 's'} need${n === 1 ? 's' : ''} your attention`,
      icon: 'attention',
    };
  }
  if (!status.online)
    return {
      text: 'off',
      color: '#9a5b00',
      title: `Tandem: offline, ${status.pending} change${status.pending === 1 ? '' : 's'} waiting to sync`,
      icon: 'offline',
    };
  if (status.pending > 0)
    return {
      text: String(Math.min(status.pending, 999)),
      color: '#2557d6',
      title: `Tandem: ${status.pending} change${status.pending === 1 ? '' : 's'} waiting to sync`,
      icon: 'syncing',
    };
  if (status.syncing) return { text: '', color: '#2557d6', title: 'Tandem: syncing', icon: 'syncing' };
  return { text: '', color: '#2557d6', title: status.lastSyncAt ? `Tandem: synced ${status.lastSyncAt}` : 'Tandem', icon: 'synced' };
}
