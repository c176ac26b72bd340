import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A fault that strikes the next push (`POST /sync/push`): `run` when it arrives (`sent`) or once the server has answered it, holding the answer back meanwhile (`answered`). */
interface PushHook {
  when: 'sent' | 'answered';
  run: () => Promise<void>;
}

/** A push as it went through: the mutations sent, and the server's answer as the extension got it (null: none got back). */
export interface PushRecord {
  at: string;
  mutations: Array<{ id: string; entity: string; op: string; recordId: string; refs?: Record<string, unknown> }>;
  answer: { status: number; results?: Array<{ mutationId: string; status: string; code?: string }> } | null;
}

/** The pushes a network keeps for a failure's report: enough to follow a few records over the last minutes. */
const PUSHES_KEPT = 2000;

export interface Network {
  /** The address the extension uses. */
  url: string;
  /** Requests forwarded, by path. */
  requests: Map<string, number>;
  /** Offline: open connections are cut and new ones refused, as a dropped network would. */
  setOffline(offline: boolean): void;
  /**
   * One way: requests still reach the server (which acts on them) but its answers are dropped: the
   * connection is cut once the server has answered, as a network losing the way back would.
   */
  setOneWay(oneWay: boolean): void;
  /**
   * A stalled server: requests to these paths are accepted and read, never forwarded and never answered; their
   * connections stay open until the client gives up (its timeout, its cancellation) or the network closes. An empty
   * list ends the stall for new requests; the ones already held stay unanswered.
   */
  stall(paths: readonly string[]): void;
  /** Requests held unanswered by `stall` whose client has not given up yet. */
  stalledOpen(): number;
  /** Points at another address: a server started again elsewhere (its old port may be taken by then). */
  retarget(target: string): void;
  /** Runs `run` at the next push: when it arrives (`sent`) or once the server has answered it (`answered`). */
  nextPush(when: PushHook['when'], run: () => Promise<void>): void;
  /** Forgets a push hook no push met. */
  clearPushHook(): void;
  /** The last pushes, oldest first, that named any of these record ids (a failure's report). */
  pushesOf(recordIds: readonly string[]): PushRecord[];
  close(): Promise<void>;
}

/**
 * A switchable network between the extension and the server: an HTTP proxy that forwards
 * everything (streams included) until told to go offline or one way, and can act on the next
 * push (the browser fault suite's faults, e2e/faults.test.ts). It also counts requests by path.
 */
export async function startNetwork(target: string): Promise<Network> {
  let upstream = new URL(target);
  let offline = false;
  let oneWay = false;
  let stalledPaths = new Set<string>();
  const stalled = new Set<ServerResponse>();
  let onPush: PushHook | null = null;
  const sockets = new Set<Socket>();
  const requests = new Map<string, number>();
  const pushes: PushRecord[] = [];

  /** Keeps a push's mutations (ids and references only) and, once it is known, the answer that got back. */
  function recordPush(body: string): PushRecord {
    const record: PushRecord = { at: new Date().toISOString(), mutations: [], answer: null };
    try {
      const parsed = JSON.parse(body) as { mutations?: Array<{ id: string; entity: string; op: string; recordId: string; data?: Record<string, unknown> }> };
      record.mutations = (parsed.mutations ?? []).map(({ id, entity, op, recordId, data }) => ({
        id,
        entity,
        op,
        recordId,
        ...(data ? { refs: { customerId: data.customerId, caseId: data.caseId } } : {}),
      }));
    } catch {
      // Not JSON: kept without mutations.
    }
    pushes.push(record);
    if (pushes.length > PUSHES_KEPT) pushes.shift();
    return record;
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (offline) {
      req.socket.destroy();
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.set(path, (requests.get(path) ?? 0) + 1);
    if (stalledPaths.has(path)) {
      req.resume();
      stalled.add(res);
      res.on('close', () => stalled.delete(res));
      return;
    }
    const isPush = req.method === 'POST' && path === '/sync/push';
    const hook = isPush ? onPush : null;
    if (hook) onPush = null;
    const sent: Buffer[] = [];
    let pushed: PushRecord | null = null;
    if (isPush) {
      req.on('data', (chunk: Buffer) => sent.push(chunk));
      req.on('end', () => (pushed = recordPush(Buffer.concat(sent).toString('utf8'))));
    }
    const to = upstream;
    const forward = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } }, (answer) => {
      const reply = () => {
        if (oneWay) {
          // The server has acted on the request; its answer never gets back.
          answer.resume();
          res.destroy();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (isPush) {
          const got: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => got.push(chunk));
          res.on('finish', () => {
            if (!pushed) return;
            try {
              const body = JSON.parse(Buffer.concat(got).toString('utf8')) as { results?: NonNullable<PushRecord['answer']>['results'] };
              pushed.answer = { status: answer.statusCode ?? 0, results: body.results?.map(({ mutationId, status, code }) => ({ mutationId, status, code })) };
            } catch {
              pushed.answer = { status: answer.statusCode ?? 0 };
            }
          });
        }
        answer.pipe(res);
      };
      if (hook?.when === 'answered') void hook.run().finally(reply);
      else reply();
    });
    forward.on('error', () => res.destroy());
    // `sent`: the fault strikes while the server works on the push.
    if (hook?.when === 'sent') void hook.run();
    req.pipe(forward);
  });
  server.on('connection', (socket) => {
    if (offline) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setOffline(value) {
      offline = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
    setOneWay(value) {
      oneWay = value;
    },
    stall(paths) {
      stalledPaths = new Set(paths);
    },
    stalledOpen: () => stalled.size,
    retarget(next) {
      upstream = new URL(next);
    },
    nextPush(when, run) {
      onPush = { when, run };
    },
    clearPushHook() {
      onPush = null;
    },
    pushesOf(recordIds) {
      const ids = new Set(recordIds);
      return pushes.filter((p) => p.mutations.some((m) => ids.has(m.recordId) || ids.has(String(m.refs?.caseId)) || ids.has(String(m.refs?.customerId))));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
