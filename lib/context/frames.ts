import type { FrameUpdate } from '../schema/messages';

/** The port name an overlay frame connects with (entrypoints/overlay-frame/). */
export const FRAME_PORT = 'overlay-frame';

/** The part of a runtime.Port the hub uses. */
export interface FramePort {
  postMessage(message: FrameUpdate): void;
  onDisconnect: { addListener(callback: () => void): void };
}

/**
 * The overlay frames connected to the background, by the tab they are shown in: the background sends
 * each tab's frame its state as the page reports, and the capture form when the agent asks for it.
 * The tab is the browser's (`port.sender.tab.id`), so a frame hears only about its own tab.
 */
export function createFrameHub() {
  const frames = new Map<number, Set<FramePort>>();
  const remove = (tabId: number, port: FramePort) => {
    const ports = frames.get(tabId);
    ports?.delete(port);
    if (ports?.size === 0) frames.delete(tabId);
  };
  return {
    add(tabId: number, port: FramePort): void {
      const ports = frames.get(tabId) ?? new Set<FramePort>();
      ports.add(port);
      frames.set(tabId, ports);
      port.onDisconnect.addListener(() => remove(tabId, port));
    },
    has(tabId: number): boolean {
      return (frames.get(tabId)?.size ?? 0) > 0;
    },
    publish(tabId: number, update: FrameUpdate): void {
      for (const port of frames.get(tabId) ?? []) {
        try {
          port.postMessage(update);
        } catch {
          // The frame went away between its disconnect and this message.
          remove(tabId, port);
        }
      }
    },
  };
}
export type FrameHub = ReturnType<typeof createFrameHub>;
