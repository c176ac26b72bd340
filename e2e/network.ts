import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A switchable network between the extension and the server: an HTTP proxy that forwards
 * everything (streams included) until told to go offline, when it cuts open connections and
 * refuses new ones as a dropped network would. It also counts requests by path.
 */
export async function startNetwork(
  target: string,
): Promise<{ url: string; setOffline(offline: boolean): void; requests: Map<string, number>; close(): Promise<void> }> {
  const upstream = new URL(target);
  let offline = false;
  const sockets = new Set<Socket>();
  const requests = new Map<string, number>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (offline) {
      req.socket.destroy();
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.set(path, (requests.get(path) ?? 0) + 1);
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
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
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
