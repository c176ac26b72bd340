import { describe, expect, it } from 'vitest';
import { CLOCK_SLACK_MS, readBeforeFrame } from './freshness';

describe('the overlay frame ignores the previous page', () => {
  const frameStartedAt = 1_795_730_919_700;

  it('drops an answer read before this frame started: the previous page load in the same tab', () => {
    expect(readBeforeFrame({ readAt: frameStartedAt - 250 }, frameStartedAt)).toBe(true);
  });

  it('shows an answer read once the frame was placed: this page', () => {
    expect(readBeforeFrame({ readAt: frameStartedAt + 40 }, frameStartedAt)).toBe(false);
  });

  it('shows an answer read just before the frame started by a coarsened clock: still this page', () => {
    expect(readBeforeFrame({ readAt: frameStartedAt - CLOCK_SLACK_MS + 1 }, frameStartedAt)).toBe(false);
  });

  it('shows an answer with no read time (a restarted background knows the page but not when it was read)', () => {
    expect(readBeforeFrame({ readAt: null }, frameStartedAt)).toBe(false);
  });
});
