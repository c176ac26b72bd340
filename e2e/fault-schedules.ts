// Seeded fault schedules for the browser fault suite (e2e/faults.test.ts): what the agent writes from
// which of Tandem's pages, and which fault strikes when. A schedule is a pure function of (seed, index),
// so a failure is replayed with TANDEM_FAULT_SEED=<seed> and the schedule's index.
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** The extension pages a schedule writes from, all at once (the content script writes through a fixture page's capture button). */
export const WRITERS = ['popup.html', 'sidepanel.html', 'queue.html'] as const;
export type Writer = (typeof WRITERS)[number] | 'content';

export type Write =
  /** A new case (capture.create), its source's external id naming the schedule and write. */
  | { kind: 'capture'; writer: Writer; externalId: string }
  /** Claim or release the suite's tracked case (queue.assign): successive updates of one record. */
  | { kind: 'assign'; writer: Writer; assigneeId: string | null };

/**
 * Where the real service worker is stopped (ServiceWorker.stopAllWorkers), or the other faults:
 * - `during-writes`: a few ms after the writes are sent, inside their Dexie transactions or just after;
 * - `push-sent`: when the push reached the server, before it answered;
 * - `committed`: the server answered the push, the answer is held back and the worker stopped before it arrives;
 * - `server-restart`: the server process is stopped while the writes are made, and started again;
 * - `first-sync`: the agent signs out and in again, and the worker is stopped during the first sync that follows;
 * - `none`: no fault, the writes race the sync that each of them starts.
 */
export type Fault = 'none' | 'during-writes' | 'push-sent' | 'committed' | 'server-restart' | 'first-sync';

export interface Schedule {
  seed: number;
  index: number;
  writes: Write[];
  fault: Fault;
  /**
   * When a `during-writes` stop strikes, as a fraction of the time a write takes from a page to its
   * answer on this machine (measured by the suite), so it lands inside the background's handling; a
   * `first-sync` stop strikes at ten times that.
   */
  stopAt: number;
}

/** mulberry32: a small seeded generator, the same numbers on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weights of the faults: the expensive server restart is rare. */
const FAULTS: ReadonlyArray<[Fault, number]> = [
  ['none', 2],
  ['during-writes', 5],
  ['push-sent', 3],
  ['committed', 3],
  ['server-restart', 0.4],
  ['first-sync', 0.3],
];

function pick<T>(random: () => number, weighted: ReadonlyArray<[T, number]>): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of weighted) {
    r -= w;
    if (r < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/** The schedule `index` of a run seeded with `seed`; every 10th one also captures from a content script. */
export function schedule(seed: number, index: number, agentId: string): Schedule {
  const random = prng(seed * 1_000_003 + index);
  const count = 2 + Math.floor(random() * 4);
  const writes: Write[] = [];
  for (let j = 0; j < count; j++) {
    const writer = WRITERS[Math.floor(random() * WRITERS.length)]!;
    if (random() < 0.6) writes.push({ kind: 'capture', writer, externalId: `fault-${seed}-${index}-${j}` });
    else writes.push({ kind: 'assign', writer, assigneeId: random() < 0.5 ? agentId : null });
  }
  if (index % 10 === 9) writes.push({ kind: 'capture', writer: 'content', externalId: '' });
  return { seed, index, writes, fault: pick(random, FAULTS), stopAt: random() };
}

/**
 * A proxy between the extension's network and the server that can act on the next push: run a hook
 * as it is forwarded, or hold the server's answer back while a hook runs.
 * The server behind it may be stopped and started again on the same port.
 */
export async function startPushHook(target: string) {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let onPush: { when: 'sent' | 'answered'; run: () => Promise<void> } | null = null;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const isPush = req.method === 'POST' && (req.url ?? '').startsWith('/sync/push');
    const hook = isPush ? onPush : null;
    if (hook) onPush = null;
    const forward = () => {
      const out = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          const reply = () => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          };
          if (hook?.when === 'answered') void hook.run().finally(reply);
          else reply();
        },
      );
      out.on('error', () => res.destroy());
      req.pipe(out);
    };
    // `sent`: the fault strikes while the server works on the push.
    if (hook?.when === 'sent') void hook.run();
    forward();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Runs `run` at the next push: when it arrives (`sent`) or once the server has answered it (`answered`). */
    nextPush(when: 'sent' | 'answered', run: () => Promise<void>): void {
      onPush = { when, run };
    },
    /** Forgets a hook no push met. */
    clear(): void {
      onPush = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
