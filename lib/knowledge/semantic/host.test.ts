import { describe, expect, it, vi } from 'vitest';
import { createEncoderHost, fromBackground, type OffscreenApi } from './host';
import type { WorkerRequest } from './protocol';
import { EMBEDDING_DIMENSIONS, encodeVector } from './vector';
import type { WorkerLike } from './worker-client';

const vector = Int8Array.from({ length: EMBEDDING_DIMENSIONS }, (_, i) => (i % 7) - 3);

function offscreenApi(createError?: Error): OffscreenApi & { createDocument: ReturnType<typeof vi.fn>; closeDocument: ReturnType<typeof vi.fn> } {
  return {
    createDocument: vi.fn(async () => {
      if (createError) throw createError;
    }),
    closeDocument: vi.fn(async () => undefined),
  };
}

describe('the encoder in an offscreen document (Chrome)', () => {
  it('opens the document once, for workers, and reads the vector from a parsed answer', async () => {
    const offscreen = offscreenApi();
    const sendMessage = vi.fn(async () => ({ ok: true, vector: encodeVector(vector) }));
    const host = createEncoderHost({ offscreen, sendMessage });
    expect([...((await host?.embed('cross out words')) ?? [])]).toEqual([...vector]);
    await host?.embed('again');
    expect(offscreen.createDocument).toHaveBeenCalledTimes(1);
    expect(offscreen.createDocument.mock.calls[0]?.[0]).toMatchObject({ url: 'offscreen.html', reasons: ['WORKERS'] });
    expect(sendMessage).toHaveBeenCalledWith({ to: 'tandem-encoder', text: 'cross out words' });
  });

  it('refuses an answer that is not a vector, and reports the encoder’s own failure', async () => {
    const malformed = createEncoderHost({ offscreen: offscreenApi(), sendMessage: async () => ({ ok: true, vector: 'AAAA' }) });
    await expect(malformed?.embed('x')).rejects.toThrow();
    const failing = createEncoderHost({ offscreen: offscreenApi(), sendMessage: async () => ({ ok: false, message: 'model not found' }) });
    await expect(failing?.embed('x')).rejects.toThrow('model not found');
  });

  it('uses the document a restarted service worker left open, and closes it when asked', async () => {
    const offscreen = offscreenApi(new Error('Only a single offscreen document may be created.'));
    const host = createEncoderHost({ offscreen, sendMessage: async () => ({ ok: true, vector: encodeVector(vector) }) });
    await expect(host?.embed('x')).resolves.toHaveLength(EMBEDDING_DIMENSIONS);
    await host?.close();
    expect(offscreen.closeDocument).toHaveBeenCalledTimes(1);
  });
});

/** A worker stand-in that answers each request as `answer` says. */
function fakeWorker(answer: (request: WorkerRequest) => unknown) {
  const listeners: { message: Array<(e: { data: unknown }) => void>; error: Array<(e: { message?: string }) => void> } = { message: [], error: [] };
  const worker: WorkerLike & { terminated: boolean; fail(message: string): void } = {
    terminated: false,
    postMessage(request) {
      queueMicrotask(() => {
        for (const l of listeners.message) l({ data: answer(request) });
      });
    },
    addEventListener(type: 'message' | 'error', listener: never) {
      (listeners[type] as unknown[]).push(listener);
    },
    terminate() {
      worker.terminated = true;
    },
    fail(message) {
      for (const l of listeners.error) l({ message });
    },
  };
  return worker;
}

describe('the encoder on a worker (Firefox’s background page, and inside the offscreen document)', () => {
  it('answers each request by its id, on one worker', async () => {
    const started: ReturnType<typeof fakeWorker>[] = [];
    const host = createEncoderHost({
      sendMessage: async () => undefined,
      startWorker: () => {
        const w = fakeWorker((r) => ({ id: r.id, reply: { ok: true, vector: encodeVector(vector) } }));
        started.push(w);
        return w;
      },
    });
    const [a, b] = await Promise.all([host?.embed('one'), host?.embed('two')]);
    expect(a?.length).toBe(EMBEDDING_DIMENSIONS);
    expect(b?.length).toBe(EMBEDDING_DIMENSIONS);
    expect(started).toHaveLength(1);
  });

  it('fails waiting requests when the worker fails, and starts a fresh one for the next; close ends it', async () => {
    const started: ReturnType<typeof fakeWorker>[] = [];
    const host = createEncoderHost({
      sendMessage: async () => undefined,
      startWorker: () => {
        const w = fakeWorker((r) => (started.length === 1 ? null : { id: r.id, reply: { ok: true, vector: encodeVector(vector) } }));
        started.push(w);
        return w;
      },
    });
    const waiting = host?.embed('one');
    started[0]?.fail('out of memory');
    await expect(waiting).rejects.toThrow('out of memory');
    expect(started[0]?.terminated).toBe(true);
    await expect(host?.embed('two')).resolves.toHaveLength(EMBEDDING_DIMENSIONS);
    await host?.close();
    expect(started[1]?.terminated).toBe(true);
  });

  it('is absent where the browser can host neither', () => {
    expect(createEncoderHost({ sendMessage: async () => undefined })).toBeNull();
  });
});

describe('who may ask the offscreen document', () => {
  const id = 'abcdefghijklmnop';
  const origin = `chrome-extension://${id}/`;
  it('the background’s service worker only', () => {
    expect(fromBackground({ id, url: `${origin}background.js` }, id, origin)).toBe(true);
    expect(fromBackground({ id, url: `${origin}options.html` }, id, origin)).toBe(false);
    expect(fromBackground({ id, url: `${origin}background.js`, tab: { id: 3 } }, id, origin)).toBe(false);
    expect(fromBackground({ id: 'another-extension', url: `${origin}background.js` }, id, origin)).toBe(false);
    expect(fromBackground({ id, url: 'https://x.com/' }, id, origin)).toBe(false);
  });
});
