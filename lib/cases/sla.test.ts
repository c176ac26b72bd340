import { describe, expect, it } from 'vitest';
import { useBrowserLanguage } from '../i18n/test-setup';
import type { BusinessCalendar } from '../schema/sla';
import { pauseClock, startClock } from '../sla/clock';
import { clockStatus, formatDuration, slaStatus } from './sla';

const now = new Date('2026-11-20T12:00:00.000Z');

describe('slaStatus', () => {
  it('counts down to a deadline and turns amber within the hour', () => {
    expect(slaStatus('2026-11-20T15:30:00.000Z', now)).toEqual({ state: 'ok', label: 'Due in 3h 30m' });
    expect(slaStatus('2026-11-20T12:45:00.000Z', now)).toEqual({ state: 'soon', label: 'Due in 45m' });
  });

  it('says how long ago a deadline was breached', () => {
    expect(slaStatus('2026-11-18T11:00:00.000Z', now)).toEqual({ state: 'breached', label: 'Breached 2d 1h ago' });
  });

  it('says it in German in a German browser', () => {
    useBrowserLanguage('de');
    try {
      expect(slaStatus('2026-11-20T15:30:00.000Z', now).label).toBe('Fällig in 3 Std. 30 Min.');
      expect(slaStatus('2026-11-18T11:00:00.000Z', now).label).toBe('Frist seit 2 T. 1 Std. überschritten');
    } finally {
      useBrowserLanguage('en');
    }
  });

  it('handles cases without a deadline', () => {
    expect(slaStatus(null, now).state).toBe('none');
  });

  it('formats whole units without zero parts', () => {
    expect(formatDuration(2 * 86_400_000)).toBe('2d');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(20_000)).toBe('0m');
  });
});

describe('clockStatus', () => {
  const office: BusinessCalendar = {
    timeZone: 'Europe/Berlin',
    hours: { sun: [], mon: [{ from: '09:00', to: '17:00' }], tue: [], wed: [], thu: [], fri: [{ from: '09:00', to: '17:00' }], sat: [] },
    holidays: [],
  };
  // A first reply due Monday 10:00 in Berlin, started on Friday 19:00.
  const clock = startClock({ firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 480 }, office, Date.parse('2026-11-20T18:00:00Z'));

  it('counts the remaining business time over a weekend when the calendar is synced', () => {
    expect(clockStatus(clock, office, new Date('2026-11-21T12:00:00Z'))).toEqual({ state: 'soon', label: 'First reply due in 1h business time' });
    expect(clockStatus(clock, office, new Date('2026-11-23T09:30:00Z'))).toEqual({ state: 'breached', label: 'First reply breached 30m business time ago' });
  });

  it('counts down to the server’s deadline without a calendar, and shows a paused clock’s remaining time', () => {
    expect(clockStatus(clock, undefined, new Date('2026-11-21T09:00:00Z'))).toEqual({ state: 'ok', label: 'First reply due in 2d' });
    const paused = pauseClock(clock, office, Date.parse('2026-11-23T08:20:00Z'));
    expect(clockStatus(paused, office, new Date('2026-11-30T08:00:00Z'))).toEqual({ state: 'paused', label: 'First reply paused · 40m left' });
  });
});
