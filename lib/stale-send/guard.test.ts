// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guardSendButton } from './guard';

describe('the stale-send guard on the send button (content script)', () => {
  let sent: string[];
  let held: number;
  let passed: number;
  let stale: boolean;
  let guard: ReturnType<typeof guardSendButton>;

  beforeEach(() => {
    document.body.innerHTML = '<div id="box" contenteditable="true"></div><button id="send"><span>Reply</span></button><button id="other">Other</button>';
    sent = [];
    held = 0;
    passed = 0;
    stale = false;
    // The page's own send handler.
    document.getElementById('send')!.addEventListener('click', () => sent.push('page sent'));
    guard = guardSendButton(window, {
      sendButton: () => document.getElementById('send'),
      inReplyBox: (target) => target === document.getElementById('box'),
      isStale: () => stale,
      onHeld: () => held++,
      onSent: () => passed++,
      // happy-dom's dispatched events stand in for the agent's own.
      isTrusted: () => true,
    });
  });
  afterEach(() => guard.stop());

  const press = (selector: string) => document.querySelector<HTMLElement>(selector)!.dispatchEvent(new MouseEvent('click', { bubbles: true }));

  it('lets the send through while the reply is not stale', () => {
    press('#send span');
    expect(sent).toEqual(['page sent']);
    expect(passed).toBe(1);
    expect(held).toBe(0);
  });

  it('holds the send back while the reply is stale, and sends once when the agent says so', () => {
    stale = true;
    press('#send span');
    expect(sent).toEqual([]);
    expect(held).toBe(1);
    expect(guard.sendAnyway()).toBe(true);
    expect(sent).toEqual(['page sent']);
    expect(passed).toBe(1);
    // The next press is guarded again.
    press('#send');
    expect(sent).toEqual(['page sent']);
    expect(held).toBe(2);
  });

  it('holds Ctrl+Enter in the reply box too, and leaves other buttons alone', () => {
    stale = true;
    const key = new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true });
    document.getElementById('box')!.dispatchEvent(key);
    expect(key.defaultPrevented).toBe(true);
    expect(held).toBe(1);
    press('#other');
    expect(held).toBe(1);
  });
});
