// A server job that runs every few seconds or minutes (the SLA escalation sweep, the away agents' cases returning to
// the pool): a run still going when the next is due is skipped, a failed run is logged and the next one tries again.

import { logJobFailure } from '../db/database';

/** Runs `task` every `everyMs` without overlap; answers a stop function. The timer does not keep the process alive. */
export function startPeriodic(label: string, task: () => Promise<unknown>, everyMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .catch((err: unknown) => logJobFailure(label, err))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
