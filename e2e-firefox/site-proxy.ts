import { createServer, type IncomingMessage } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

export interface SiteProxy {
  port: number;
  /** CONNECT requests seen, by host (what Firefox asked to reach). */
  connects: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Firefox has no --host-resolver-rules: it reaches the fixture sites at their real addresses through this HTTPS proxy
 * (prefs network.proxy.ssl / ssl_port, e2e-firefox/harness.ts). Firefox sends `CONNECT x.com:443`; the tunnel goes to
 * the fixture server, which answers for every fixture host with its self-signed certificate (accepted through BiDi's
 * acceptInsecureCerts). Hosts the fixture server does not serve are refused, so nothing leaves the machine.
 */
export async function startSiteProxy(fixturePort: number, hosts: readonly string[]): Promise<SiteProxy> {
  const served = (host: string) => hosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) : host === h));
  const connects = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => res.writeHead(405).end('CONNECT only\n'));
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const host = (req.url ?? '').replace(/:\d+$/, '').toLowerCase();
    connects.set(host, (connects.get(host) ?? 0) + 1);
    if (!served(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(fixturePort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
