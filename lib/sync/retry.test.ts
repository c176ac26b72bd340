import { describe, expect, it } from 'vitest';
import { ApiClientError } from '../api/client';
import { backoffDelay, endsSyncPass, isRetryable, retryDelay } from './retry';

describe('isRetryable', () => {
  it('retries a server whose database is away (503), an offline network, a rate limit and a timeout', () => {
    expect(isRetryable(new ApiClientError('unavailable', 'The database is unavailable', 503))).toBe(true);
    expect(isRetryable(new ApiClientError('offline', 'offline', null))).toBe(true);
    expect(isRetryable(new ApiClientError('rate_limited', 'slow down', 429))).toBe(true);
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
  });

  it('does not retry what would fail the same way again', () => {
    expect(isRetryable(new ApiClientError('invalid_request', 'bad', 400))).toBe(false);
    expect(isRetryable(new ApiClientError('forbidden', 'no', 403))).toBe(false);
    expect(endsSyncPass(new ApiClientError('unauthorized', 'signed out', 401))).toBe(true);
  });
});

describe('backoffDelay', () => {
  it('grows from about 2 s and stops at 5 minutes', () => {
    expect(backoffDelay(1, () => 1)).toBe(2000);
    expect(backoffDelay(1, () => 0)).toBe(1000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
    expect(backoffDelay(50, () => 1)).toBe(300_000);
  });
});

describe('retryDelay', () => {
  it('waits what the server asked (Retry-After) instead of its own backoff, with up to 20 % more', () => {
    const asked = new ApiClientError('unavailable', 'The database is unavailable', 503, undefined, 30_000);
    expect(retryDelay(1, asked, () => 0)).toBe(30_000);
    expect(retryDelay(1, asked, () => 1)).toBe(36_000);
    expect(retryDelay(9, asked, () => 0)).toBe(30_000);
  });

  it('backs off on its own when the server did not say', () => {
    expect(retryDelay(3, new ApiClientError('unavailable', 'x', 503), () => 1)).toBe(8000);
    expect(retryDelay(1, new TypeError('Failed to fetch'), () => 0)).toBe(1000);
  });
});
