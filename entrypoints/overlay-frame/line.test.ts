import { describe, expect, it, vi } from 'vitest';
import type { FrameUpdate, OverlayState } from '../../lib/schema/messages';

// openEarlyLine connects through this mocked channel; the other tests build their own lines with fakes.
vi.mock('./channel', () => ({ connectToBackground: vi.fn() }));
const { openFrameLine, openEarlyLine, takeFrameLine } = await import('./line');
const { connectToBackground } = await import('./channel');

const state = (readAt: number): OverlayState => ({
  context: null,
  resolution: null,
  publicReplyWarning: null,
  replyFocused: false,
  claimedBy: null,
  readAt,
});

/** A fake background: `push` posts on the port (it sends the tab's state on each connection itself). */
function fakeBackground() {
  let onUpdate: (update: FrameUpdate) => void = () => undefined;
  const line = openFrameLine((update) => {
    onUpdate = update;
    return () => undefined;
  });
  return { line, push: (update: FrameUpdate) => onUpdate(update) };
}

describe('the overlay frame’s line to the background', () => {
  it('keeps what it hears until the card listens, in order, then delivers each update as it comes', () => {
    const bg = fakeBackground();
    bg.push({ kind: 'staleSend', warning: null } as unknown as FrameUpdate);
    bg.push({ kind: 'state', state: state(1) });
    const heard: string[] = [];
    bg.line.listen((event) => heard.push(event.kind === 'state' ? `state ${event.state.readAt}` : event.kind));
    expect(heard).toEqual(['staleSend', 'state 1']);
    bg.push({ kind: 'state', state: state(2) });
    expect(heard).toEqual(['staleSend', 'state 1', 'state 2']);
  });

  it('counts the states pushed, so an answer to a question asked before the last push can be told older', () => {
    const bg = fakeBackground();
    bg.push({ kind: 'state', state: state(5) });
    bg.push({ kind: 'staleSend', warning: null } as unknown as FrameUpdate);
    bg.push({ kind: 'state', state: state(6) });
    expect(bg.line.pushes).toBe(2);
  });

  it('is opened once: the card’s script takes the line the first script opened', () => {
    const early = openEarlyLine();
    expect(takeFrameLine()).toBe(early);
    expect(connectToBackground).toHaveBeenCalledTimes(1);
  });
});
