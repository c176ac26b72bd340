import { afterEach, describe, expect, it } from 'vitest';
import { formatList, formatMoney, formatNumber, formatRelative, formatWhen } from './format';
import { useBrowserLanguage } from './test-setup';

const inGerman = () => useBrowserLanguage('de');
afterEach(() => useBrowserLanguage('en'));

describe('format (the UI locale)', () => {
  const at = '2026-11-26T14:05:00.000Z';

  it('writes money, numbers and dates as an English browser expects', () => {
    expect(formatMoney(123_456, 'USD')).toBe('$1,235');
    expect(formatMoney(123_456, 'USD', 2)).toBe('$1,234.56');
    expect(formatNumber(12_345)).toBe('12,345');
    expect(formatWhen(at)).toMatch(/^Nov 26, 2026/);
  });

  it('writes them as a German browser expects', () => {
    inGerman();
    expect(formatMoney(123_456, 'EUR')).toBe('1.235\u00a0€');
    expect(formatNumber(12_345)).toBe('12.345');
    expect(formatWhen(at)).toMatch(/^26\.11\.2026/);
  });

  it('joins lists as each language does', () => {
    expect(formatList(['Bea', 'Alex', 'Sam'])).toBe('Bea, Alex, and Sam');
    expect(formatList(['Bea', 'Alex'], 'disjunction')).toBe('Bea or Alex');
    inGerman();
    expect(formatList(['Bea', 'Alex', 'Sam'])).toBe('Bea, Alex und Sam');
  });

  it('says how long ago, in the UI language', () => {
    const now = Date.parse(at);
    expect(formatRelative(new Date(now - 5 * 60_000).toISOString(), now)).toBe('5 minutes ago');
    expect(formatRelative(new Date(now - 86_400_000).toISOString(), now)).toBe('yesterday');
    inGerman();
    expect(formatRelative(new Date(now - 5 * 60_000).toISOString(), now)).toBe('vor 5 Minuten');
    expect(formatRelative(new Date(now - 86_400_000).toISOString(), now)).toBe('gestern');
  });

  it('shows an unreadable timestamp as it came', () => {
    expect(formatWhen('not a date')).toBe('not a date');
  });
});
