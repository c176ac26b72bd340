import { describe, expect, it, vi } from 'vitest';
import type { FrameUpdate, OverlayState } from '../../lib/schema/messages';

// The module opens the frame's own line when loaded; these tests build their own with fakes.
vi.mock('./channel', () => ({ connectToBackground: vi.fn(), sendFromFrame: vi.fn(() => new Promise(() => undefined)) }));
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

/** A fake background: `push` posts on the port, `reconnect` opens it again, each question to it waits for `answer`. */
function fakeBackground() {
  let onUpdate: (update: FrameUpdate) => void = () => undefined;
  let onConnected: () => void = () => undefined;
  const questions: Array<{ resolve(s: OverlayState): void; reject(e: unknown): void }> = [];
  const line = openFrameLine(
    (update, connected) => {
      onUpdate = update;
      onConnected = connected;
      connected();
      return () => undefined;
    },
    () => new Promise<OverlayState>((resolve, reject) => questions.push({ resolve, reject })),
  );
  return { line, questions, push: (update: FrameUpdate) => onUpdate(update), reconnect: () => onConnected() };
}

describe('the overlay frame’s line to the background', () => {
  it('asks for the state at once and keeps what it hears until the card listens, in order', async () => {
    const bg = fakeBackground();
    expect(bg.questions).toHaveLength(1);
    bg.push({ kind: 'staleSend', warning: null } as unknown as FrameUpdate);
    bg.questions[0]?.resolve(state(1));
    await Promise.resolve();
    const heard: string[] = [];
    bg.line.listen((event) => heard.push(event.kind === 'state' ? `state ${event.state.readAt}` : event.kind));
    expect(heard).toEqual(['staleSend', 'state 1']);
    bg.push({ kind: 'state', state: state(2) });
    expect(heard).toEqual(['staleSend', 'state 1', 'state 2']);
  });

  it('drops an answer asked before a state the background pushed since (the push is newer), and reports a failed question', async () => {
    const bg = fakeBackground();
    const heard: Array<number | string> = [];
    bg.line.listen((event) => heard.push(event.kind === 'state' ? (event.state.readAt ?? 'none') : event.kind));
    bg.push({ kind: 'state', state: state(5) });
    bg.questions[0]?.resolve(state(4));
    bg.reconnect();
    bg.questions[1]?.reject(new Error('worker restarted'));
    await Promise.resolve();
    await Promise.resolve();
    expect(heard).toEqual([5, 'failed']);
    expect(bg.line.pushes).toBe(1);
  });

  it('is opened once: the card’s script takes the line the first script opened', () => {
    const early = openEarlyLine();
    expect(takeFrameLine()).toBe(early);
    expect(connectToBackground).toHaveBeenCalledTimes(1);
  });
});
