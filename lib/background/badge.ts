import type { SyncStatus } from '../schema';

/** What the toolbar badge says about sync: trouble first, then work waiting, else nothing. */
export function badgeFor(status: SyncStatus): { text: string; color: string; title: string } {
  if (!status.signedIn) return { text: '', color: '#6b7280', title: 'Tandem: not signed in' };
  if (status.failed.length > 0 || status.conflicts > 0) {
    const n = status.failed.length + status.conflicts;
    return { text: '!', color: '#b42318', title: `Tandem: ${n} change${n === 1 ? '' : 's'} need${n === 1 ? 's' : ''} your attention` };
  }
  if (!status.online)
    return { text: 'off', color: '#9a5b00', title: `Tandem: offline, ${status.pending} change${status.pending === 1 ? '' : 's'} waiting to sync` };
  if (status.pending > 0)
    return {
      text: String(Math.min(status.pending, 999)),
      color: '#2557d6',
      title: `Tandem: ${status.pending} change${status.pending === 1 ? '' : 's'} waiting to sync`,
    };
  return { text: '', color: '#2557d6', title: status.lastSyncAt ? `Tandem: synced ${status.lastSyncAt}` : 'Tandem' };
}
