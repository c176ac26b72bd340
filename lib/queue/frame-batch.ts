/** How long a hidden page (no animation frames) waits at most before the batch runs. */
const HIDDEN_PAGE_MS = 100;

interface FrameClock {
  requestFrame(run: () => void): unknown;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const browserClock: FrameClock = {
  requestFrame: (run) => globalThis.requestAnimationFrame(run),
  setTimer: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimer: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * `run` once in the next animation frame however often the returned function is called before it: many changes, one
 * rebuild and one render. A hidden page gets no frames, so a timer runs it too, whichever comes first.
 */
export function createFrameBatch(run: () => void, clock: FrameClock = browserClock): () => void {
  let pending = false;
  let timer: unknown;
  const flush = () => {
    if (!pending) return;
    pending = false;
    clock.clearTimer(timer);
    run();
  };
  return () => {
    if (pending) return;
    pending = true;
    clock.requestFrame(flush);
    timer = clock.setTimer(flush, HIDDEN_PAGE_MS);
  };
}
