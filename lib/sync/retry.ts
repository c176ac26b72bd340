import { ApiClientError } from '../api/client';

/** Errors worth retrying later: the network, the server's own trouble, or being asked to slow down. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiClientError)) return true; // a thrown fetch or an aborted worker: try again
  return error.status === null || error.status >= 500 || error.status === 429 || error.status === 408;
}
