import type { OverlayState } from '../../lib/schema/messages';

/**
 * Whether a state was read from an earlier page in this tab. The background keeps each tab's last
 * answer across a page load, and this frame connects before the new page is read: the answer it is
 * given first may be the previous page's (another ticket's customer). This page's content script
 * placed the frame before it read anything, so every read of this page is later than the frame's
 * start (both epoch ms). A state with no read time (the background restarted) cannot be told apart
 * and is shown. The two clocks are compared with some slack: a browser that coarsens timers (Firefox rounds them, more
 * so when resisting fingerprinting) could put this page's first read a little before the frame's start, and dropping
 * it would leave "Reading this page…" until the page changes; the previous page's answer is older than a page load.
 */
export const CLOCK_SLACK_MS = 50;

export function readBeforeFrame(state: Pick<OverlayState, 'readAt'>, frameStartedAt: number): boolean {
  return state.readAt !== null && state.readAt < frameStartedAt - CLOCK_SLACK_MS;
}
