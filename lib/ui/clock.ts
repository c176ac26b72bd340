import { signal } from '@preact/signals';

/** The current time for countdowns, ticking every 30 s in whichever context renders them. */
export const now = signal(new Date());
let timer: ReturnType<typeof setInterval> | null = null;

export function startClock(intervalMs = 30_000): () => void {
  timer ??= setInterval(() => {
    now.value = new Date();
  }, intervalMs);
  return () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
}
