import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../schema/sla';
import type { SlaClock } from '../schema/sla-clock';
import { ALWAYS_OPEN } from './business-time';
import { startClock } from './clock';
import { escalateClock, isEscalated, raisedPriority, targetsToEscalate } from './escalation';

const WEEKDAY = [{ from: '09:00', to: '17:00' }];
const BERLIN: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours: { sun: [], mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: [] },
  holidays: [],
};
const at = (iso: string) => Date.parse(iso);
// First reply in 60 business minutes, resolution in 8 hours; started Friday 16:30 in Berlin.
const friday = startClock({ firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 480 }, BERLIN, at('2026-11-20T15:30:00Z'));

describe('escalation at a share of a target', () => {
  it('escalates the first response once 75% of its business minutes are used, counting only open hours', () => {
    // Friday 17:00: 30 of 60 minutes. Monday 09:14: 44. Monday 09:15: 45 = 75%.
    expect(targetsToEscalate(friday, BERLIN, 0.75, at('2026-11-20T16:00:00Z'))).toEqual([]);
    expect(targetsToEscalate(friday, BERLIN, 0.75, at('2026-11-23T08:14:00Z'))).toEqual([]);
    expect(targetsToEscalate(friday, BERLIN, 0.75, at('2026-11-23T08:15:00Z'))).toEqual(['first']);
    // Around the clock the weekend would have counted.
    const wall = startClock({ firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 480 }, ALWAYS_OPEN, at('2026-11-20T15:30:00Z'));
    expect(targetsToEscalate(wall, ALWAYS_OPEN, 0.75, at('2026-11-20T16:15:00Z'))).toEqual(['first']);
  });

  it('escalates each target once, and never a paused one', () => {
    const late = at('2026-11-24T15:00:00Z'); // Tuesday: both targets well past 75%
    expect(targetsToEscalate(friday, BERLIN, 0.75, late)).toEqual(['first', 'resolution']);
    const escalated = escalateClock(friday, ['first'], '2026-11-23T08:15:00.000Z');
    expect(isEscalated(escalated)).toBe(true);
    expect(escalated.response?.escalatedAt).toBe('2026-11-23T08:15:00.000Z');
    expect(targetsToEscalate(escalated, BERLIN, 0.75, late)).toEqual(['resolution']);
    const paused: SlaClock = { response: { ...friday.response!, runningSince: null, dueAt: null, usedMinutes: 59 }, resolution: null };
    expect(targetsToEscalate(paused, BERLIN, 0.75, late)).toEqual([]);
    expect(isEscalated(friday)).toBe(false);
  });

  it('raises the priority one step, urgent staying urgent', () => {
    expect(['low', 'normal', 'high', 'urgent'].map((p) => raisedPriority(p as 'low'))).toEqual(['normal', 'high', 'urgent', 'urgent']);
  });
});
