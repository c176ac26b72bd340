import { describe, expect, it } from 'vitest';
import { formatDuration, slaStatus } from './sla';

const now = new Date('2026-11-20T12:00:00.000Z');

describe('slaStatus', () => {
  it('counts down to a deadline and turns amber within the hour', () => {
    expect(slaStatus('2026-11-20T15:30:00.000Z', now)).toEqual({ state: 'ok', label: 'Due in 3h 30m' });
    expect(slaStatus('2026-11-20T12:45:00.000Z', now)).toEqual({ state: 'soon', label: 'Due in 45m' });
  });

  it('says how long ago a deadline was breached', () => {
    expect(slaStatus('2026-11-18T11:00:00.000Z', now)).toEqual({ state: 'breached', label: 'Breached 2d 1h ago' });
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
