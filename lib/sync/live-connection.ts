import type { ApiClient } from '../api/client';
import { syncCursor, type TandemDatabase } from '../db';
import type { PresenceEvent } from '../schema/queue';
import { runLiveChannel } from './live';

export interface LiveConnectionDeps {
  db: TandemDatabase;
  /** The client that opens the stream as the agent; null when signed out (no stream then). */
  signedInApi(): Promise<ApiClient | null>;
  /** Pulls what the server announced (or what the stream missed while down). */
  sync(): void;
  /** A teammate opened, replied to or left a case. */
  onPresence(event: PresenceEvent): void;
  onConnected(): void;
  onDisconnected(): void;
  random: () => number;
}

/** Keeps the live stream open while signed in; each cursor beyond the stored one is a hint to pull. */
export function createLiveConnection(deps: LiveConnectionDeps) {
  let abort: AbortController | null = null;
  let connected = false;

  function stop(): void {
    abort?.abort();
    abort = null;
    connected = false;
  }

  async function start(): Promise<void> {
    stop();
    const api = await deps.signedInApi();
    if (!api) return;
    const controller = new AbortController();
    abort = controller;
    void runLiveChannel({
      signal: controller.signal,
      random: deps.random,
      open: (signal) => api.live(signal),
      onCursor: async (cursor) => {
        if (cursor > (await syncCursor(deps.db))) deps.sync();
      },
      onPresence: deps.onPresence,
      onState: (up) => {
        connected = up;
        if (up) {
          deps.onConnected();
          // Reconnected: catch up on whatever the stream missed while down.
          deps.sync();
        } else deps.onDisconnected();
      },
    });
  }

  return { start, stop, connected: () => connected };
}
