// The frame's line to the background, opened by the frame's first, small script (entrypoints/overlay-frame-line.ts)
// before the card's script has arrived: the port and the first `overlay.state` question travel while Preact, the
// components and the CSS are fetched, evaluated and the card rendered. Updates that arrive before start.tsx listens
// wait here, in order.
import type { FrameUpdate, OverlayState } from '../../lib/schema/messages';
import { connectToBackground, sendFromFrame } from './channel';

export type LineEvent = FrameUpdate | { kind: 'failed'; error: unknown };

/**
 * Connects at once and asks for the tab's state on every (re)connection. A state pushed since asking is newer than
 * the reply, so such a reply is dropped. Events are held until `listen`.
 */
export function openFrameLine(
  connect: typeof connectToBackground = connectToBackground,
  ask: () => Promise<OverlayState> = () => sendFromFrame('overlay.state', {}),
) {
  let pushes = 0;
  let listener: ((event: LineEvent) => void) | null = null;
  const held: LineEvent[] = [];
  const emit = (event: LineEvent) => (listener ? listener(event) : held.push(event));
  connect(
    (update) => {
      if (update.kind === 'state') pushes++;
      emit(update);
    },
    () => {
      const asked = pushes;
      ask().then(
        (state) => asked === pushes && emit({ kind: 'state', state }),
        (error: unknown) => emit({ kind: 'failed', error }),
      );
    },
  );
  return {
    /** Delivers the held events, then each new one as it comes. */
    listen(onEvent: (event: LineEvent) => void): void {
      listener = onEvent;
      for (const event of held.splice(0)) onEvent(event);
    },
    /** How many states the background has pushed: a later answer to a question asked before the last push is older. */
    get pushes(): number {
      return pushes;
    },
  };
}

export type FrameLine = ReturnType<typeof openFrameLine>;

/**
 * Where the first script leaves the line for the card's script: the frame's own window (an extension page), not the
 * site's. Not `overlayFrameLine`: WXT assigns each unlisted script's result to a global of its entrypoint's name.
 */
const frameWindow = globalThis as { earlyFrameLine?: FrameLine };

/** Opens the frame's one line, once (overlay-frame-line.js). */
export function openEarlyLine(): FrameLine {
  if (!frameWindow.earlyFrameLine) {
    performance.mark('frame-line');
    frameWindow.earlyFrameLine = openFrameLine();
  }
  return frameWindow.earlyFrameLine;
}

/** The line the first script opened (start.tsx listens on it); opened now if that script did not run. */
export const takeFrameLine = openEarlyLine;
