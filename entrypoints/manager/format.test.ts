import { afterEach, describe, expect, it } from 'vitest';
import { t, tCount } from '../../lib/i18n/t';
import { useBrowserLanguage } from '../../lib/i18n/test-setup';
import { contentStatusLabel, fieldLabel, formatDay, formatDecimal, formatShare, KIND_TEXT, severityLabel, versionActionLabel, weekdayName } from './format';

describe('the console’s words and formats', () => {
  afterEach(() => useBrowserLanguage('en'));

  it('keeps the English wording the console always had', () => {
    expect(t(KIND_TEXT.articles.create)).toBe('New article');
    expect(t(KIND_TEXT.broadcasts.edit)).toBe('Edit broadcast');
    expect(tCount(KIND_TEXT.snippets.importCount, 2)).toBe('Import 2 snippets');
    expect(contentStatusLabel('published')).toBe('published');
    expect(fieldLabel('alsoAnswers')).toBe('Also answers');
  });

  it('words each kind in German with its own gender, and labels stored values without changing them', () => {
    useBrowserLanguage('de');
    expect(t(KIND_TEXT.articles.create)).toBe('Neuer Artikel');
    expect(t(KIND_TEXT.broadcasts.create)).toBe('Neue Rundmeldung');
    expect(tCount(KIND_TEXT.broadcasts.importCount, 1)).toBe('1 Rundmeldung importieren');
    expect(contentStatusLabel('archived')).toBe('archiviert');
    expect(severityLabel('critical')).toBe('Kritisch');
    expect(versionActionLabel('rollback')).toBe('zurückgesetzt');
    expect(fieldLabel('title')).toBe('Titel');
  });

  it('shows a value it has no label for as it came (data newer than this build)', () => {
    useBrowserLanguage('de');
    expect(fieldLabel('newField')).toBe('newField');
    expect(versionActionLabel('merge' as never)).toBe('merge');
  });

  it('writes a report’s day, decimals, shares and weekdays in the UI locale', () => {
    expect(formatDay('2026-12-07')).toBe('Dec 7, 2026');
    expect(formatDecimal(2, 2)).toBe('2.00');
    expect(formatShare(0.875)).toBe('87.5%');
    expect(weekdayName('mon')).toBe('Monday');
    useBrowserLanguage('de');
    expect(formatDay('2026-12-07')).toBe('07.12.2026');
    expect(formatDecimal(2, 2)).toBe('2,00');
    expect(formatShare(0.875)).toBe('87,5\u00a0%');
    expect(weekdayName('sun')).toBe('Sonntag');
    expect(formatDay('week 49')).toBe('week 49');
  });
});
