// Serves the fixture pages in e2e/sites/ at the real sites' addresses over HTTPS, with a self-signed
// certificate made at start. Chromium reaches it through --host-resolver-rules (see hostResolverRules)
// plus --ignore-certificate-errors, so adapters and match patterns see real URLs.
import { readFile, stat } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';

const SITES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'sites');

/** Host (or *.wildcard) → fixture folder. */
const HOSTS: ReadonlyArray<readonly [host: string, folder: string]> = [
  ['x.com', 'x'],
  ['twitter.com', 'x'],
  ['www.facebook.com', 'facebook'],
  ['*.lightning.force.com', 'salesforce'],
  ['*.zendesk.com', 'zendesk'],
  ['app.hubspot.com', 'hubspot'],
  ['mail.google.com', 'gmail'],
  ['*.freshdesk.com', 'freshdesk'],
  ['*.crm.dynamics.com', 'dynamics'],
  ['news.example.com', 'unsupported'],
  // An in-house CRM no adapter knows: reached only through a custom site rule.
  ['crm.example.net', 'crm-custom'],
];

/** Named demo URLs, matching the people the server seeds. */
export const FIXTURE_URLS = {
  xHome: 'https://x.com/home',
  tweet: 'https://x.com/jane_doe/status/1861234567890123456',
  facebookPost: 'https://www.facebook.com/NorthwindMobile/posts/pfbid02Xk7a',
  salesforceContact: 'https://tandemdemo.lightning.force.com/lightning/r/Contact/003Hs00001AbCdEIAZ/view',
  salesforceCase: 'https://tandemdemo.lightning.force.com/lightning/r/Case/500Hs00000XyZ12AAB/view',
  zendeskTicket: 'https://tandemdemo.zendesk.com/agent/tickets/4521',
  zendeskUnknown: 'https://tandemdemo.zendesk.com/agent/tickets/4522',
  hubspotContact: 'https://app.hubspot.com/contacts/4242/record/0-1/51234',
  gmailInbox: 'https://mail.google.com/mail/u/0/#inbox',
  gmailThread: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmvPqRvGzz',
  gmailThread2: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsLpRtNwPqKkBb',
  freshdeskTicket: 'https://tandemdemo.freshdesk.com/a/tickets/77',
  dynamicsContact:
    'https://tandemdemo.crm.dynamics.com/main.aspx?appid=5f1c0e2a-0000-4000-8000-000000000001&pagetype=entityrecord&etn=contact&id=7f3c2a10-5b7e-4d2f-9a61-0c8e4b2d9f11',
  // The Zendesk fixture at tenants that are not the demo organisation's (e2e/org-hosts.test.ts): an attacker's, and one an admin adds.
  evilTenantTicket: 'https://evil-tenant.zendesk.com/agent/tickets/4521',
  addedTenantTicket: 'https://northwind.zendesk.com/agent/tickets/4521',
  unsupported: 'https://news.example.com/',
  customCrm: 'https://crm.example.net/customers/1042',
  customCrm2: 'https://crm.example.net/customers/2077',
} as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The fixture folder for a Host header, or null for hosts we do not serve. */
export function folderForHost(hostHeader: string | undefined): string | null {
  const host = (hostHeader ?? '').replace(/:\d+$/, '').toLowerCase();
  for (const [pattern, folder] of HOSTS) {
    if (pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern) return folder;
  }
  return null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The file to serve: an existing file in the folder (or in _shared/), else the folder's index.html. */
async function resolveFile(folder: string, pathname: string): Promise<string> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '/';
  }
  const shared = decoded.startsWith('/_shared/');
  const base = shared ? join(SITES_DIR, '_shared') : join(SITES_DIR, folder);
  const rel = shared ? decoded.slice('/_shared/'.length) : decoded.replace(/^\/+/, '');
  const candidate = normalize(join(base, rel));
  if (rel && candidate.startsWith(base + sep) && (await isFile(candidate))) return candidate;
  return join(SITES_DIR, folder, 'index.html'); // SPA fallback
}

export interface FixtureServer {
  port: number;
  hosts: string[];
  hostResolverRules: string;
  close(): Promise<void>;
}

/** The environment variable naming the file of the run's certificate (e2e/global-setup.ts makes it once). */
export const FIXTURE_CERTIFICATE_ENV = 'TANDEM_E2E_FIXTURE_CERTIFICATE';

export interface FixtureCertificate {
  private: string;
  cert: string;
}

/** A self-signed certificate for every fixture host (a 2048-bit key: ≈0.2 s of CPU, 1 s on a loaded machine). */
export async function makeFixtureCertificate(): Promise<FixtureCertificate> {
  const pems = await generate([{ name: 'commonName', value: 'tandem-fixtures.test' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...HOSTS.map(([host]) => ({ type: 2 as const, value: host })), { type: 7 as const, ip: '127.0.0.1' }],
      },
    ],
  });
  return { private: pems.private, cert: pems.cert };
}

/** The run's certificate when the global setup made one (a script outside Vitest has none: a new one). */
async function fixtureCertificate(): Promise<FixtureCertificate> {
  const file = process.env[FIXTURE_CERTIFICATE_ENV];
  return file ? (JSON.parse(await readFile(file, 'utf8')) as FixtureCertificate) : makeFixtureCertificate();
}

export async function startFixtureServer(opts: { port?: number } = {}): Promise<FixtureServer> {
  const pems = await fixtureCertificate();
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    void (async () => {
      const folder = folderForHost(req.headers.host);
      if (!folder) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`No fixture site for host ${req.headers.host ?? '(none)'}\n`);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const url = new URL(req.url ?? '/', 'https://fixture.invalid');
      const file = await resolveFile(folder, url.pathname);
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Fixture server error: ${String(err)}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hosts = HOSTS.map(([host]) => host);
  return {
    port,
    hosts,
    hostResolverRules: hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', '),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * One fixture folder over plain HTTP on 127.0.0.1, reached as http://localhost:<port>/: a site whose
 * host permission the extension already holds (it talks to a local backend), so tests can walk the
 * custom-site flow without a permission prompt headless Chromium cannot answer.
 */
export async function startPlainFixtureSite(folder: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createHttpServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fixture.invalid');
      const file = await resolveFile(folder, url.pathname);
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// CLI: node --import tsx e2e/fixture-server.ts
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const server = await startFixtureServer({ port: Number(process.env.FIXTURE_PORT ?? 8443) });
  console.log(`Fixture sites on https://127.0.0.1:${server.port} (self-signed certificate)`);
  console.log(`Start Chromium with:\n  --host-resolver-rules="${server.hostResolverRules}" --ignore-certificate-errors\n`);
  for (const [name, url] of Object.entries(FIXTURE_URLS)) console.log(`  ${name.padEnd(18)} ${url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
