import { ApiClientError } from '../api/client';

/** Errors worth retrying later: the network, the server's own trouble, or being asked to slow down. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiClientError)) return true; // a thrown fetch or an aborted worker: try again
  return error.status === null || error.status >= 500 || error.status === 429 || error.status === 408;
}

/**
 * The server failed on this request (500) rather than being out of reach (502–504, the network): the
 * request itself may be at fault, so a write that keeps meeting it is set aside after MAX_PUSH_ATTEMPTS.
 */
export function isServerFault(error: unknown): boolean {
  return error instanceof ApiClientError && error.status === 500;
}

/** The server no longer accepts the session's token: the agent must sign in again. */
export function isSessionEnded(error: unknown): boolean {
  return error instanceof ApiClientError && (error.code === 'unauthorized' || error.status === 401);
}

/** Errors that end a sync pass rather than set one record aside: retried later, or the session is over. */
export function endsSyncPass(error: unknown): boolean {
  return isRetryable(error) || isSessionEnded(error);
}

/**
 * How long to wait before the next sync after `failures` failures in a row: the server's `Retry-After`
 * when it gave one (plus up to 20 % jitter, so clients told the same number do not return together),
 * else our own backoff.
 */
export function retryDelay(failures: number, error: unknown, random: () => number = Math.random): number {
  const asked = error instanceof ApiClientError ? error.retryAfterMs : null;
  if (asked === null) return backoffDelay(failures, random);
  return Math.round(asked * (1 + random() / 5));
}

/** Exponential backoff with full jitter: 2 s, 4 s, … up to 5 minutes. */
export function backoffDelay(failures: number, random: () => number = Math.random, baseMs = 2000, maxMs = 300_000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
