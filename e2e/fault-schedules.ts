// Seeded fault schedules for the browser fault suite (e2e/faults.test.ts): what the agent writes from
// which of Tandem's pages, and which fault strikes when. A schedule is a pure function of (seed, index),
// so a failure is replayed with TANDEM_FAULT_SEED=<seed> and the schedule's index.
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
 * - `one-way`: while the writes are made, the network drops the way back: the pushes they start reach the
 *   server, which commits them, and no answer gets back;
 * - `database-restart`: the database is restarted while the writes are made (PostgreSQL `restart -m fast`;
 *   on PGlite, which runs inside the server process, the server is restarted);
 * - `none`: no fault, the writes race the sync that each of them starts.
 */
export type Fault = 'none' | 'during-writes' | 'push-sent' | 'committed' | 'server-restart' | 'first-sync' | 'one-way' | 'database-restart';

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

/**
 * Faults added after the first runs, drawn from a stream of their own so that every other schedule of a
 * seed stays as it was (a recorded failure still replays): each replaces the first draw this often.
 */
const LATER_FAULTS: ReadonlyArray<[Fault, number]> = [
  ['one-way', 0.07],
  ['database-restart', 0.04],
];

function laterFault(seed: number, index: number): Fault | null {
  let r = prng(Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) + index)();
  for (const [fault, share] of LATER_FAULTS) {
    r -= share;
    if (r < 0) return fault;
  }
  return null;
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
  const fault = pick(random, FAULTS);
  return { seed, index, writes, fault: laterFault(seed, index) ?? fault, stopAt: random() };
}
