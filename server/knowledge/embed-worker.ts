// The encoder's thread (embed-model.ts, workerEncoder): TF.js's CPU backend computes on the thread that calls it,
// ~80 ms of CPU per article, which on the server's own thread would hold every request behind it.

import { parentPort } from 'node:worker_threads';
import { loadServerEncoder } from './embed-model';

const encoder = loadServerEncoder();

parentPort?.on('message', (request: { id: number; texts: string[] }) => {
  encoder
    .then((e) => e.embed(request.texts))
    .then(
      (vectors) => parentPort?.postMessage({ id: request.id, vectors }),
      (err: unknown) => parentPort?.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) }),
    );
});
