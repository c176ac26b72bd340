import { describe, expect, it } from 'vitest';
import { prng, schedule } from './fault-schedules';

describe('fault schedules', () => {
  it('are the same for the same seed and index, so a failure replays', () => {
    expect(schedule(17, 42, 'user-alex')).toEqual(schedule(17, 42, 'user-alex'));
    expect(schedule(17, 42, 'user-alex')).not.toEqual(schedule(18, 42, 'user-alex'));
    expect([prng(5)(), prng(5)()]).toEqual([prng(5)(), prng(5)()].reverse());
  });

  it('over a CI run, strike at every point, write from every page and the content script', () => {
    const run = Array.from({ length: 200 }, (_, i) => schedule(17, i, 'user-alex'));
    expect(new Set(run.map((s) => s.fault))).toEqual(
      new Set(['none', 'during-writes', 'push-sent', 'committed', 'server-restart', 'first-sync', 'one-way', 'database-restart']),
    );
    const writers = new Set(run.flatMap((s) => s.writes.map((w) => w.writer)));
    expect(writers).toEqual(new Set(['popup.html', 'sidepanel.html', 'queue.html', 'content']));
    expect(run.every((s) => s.writes.length >= 2)).toBe(true);
  });

  it('keep every schedule the later faults do not replace as it was (recorded failures still replay)', () => {
    // Recorded before the one-way drop and the database restart were added (docs/operations.md).
    expect(schedule(17, 721, 'user-alex')).toMatchObject({ fault: 'first-sync', writes: [{ writer: 'popup.html' }, {}, {}, {}] });
    expect(schedule(17, 700, 'user-alex')).toMatchObject({ fault: 'during-writes' });
    const run = Array.from({ length: 1000 }, (_, i) => schedule(17, i, 'user-alex'));
    const later = run.filter((s) => s.fault === 'one-way' || s.fault === 'database-restart').length;
    expect(later).toBeGreaterThan(70);
    expect(later).toBeLessThan(150);
  });
});
