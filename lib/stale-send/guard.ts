// The stale-send guard's page side, in the content script (zod-free). It knows only whether the tab's
// reply is stale — the background says so — never what is newer: that is shown in the overlay frame.

export interface SendGuardOptions {
  /** The site's send button (the adapter's `sendButton`), looked up at each press: SPAs re-render it. */
  sendButton(): HTMLElement | null;
  /** Whether this node is the site's reply box or inside it (Ctrl/⌘+Enter sends from there). */
  inReplyBox(target: EventTarget | null): boolean;
  /** The background's last word: the conversation moved on since the agent started the reply. */
  isStale(): boolean;
  /** A send was held back: the frame shows what is newer, with "Send anyway" and "Go back". */
  onHeld(): void;
  /** The agent's send went through. */
  onSent(): void;
  /** The browser's verdict on an event; a parameter so tests can stand in for the agent. */
  isTrusted?(event: Event): boolean;
}

const sendsFromBox = (e: KeyboardEvent) => e.key === 'Enter' && (e.ctrlKey || e.metaKey);

/**
 * Listens in the capture phase on the window, before the page's own handlers on the button, for the
 * agent's press of the send button (a click, or Ctrl/⌘+Enter in the reply box). While the reply is stale
 * the press is stopped. The page's own synthetic clicks are the page's business and pass.
 */
export function guardSendButton(win: Window, { sendButton, inReplyBox, isStale, onHeld, onSent, isTrusted = (e) => e.isTrusted }: SendGuardOptions) {
  // Set only while "Send anyway" presses the button itself.
  let unguarded = false;
  const hold = (e: Event) => {
    e.preventDefault();
    e.stopImmediatePropagation();
    onHeld();
  };
  const onClick = (e: MouseEvent) => {
    const button = sendButton();
    if (!button || !(e.target instanceof Node) || !button.contains(e.target)) return;
    if (unguarded || !isTrusted(e)) {
      if (unguarded) onSent();
      return;
    }
    if (isStale()) hold(e);
    else onSent();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!sendsFromBox(e) || !isTrusted(e) || !inReplyBox(e.target) || !sendButton()) return;
    if (isStale()) hold(e);
    else onSent();
  };
  win.addEventListener('click', onClick, true);
  win.addEventListener('keydown', onKeyDown, true);
  return {
    /** "Send anyway": presses the site's send button once, past the guard. False when the page shows none now. */
    sendAnyway(): boolean {
      const button = sendButton();
      if (!button) return false;
      unguarded = true;
      try {
        button.click();
      } finally {
        unguarded = false;
      }
      return true;
    },
    stop(): void {
      win.removeEventListener('click', onClick, true);
      win.removeEventListener('keydown', onKeyDown, true);
    },
  };
}
