import { afterEach, describe, expect, it } from 'vitest';
import { t, tCount } from './t';
import { useBrowserLanguage } from './test-setup';

const inGerman = () => useBrowserLanguage('de');
afterEach(() => useBrowserLanguage('en'));

describe('t', () => {
  it('gives the English text in tests and an English browser, with substitutions', () => {
    expect(t('sync_now')).toBe('Sync now');
    expect(t('customer_label', 'Jane Doe')).toBe('Customer Jane Doe');
  });

  it('gives the German text in a German browser', () => {
    inGerman();
    expect(t('sync_now')).toBe('Jetzt synchronisieren');
    expect(t('overlay_claimed', 'Bea Berg')).toBe('Bea Berg hat diesen Fall übernommen. Sprechen Sie sich ab, bevor Sie antworten.');
  });

  it('counts with the plural form of the count, formatted for the locale', () => {
    expect(tCount('sync_pending', 1)).toBe('1 change waiting to sync');
    expect(tCount('sync_pending', 1200)).toBe('1,200 changes waiting to sync');
    inGerman();
    expect(tCount('sync_pending', 1)).toBe('1 Änderung wartet auf Synchronisierung');
    expect(tCount('sync_pending', 1200)).toBe('1.200 Änderungen warten auf Synchronisierung');
  });
});
