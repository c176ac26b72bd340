// The benches' /sync/live client: opens one stream and times when each cursor event is read. Shared by bench/server/run.ts
// (one stream, live latency) and bench/server/fanout.ts (1,000 streams).

export interface LiveStream {
  /** performance.now() at which the first cursor event with cursor ≥ seq was read; rejects after timeoutMs. */
  reached(seq: number, timeoutMs?: number): Promise<number>;
  /** Cursor events read so far. */
  events(): number;
  close(): void;
}

/** Opens /sync/live as the token's user; resolves once the server says `: connected`. */
export async function openLiveStream(base: string, token: string): Promise<LiveStream> {
  const abort = new AbortController();
  const res = await fetch(`${base}/sync/live`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`/sync/live answered ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const log: { at: number; cursor: number }[] = [];
  let waiters: { seq: number; resolve: (at: number) => void }[] = [];
  let connected: () => void = () => {};
  const isConnected = new Promise<void>((r) => (connected = r));
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const at = performance.now();
        buffer += decoder.decode(value, { stream: true });
        // Server-sent events are blocks separated by a blank line.
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          if (lines.includes(': connected')) connected();
          if (!lines.includes('event: cursor')) continue;
          const data = lines.find((l) => l.startsWith('data:'))?.slice(5);
          const cursor = Number((JSON.parse(data ?? '{}') as { cursor?: number }).cursor);
          log.push({ at, cursor });
          waiters = waiters.filter((w) => (w.seq <= cursor ? (w.resolve(at), false) : true));
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  await isConnected;
  return {
    reached(seq, timeoutMs = 10_000) {
      const hit = log.find((e) => e.cursor >= seq);
      if (hit) return Promise.resolve(hit.at);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no cursor event reached seq ${seq} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ seq, resolve: (at) => (clearTimeout(timer), resolve(at)) });
      });
    },
    events: () => log.length,
    close: () => abort.abort(),
  };
}
