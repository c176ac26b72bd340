// Live fan-out: N open /sync/live streams on one server process, one commit → every stream's `event: cursor`.
// Issue 18's target: 1,000 streams, all notified with p95 ≤ 200 ms. Used by bench/server/run.ts.
import { latencies } from '../stats';
import { type LiveStream, openLiveStream } from './live';

export interface FanoutFigures {
  streams: number;
  samples: number;
  /** Per stream and sample: push answered → that stream read the event (the commit happened before the answer). */
  ackToEvent: ReturnType<typeof latencies>;
  /** Per sample: push answered → the LAST stream read the event. */
  lastStream: ReturnType<typeof latencies>;
  openMs: number;
}

/** Opens `streams` live streams as the listener, then `samples` times pushes one interaction as the writer and times every stream's event. */
export async function measureFanout(opts: {
  base: string;
  listenerToken: string;
  writerToken: string;
  team: string;
  customers: readonly string[];
  streams: number;
  samples: number;
  run: string;
}): Promise<FanoutFigures> {
  const { base, listenerToken, writerToken, team, customers, streams, samples, run } = opts;
  const t0 = performance.now();
  const open: LiveStream[] = [];
  // Opened 50 at a time: the server accepts them as fast as it can, without a thundering herd of handshakes.
  for (let i = 0; i < streams; i += 50)
    open.push(...(await Promise.all(Array.from({ length: Math.min(50, streams - i) }, () => openLiveStream(base, listenerToken)))));
  const openMs = performance.now() - t0;
  const perStream: number[] = [];
  const last: number[] = [];
  try {
    for (let i = -1; i < samples; i++) {
      const body = JSON.stringify({
        mutations: [
          {
            id: `fanout-${run}-${i}`,
            entity: 'interactions',
            op: 'create',
            recordId: `bint-fanout-${run}-${i}`,
            data: {
              teamId: team,
              customerId: customers[(i + 1) % customers.length],
              caseId: null,
              channel: 'chat',
              visibility: 'private',
              direction: 'inbound',
              text: 'Is the outage in Berlin fixed yet?',
              sourceUrl: null,
              authorName: null,
              occurredAt: new Date().toISOString(),
            },
          },
        ],
      });
      const res = await fetch(`${base}/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${writerToken}` },
        body,
      });
      const answered = performance.now();
      const result = ((await res.json()) as { results: { status: string; change?: { seq: number } }[] }).results[0];
      if (result?.status !== 'applied' || !result.change) throw new Error(`fan-out push not applied: ${JSON.stringify(result)}`);
      const seq = result.change.seq;
      const times = await Promise.all(open.map((s) => s.reached(seq, 60_000)));
      // The first round warms the streams' first writes up; it is not counted.
      if (i < 0) continue;
      for (const at of times) perStream.push(Math.max(0, at - answered));
      last.push(Math.max(0, ...times.map((at) => at - answered)));
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    for (const s of open) s.close();
  }
  return { streams, samples, ackToEvent: latencies(perStream), lastStream: latencies(last), openMs };
}
