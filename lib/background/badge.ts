import { formatWhen } from '../i18n/format';
import { t, tCount } from '../i18n/t';
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
  if (!status.signedIn) return { text: '', color: '#6b7280', title: t('ckb_badge_title', t('ckb_badge_not_signed_in')), icon: 'signed-out' };
  if (status.failed.length > 0 || status.conflicts > 0) {
    const n = status.failed.length + status.conflicts;
    return {
      text: '!',
      color: '#b42318',
      title: t('ckb_badge_title', tCount('ckb_badge_attention', n)),
      icon: 'attention',
    };
  }
  if (!status.online)
    return {
      text: 'off',
      color: '#9a5b00',
      title: t('ckb_badge_title', t('ckb_badge_offline', tCount('sync_pending', status.pending))),
      icon: 'offline',
    };
  if (status.pending > 0)
    return {
      text: String(Math.min(status.pending, 999)),
      color: '#2557d6',
      title: t('ckb_badge_title', tCount('sync_pending', status.pending)),
      icon: 'syncing',
    };
  if (status.syncing) return { text: '', color: '#2557d6', title: t('ckb_badge_title', t('ckb_badge_syncing')), icon: 'syncing' };
  return {
    text: '',
    color: '#2557d6',
    title: status.lastSyncAt ? t('ckb_badge_title', t('ckb_badge_synced', formatWhen(status.lastSyncAt))) : t('extName'),
    icon: 'synced',
  };
}
