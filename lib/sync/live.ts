import { LiveEvent } from '../schema/api';
import { PresenceEvent } from '../schema/queue';
import { backoffDelay } from './retry';

/** One event of the live stream: a new cursor (a hint to pull) or a teammate's presence on a case. */
export type LiveStreamEvent = { type: 'cursor'; cursor: number } | { type: 'presence'; presence: PresenceEvent };

/** Splits a Server-Sent Events byte stream into the events Tandem knows; malformed or unknown ones are skipped. */
export async function* readLiveEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<LiveStreamEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith(':')) continue; // heartbeat
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (event !== 'cursor' && event !== 'presence') continue;
      try {
        const json: unknown = JSON.parse(data.join('\n'));
        if (event === 'cursor') {
          const parsed = LiveEvent.safeParse(json);
          if (parsed.success) yield { type: 'cursor', cursor: parsed.data.cursor };
        } else {
          const parsed = PresenceEvent.safeParse(json);
          if (parsed.success) yield { type: 'presence', presence: parsed.data };
        }
      } catch {
        // A malformed event is ignored: the live channel is only a hint to pull.
      }
    }
  }
}

export interface LiveChannelOptions {
  open(signal: AbortSignal): Promise<Response>;
  onCursor(cursor: number): void;
  /** A teammate opened, replied to or left a case (the queue's collision guard). */
  onPresence?(event: PresenceEvent): void;
  /** Told when the stream is up (true) or lost (false). */
  onState?(connected: boolean): void;
  signal: AbortSignal;
  random?: () => number;
}

/** Keeps a live stream open while `signal` lives, reconnecting with backoff; resolves when aborted. */
export async function runLiveChannel({ open, onCursor, onPresence, onState, signal, random = Math.random }: LiveChannelOptions): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      const response = await open(signal);
      if (!response.ok || !response.body) throw new Error(`live stream answered ${response.status}`);
      if (response.status === 401) return;
      failures = 0;
      onState?.(true);
      for await (const event of readLiveEvents(response.body)) {
        if (event.type === 'cursor') onCursor(event.cursor);
        else onPresence?.(event.presence);
      }
    } catch {
      // fall through to the reconnect delay
    }
    onState?.(false);
    if (signal.aborted) return;
    failures++;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, backoffDelay(failures, random, 1000, 60_000));
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }
}
