import { describe, expect, it } from 'vitest';
import { OpeningInterval } from '../../lib/schema/sla';
import { formatHours, parseHours } from './SlaCalendarEditor';

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
