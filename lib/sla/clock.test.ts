import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../schema/sla';
import { answerClock, customerWroteClock, pauseClock, remainingMinutes, resumeClock, retargetClock, runningTarget, startClock, stopClock } from './clock';

const office: BusinessCalendar = {
  timeZone: 'America/New_York',
  hours: {
    sun: [],
    mon: [{ from: '09:00', to: '17:00' }],
    tue: [{ from: '09:00', to: '17:00' }],
    wed: [{ from: '09:00', to: '17:00' }],
    thu: [{ from: '09:00', to: '17:00' }],
    fri: [{ from: '09:00', to: '17:00' }],
    sat: [],
  },
  holidays: [],
};
const at = (iso: string) => Date.parse(iso);
const targets = { firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 480 };

describe('a case’s service-level clock', () => {
  it('keeps the business time used across a pause and counts the rest from the resume', () => {
    // Tuesday 24 Nov 2026, 10:00 in New York (UTC-5).
    const started = startClock(targets, office, at('2026-11-24T15:00:00Z'));
    expect(started.response?.dueAt).toBe('2026-11-24T16:00:00.000Z');
    const paused = pauseClock(started, office, at('2026-11-24T15:40:00Z'));
    expect(paused.response).toMatchObject({ usedMinutes: 40, runningSince: null, dueAt: null });
    expect(runningTarget(paused)?.kind).toBe('first-response');
    // Paused: the remaining time does not move, however long the customer takes.
    expect(remainingMinutes(paused.response!, office, at('2026-11-30T15:00:00Z'))).toBe(20);
    // Resumed at 16:50 New York time: ten minutes today, ten on Wednesday from 09:00.
    const resumed = resumeClock(paused, office, at('2026-11-24T21:50:00Z'));
    expect(resumed.response?.dueAt).toBe('2026-11-25T14:10:00.000Z');
    expect(remainingMinutes(resumed.response!, office, at('2026-11-25T06:00:00Z'))).toBe(10);
  });

  it('counts a breach in business time', () => {
    const started = startClock(targets, office, at('2026-11-24T15:00:00Z'));
    // Due at 11:00; at 09:30 on Wednesday the breach is 6 hours (rest of Tuesday) and 30 minutes old.
    expect(remainingMinutes(started.response!, office, at('2026-11-25T14:30:00Z'))).toBe(-390);
  });

  it('meets the response on a reply and starts a next-response target when the customer writes again', () => {
    const answered = answerClock(startClock(targets, office, at('2026-11-24T15:00:00Z')), at('2026-11-24T15:20:00Z'));
    expect(runningTarget(answered)?.kind).toBe('resolution');
    const again = customerWroteClock(answered, targets, office, at('2026-11-24T18:00:00Z'));
    expect(runningTarget(again)).toMatchObject({ kind: 'next-response', countdown: { targetMinutes: 30, dueAt: '2026-11-24T18:30:00.000Z' } });
  });

  it('keeps each stopped target’s outcome: met or breached, when, against which deadline', () => {
    const started = startClock(targets, office, at('2026-11-24T15:00:00Z'));
    const firstDue = started.response!.dueAt;
    const answered = answerClock(started, at('2026-11-24T15:20:00Z'));
    const again = customerWroteClock(answered, targets, office, at('2026-11-24T18:00:00Z'));
    // The next reply comes 10 minutes after its 18:30 deadline.
    const late = answerClock(again, at('2026-11-24T18:40:00Z'));
    const solved = stopClock(late, at('2026-11-24T19:00:00Z'));
    expect(solved.outcomes).toEqual([
      { target: 'first', met: true, at: '2026-11-24T15:20:00.000Z', dueAt: firstDue },
      { target: 'next', met: false, at: '2026-11-24T18:40:00.000Z', dueAt: '2026-11-24T18:30:00.000Z' },
      { target: 'resolution', met: true, at: '2026-11-24T19:00:00.000Z', dueAt: started.resolution!.dueAt },
    ]);
    expect(runningTarget(solved)).toBeNull();
    // Pending, then the agent writes: a paused target is decided on the business minutes it used.
    const paused = pauseClock(startClock(targets, office, at('2026-11-24T15:00:00Z')), office, at('2026-11-24T15:10:00Z'));
    expect(answerClock(paused, at('2026-11-25T12:00:00Z')).outcomes).toEqual([{ target: 'first', met: true, at: '2026-11-25T12:00:00.000Z', dueAt: null }]);
  });

  it('retargets on a priority change, keeping when the clock started', () => {
    const started = startClock(targets, office, at('2026-11-24T15:00:00Z'));
    const urgent = retargetClock(started, { ...targets, firstResponseMinutes: 15 }, office);
    expect(urgent.response?.dueAt).toBe('2026-11-24T15:15:00.000Z');
  });
});
