// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GESTURE_WINDOW_MS, watchReplyPresence } from './reply-presence';

// Events marked with `agent` stand for the browser's trusted input; everything else is the page's.
const agent = new WeakSet<Event>();
const byAgent = <E extends Event>(event: E): E => {
  agent.add(event);
  return event;
};

describe('watchReplyPresence', () => {
  let box: HTMLTextAreaElement;
  let other: HTMLInputElement;
  let changes: boolean[];
  let clock: number;
  let stop: () => void;

  beforeEach(() => {
    document.body.innerHTML = '<input id="search"><div id="reply"><textarea></textarea></div>';
    box = document.querySelector('textarea')!;
    other = document.querySelector('#search')!;
    changes = [];
    clock = 10_000;
    stop = watchReplyPresence(document, {
      inReplyBox: (t) => t instanceof Node && document.getElementById('reply')!.contains(t),
      onChange: (replying) => changes.push(replying),
      isTrusted: (e) => agent.has(e),
      now: () => clock,
    });
  });

  afterEach(() => stop());

  const focusIn = (target: Element, relatedTarget: Element | null = null) => target.dispatchEvent(new FocusEvent('focusin', { bubbles: true, relatedTarget }));
  const focusOut = (target: Element, relatedTarget: Element | null) => target.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget }));

  it('does not count a focus the page forced on the reply box', () => {
    focusIn(box);
    expect(changes).toEqual([]);
  });

  it('does not count the page’s synthetic press or key in the box either', () => {
    box.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    focusIn(box);
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    expect(changes).toEqual([]);
  });

  it('counts the agent’s press that puts the focus in the box, and ends when the focus leaves it', () => {
    box.dispatchEvent(byAgent(new PointerEvent('pointerdown', { bubbles: true })));
    focusIn(box);
    expect(changes).toEqual([true]);
    focusOut(box, other);
    expect(changes).toEqual([true, false]);
  });

  it('counts the agent typing into a box the page focused on load', () => {
    focusIn(box);
    box.dispatchEvent(byAgent(new KeyboardEvent('keydown', { key: 'H', bubbles: true })));
    expect(changes).toEqual([true]);
  });

  it('counts the Tab key that moved the focus into the box, but not a focus long after it', () => {
    other.dispatchEvent(byAgent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true })));
    focusIn(box);
    expect(changes).toEqual([true]);
    focusOut(box, other);

    other.dispatchEvent(byAgent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true })));
    clock += GESTURE_WINDOW_MS + 1;
    focusIn(box);
    expect(changes).toEqual([true, false]);
  });

  it('does not count the agent’s press elsewhere followed by the page moving the focus into the box', () => {
    other.dispatchEvent(byAgent(new PointerEvent('pointerdown', { bubbles: true })));
    focusIn(box);
    expect(changes).toEqual([]);
  });
});
