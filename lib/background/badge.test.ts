import { describe, expect, it } from 'vitest';
import { useBrowserLanguage } from '../i18n/test-setup';
import type { SyncStatus } from '../schema';
import { badgeFor } from './badge';

const base: SyncStatus = {
  signedIn: true,
  user: { id: 'u1', name: 'Ada', email: 'ada@example.com', role: 'agent' },
  backendUrl: 'http://127.0.0.1:8787',
  online: true,
  lastSyncAt: '2026-11-26T03:00:00.000Z',
  syncing: false,
  counts: {},
  pending: 0,
  failed: [],
  conflicts: 0,
  retryAt: null,
  live: true,
  error: null,
  notice: null,
};

describe('the toolbar button', () => {
  it('shows which kind of state the agent is in, trouble first', () => {
    expect(badgeFor({ ...base, signedIn: false }).icon).toBe('signed-out');
    expect(badgeFor(base)).toMatchObject({ icon: 'synced', text: '' });
    expect(badgeFor({ ...base, syncing: true }).icon).toBe('syncing');
    expect(badgeFor({ ...base, pending: 3 })).toMatchObject({ icon: 'syncing', text: '3' });
    expect(badgeFor({ ...base, online: false, pending: 2 })).toMatchObject({ icon: 'offline', text: 'off' });
    const failed = badgeFor({ ...base, online: false, failed: [{ entity: 'case', recordId: 'c1', error: 'Refused' }] });
    expect(failed).toMatchObject({ icon: 'attention', text: '!' });
  });

  it('says it in the browser’s language', () => {
    expect(badgeFor({ ...base, pending: 3 }).title).toBe('Tandem: 3 changes waiting to sync');
    useBrowserLanguage('de');
    try {
      expect(badgeFor({ ...base, pending: 3 }).title).toBe('Tandem: 3 Änderungen warten auf Synchronisierung');
      expect(badgeFor({ ...base, signedIn: false }).title).toBe('Tandem: nicht angemeldet');
    } finally {
      useBrowserLanguage('en');
    }
  });
});
