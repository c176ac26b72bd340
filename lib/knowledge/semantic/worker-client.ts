import { WorkerReply, type WorkerRequest } from './protocol';
import { decodeVector } from './vector';

/** The part of a Worker this client uses (a real one in the browser, a stand-in in tests). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

/**
 * The encoder worker seen as a function: each text gets an id, each answer is parsed and matched by it. A worker
 * that fails (the model could not load, say) fails every waiting request, and the next request starts a fresh one.
 */
export function createWorkerEncoder(start: () => WorkerLike) {
  let worker: WorkerLike | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve(v: Int8Array): void; reject(e: Error): void }>();
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  const running = (): WorkerLike => {
    if (worker) return worker;
    const started = start();
    started.addEventListener('message', ({ data }) => {
      const parsed = WorkerReply.safeParse(data);
      if (!parsed.success) return;
      const w = waiting.get(parsed.data.id);
      waiting.delete(parsed.data.id);
      const { reply } = parsed.data;
      if (reply.ok) w?.resolve(decodeVector(reply.vector));
      else w?.reject(new Error(reply.message));
    });
    started.addEventListener('error', (event) => {
      if (worker === started) worker = null;
      started.terminate();
      failAll(new Error(event.message || 'the encoder worker failed'));
    });
    worker = started;
    return started;
  };
  return {
    embed(text: string): Promise<Int8Array> {
      return new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        running().postMessage({ id, text });
      });
    },
    /** Ends the worker (the model's memory with it); a later request starts it again. */
    close(): void {
      worker?.terminate();
      worker = null;
      failAll(new Error('the encoder was closed'));
    },
  };
}
export type WorkerEncoder = ReturnType<typeof createWorkerEncoder>;
