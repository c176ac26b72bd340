import { describe, expect, it } from 'vitest';
import { readLiveEvents, runLiveChannel } from './live';

function stream(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
}

describe('readLiveEvents', () => {
  it('yields cursor events split across chunks and skips heartbeats, other events and garbage', async () => {
    const body = stream([
      ': ping\n\n',
      'event: cursor\ndata: {"cur',
      'sor": 12}\n\n',
      'event: hello\ndata: {}\n\n',
      'event: cursor\ndata: nope\n\n',
      'event: cursor\r\ndata: {"cursor": 15}\r\n\r\n',
    ]);
    const seen: number[] = [];
    for await (const event of readLiveEvents(body)) if (event.type === 'cursor') seen.push(event.cursor);
    expect(seen).toEqual([12, 15]);
  });
});

describe('runLiveChannel', () => {
  it('reconnects after the stream ends and stops when aborted', async () => {
    const controller = new AbortController();
    const cursors: number[] = [];
    let opens = 0;
    await runLiveChannel({
      signal: controller.signal,
      random: () => 0,
      open: async () => {
        opens++;
        if (opens === 3) controller.abort();
        return new Response(stream([`event: cursor\ndata: {"cursor": ${opens}}\n\n`]), { status: 200 });
      },
      onCursor: (c) => cursors.push(c),
    });
    expect(opens).toBe(3);
    expect(cursors.slice(0, 2)).toEqual([1, 2]);
  });
});
