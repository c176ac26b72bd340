import { describe, expect, it } from 'vitest';
import { createFrameBatch } from './frame-batch';

/** Animation frames and timers run by hand. */
function manualClock() {
  const frames: (() => void)[] = [];
  const timers = new Map<number, () => void>();
  let next = 0;
  return {
    clock: {
      requestFrame: (run: () => void) => frames.push(run),
      setTimer: (run: () => void) => {
        timers.set(++next, run);
        return next;
      },
      clearTimer: (handle: unknown) => void timers.delete(handle as number),
    },
    frame: () => {
      for (const run of frames.splice(0)) run();
    },
    timersDue: () => {
      for (const [id, run] of [...timers]) {
        timers.delete(id);
        run();
      }
    },
  };
}

describe('one view rebuild per animation frame', () => {
  it('runs once in the next frame for a burst of 100 changes, and again for a change after that frame', () => {
    const time = manualClock();
    let rebuilds = 0;
    const changed = createFrameBatch(() => rebuilds++, time.clock);
    for (let i = 0; i < 100; i++) changed();
    expect(rebuilds).toBe(0);
    time.frame();
    expect(rebuilds).toBe(1);
    time.timersDue();
    expect(rebuilds).toBe(1);
    changed();
    time.frame();
    expect(rebuilds).toBe(2);
  });

  it('still runs on a hidden page, where no frame comes: the timer does it, once', () => {
    const time = manualClock();
    let rebuilds = 0;
    const changed = createFrameBatch(() => rebuilds++, time.clock);
    changed();
    changed();
    time.timersDue();
    expect(rebuilds).toBe(1);
    time.frame();
    expect(rebuilds).toBe(1);
  });
});
