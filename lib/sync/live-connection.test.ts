import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { setMeta } from '../db';
import { useTestDatabase } from '../db/test-fixtures';
import { fakeApi } from '../session/test-fixtures';
import { createLiveConnection } from './live-connection';

const db = useTestDatabase();

/** A stream that sends these events and stays open until the request is aborted. */
function openStream(events: string[], signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const event of events) controller.enqueue(encoder.encode(event));
      signal.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    },
  });
  return new Response(body, { status: 200 });
}

function setup(events: string[], signedIn = true) {
  const live = vi.fn(async (signal: AbortSignal) => openStream(events, signal));
  const deps = { sync: vi.fn(), onPresence: vi.fn(), onConnected: vi.fn(), onDisconnected: vi.fn() };
  const connection = createLiveConnection({ db: db(), signedInApi: async () => (signedIn ? fakeApi({ live }) : null), random: () => 0, ...deps });
  return { connection, live, ...deps };
}

describe('the live connection', () => {
  it('pulls when the server announces a cursor beyond the stored one, and catches up on connecting', async () => {
    await setMeta(db(), 'sync.cursor', 5);
    const { connection, sync, onConnected } = setup(['event: cursor\ndata: {"cursor": 5}\n\n', 'event: cursor\ndata: {"cursor": 9}\n\n']);
    await connection.start();
    await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(2));
    expect(connection.connected()).toBe(true);
    expect(onConnected).toHaveBeenCalledOnce();
    connection.stop();
    expect(connection.connected()).toBe(false);
  });

  it('passes teammates’ presence on', async () => {
    const presence = { caseId: 'k-1', teamId: 'team-care', userId: 'u-bob', userName: 'Bob', state: 'viewing', expiresAt: '2026-11-20T09:01:00.000Z' };
    const { connection, onPresence } = setup([`event: presence\ndata: ${JSON.stringify(presence)}\n\n`]);
    await connection.start();
    await vi.waitFor(() => expect(onPresence).toHaveBeenCalledWith(expect.objectContaining({ caseId: 'k-1', userId: 'u-bob' })));
    connection.stop();
  });

  it('opens nothing while signed out', async () => {
    const { connection, live } = setup([], false);
    await connection.start();
    expect(live).not.toHaveBeenCalled();
    expect(connection.connected()).toBe(false);
  });

  it('opens one stream at a time: starting again closes the previous one', async () => {
    const { connection, live } = setup([]);
    await connection.start();
    await connection.start();
    await vi.waitFor(() => expect(live).toHaveBeenCalledTimes(2));
    expect((live.mock.calls[0]![0] as AbortSignal).aborted).toBe(true);
    expect((live.mock.calls[1]![0] as AbortSignal).aborted).toBe(false);
    connection.stop();
  });
});
