// The simulated background for bench:queue's live changes: in the browser the queue's feed runs in the service worker,
// another process, so its work (reading 5,000 fresh rows, diffing them against the kept ones) and its garbage are not
// the page's. Here it runs in a worker thread with a heap of its own; the page's thread gets each answer as a message.
import { parentPort, workerData } from 'node:worker_threads';
import { createQueueFeed } from '../../lib/queue/feed';
import type { QueueCase, QueuePosition } from '../../lib/schema/queue';
import { benchData, snapshotOf } from './data';

const { cases, seed } = workerData as { cases: number; seed: number };
const data = benchData(seed);
let current: QueueCase[] = Array.from({ length: cases }, (_, i) => data.makeCase(i));
const feed = createQueueFeed({ id: 'worker' });

type Ask = { kind: 'snapshot' } | { kind: 'change'; i: number; after: QueuePosition | null } | { kind: 'rows' };

parentPort?.on('message', (ask: Ask) => {
  if (ask.kind === 'snapshot') parentPort?.postMessage(feed.changes(snapshotOf(current), null));
  else if (ask.kind === 'rows') parentPort?.postMessage(current);
  else {
    current = data.change(current, ask.i, cases);
    // The background reads fresh row objects from the cache on every ask.
    parentPort?.postMessage(feed.changes(snapshotOf(structuredClone(current)), ask.after));
  }
});
