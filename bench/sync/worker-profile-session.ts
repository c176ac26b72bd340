// V8's CPU profiler on the extension's service worker, over the DevTools protocol: Playwright opens CDP sessions on
// pages and frames only, so the bench launches Chromium with --remote-debugging-port=0 and talks to the worker's target
// itself (Node's WebSocket: node --experimental-websocket on Node 20). Used by bench/sync/run.ts when
// BENCH_WORKER_PROFILE names a file; bench/sync/worker-profile.ts reads what it wrote.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** V8's profile as Profiler.stop answers it (the .cpuprofile format DevTools opens). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The flag Chromium needs for the worker's target to be reachable; the port is read back from the profile folder. */
export const REMOTE_DEBUGGING_ARG = '--remote-debugging-port=0';

interface Target {
  type: string;
  url: string;
  webSocketDebuggerUrl?: string;
}

/** Chromium writes the port it chose into DevToolsActivePort in its user-data folder. */
async function debuggingPort(userDataDir: string): Promise<number> {
  const file = join(userDataDir, 'DevToolsActivePort');
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  const port = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no DevTools port in ${file}`);
  return port;
}

/**
 * Attaches to the service worker whose script URL starts with `workerUrl` and starts V8's sampling profiler on it
 * (`intervalUs` between samples); `stop()` answers the profile. The socket is the worker's own target, so nothing else
 * in the browser is profiled or slowed.
 */
export async function profileServiceWorker(userDataDir: string, workerUrl: string, intervalUs = 1000): Promise<{ stop(): Promise<CpuProfile> }> {
  if (typeof WebSocket === 'undefined') throw new Error("BENCH_WORKER_PROFILE needs Node's WebSocket: run with node --experimental-websocket (Node 20)");
  const port = await debuggingPort(userDataDir);
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Target[];
  const target = targets.find((t) => t.type === 'service_worker' && t.url.startsWith(workerUrl) && t.webSocketDebuggerUrl);
  if (!target?.webSocketDebuggerUrl) throw new Error(`no service worker target at ${workerUrl}: ${targets.map((t) => `${t.type} ${t.url}`).join(', ')}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`cannot open ${target.webSocketDebuggerUrl}`)), { once: true });
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();
  socket.addEventListener('message', (event: MessageEvent) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const answer = message.id === undefined ? undefined : waiting.get(message.id);
    if (!answer || message.id === undefined) return;
    waiting.delete(message.id);
    if (message.error) answer.reject(new Error(message.error.message));
    else answer.resolve(message.result);
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (result: unknown) => void, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: intervalUs });
  await send('Profiler.start');
  return {
    async stop() {
      const { profile } = await send<{ profile: CpuProfile }>('Profiler.stop');
      socket.close();
      return profile;
    },
  };
}
