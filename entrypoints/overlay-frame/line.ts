// The frame's line to the background, opened by the frame's first, small script (entrypoints/overlay-frame-line.ts)
// before the card's script has arrived: the background sends the tab's state on the port as soon as it connects
// (lib/context/handlers.ts, `frameConnected`), while Preact, the components and the CSS are fetched and evaluated.
// Updates that arrive before start.tsx listens wait here, in order.
import type { FrameUpdate } from '../../lib/schema/messages';
import { connectToBackground } from './channel';

/**
 * Connects at once; the background answers every (re)connection with the tab's state, then each new one. Events are
 * held until `listen`.
 */
export function openFrameLine(connect: typeof connectToBackground = connectToBackground) {
  let pushes = 0;
  let listener: ((event: FrameUpdate) => void) | null = null;
  const held: FrameUpdate[] = [];
  connect((update) => {
    if (update.kind === 'state') pushes++;
    if (listener) listener(update);
    else held.push(update);
  });
  return {
    /** Delivers the held events, then each new one as it comes. */
    listen(onEvent: (event: FrameUpdate) => void): void {
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
