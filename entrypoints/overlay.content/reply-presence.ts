/**
 * Whether the agent is in the page's reply box, for presence ("Alex is replying", which claims the
 * case for colleagues) and the public-reply warning. A focus alone does not count: the page can call
 * `.focus()` on its own editor, and the browser marks the focus events that follows as trusted. The
 * agent is replying once the focus is in the reply box and one of the agent's own gestures put it
 * there or went into it: a trusted pointer press or key press inside the box, or the Tab key that
 * moved the focus in. Synthetic events (`isTrusted` false) are the page's and count for nothing.
 */
export interface ReplyPresenceOptions {
  /** Whether this node is the site's reply box or inside it. */
  inReplyBox(target: EventTarget | null): boolean;
  /** Told when the agent starts or stops replying. */
  onChange(replying: boolean): void;
  /** The browser's verdict on an event; a parameter so tests can stand in for the agent. */
  isTrusted?(event: Event): boolean;
  now?(): number;
}

/** How soon after the agent's gesture a focus still counts as theirs (a press, then the editor's focus). */
export const GESTURE_WINDOW_MS = 1000;

export function watchReplyPresence(
  doc: Document,
  { inReplyBox, onChange, isTrusted = (e) => e.isTrusted, now = () => performance.now() }: ReplyPresenceOptions,
) {
  let focused = false;
  let engaged = false;
  let replying = false;
  // When the agent last pressed inside the box, or pressed Tab anywhere (the focus may follow into the box).
  let lastGestureAt = Number.NEGATIVE_INFINITY;

  const update = () => {
    const next = focused && engaged;
    if (next === replying) return;
    replying = next;
    onChange(next);
  };
  const onGesture = (e: Event) => {
    if (!isTrusted(e)) return;
    const intoBox = inReplyBox(e.target);
    if (intoBox || (e instanceof KeyboardEvent && e.key === 'Tab')) lastGestureAt = now();
    if (intoBox && focused) {
      engaged = true;
      update();
    }
  };
  const onFocusIn = (e: FocusEvent) => {
    focused = inReplyBox(e.target);
    engaged = focused && (engaged || now() - lastGestureAt <= GESTURE_WINDOW_MS);
    update();
  };
  const onFocusOut = (e: FocusEvent) => {
    if (inReplyBox(e.relatedTarget)) return;
    focused = false;
    engaged = false;
    update();
  };

  doc.addEventListener('pointerdown', onGesture, true);
  doc.addEventListener('keydown', onGesture, true);
  doc.addEventListener('focusin', onFocusIn, true);
  doc.addEventListener('focusout', onFocusOut, true);
  return () => {
    doc.removeEventListener('pointerdown', onGesture, true);
    doc.removeEventListener('keydown', onGesture, true);
    doc.removeEventListener('focusin', onFocusIn, true);
    doc.removeEventListener('focusout', onFocusOut, true);
  };
}
