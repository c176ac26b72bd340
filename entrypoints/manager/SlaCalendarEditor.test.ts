import { afterEach, describe, expect, it } from 'vitest';
import { useBrowserLanguage } from '../../lib/i18n/test-setup';
import { BusinessCalendar, OpeningInterval } from '../../lib/schema/sla';
import { calendarFieldName, formatHours, parseHours } from './SlaCalendarEditor';

afterEach(() => useBrowserLanguage('en'));

describe('opening hours as a manager types them', () => {
  it('reads several intervals, pads single-digit hours, and writes them back the same way', () => {
    const hours = parseHours(' 9:00-12:00, 13:00 - 17:30 ');
    expect(hours).toEqual([
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '17:30' },
    ]);
    expect(formatHours(hours)).toBe('09:00-12:00, 13:00-17:30');
    expect(parseHours('')).toEqual([]);
  });

  it('keeps what it cannot read, so saving names the problem instead of dropping a day', () => {
    const [odd] = parseHours('late-17:00');
    expect(OpeningInterval.safeParse(odd).success).toBe(false);
  });
});

describe('a calendar problem’s field', () => {
  it('is named as the German form names it: the weekday, the holiday’s number, the time zone', () => {
    useBrowserLanguage('de');
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const parsed = BusinessCalendar.safeParse({
      timeZone: 'Mars/Olympus',
      hours: { ...closed, mon: parseHours('late-17:00') },
      holidays: [{ date: '2026-12-25' }, { date: 'Weihnachten' }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => calendarFieldName(i.path))).toEqual(expect.arrayContaining(['Zeitzone', 'Montag', 'Feiertag 2']));
    expect(calendarFieldName([])).toBe('Kalender');
  });
});
