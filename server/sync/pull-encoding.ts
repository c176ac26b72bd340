import { gzipSync } from 'node:zlib';

/** Pages smaller than this go as they are: a pull of a few live changes (≈ 1 kB) gains nothing. A first sync's page of 2,000 records is ≈ 1 MB. */
export const GZIP_MIN_BYTES = 16 * 1024;

/** Whether an Accept-Encoding header accepts gzip: listed (or `*`) without `q=0`. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star: boolean | null = null;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name === 'gzip' || name === 'x-gzip') return allowed;
    if (name === '*') star = allowed;
  }
  return star === true;
}

/**
 * Whether the peer is this machine: a client beside the server, where there is no network to save, or a reverse proxy
 * in front of it, which compresses for the real network itself.
 */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * A pull page's body as sent: gzip at level 1 when a client across a network accepts it and the page is large, else
 * the text. Content-Encoding is HTTP's own negotiation: every fetch (browsers, Node's) asks for gzip and inflates it
 * before the client reads the text, so the page format is unchanged and a client that does not ask gets the text.
 * Level 1: the page's JSON repeats its keys in every record, so it shrinks to ≈ 11% (level 6: 9%) for a third of
 * level 6's CPU, ≈ 3 ms a page (bench:sync:pull). In this thread, not zlib's async form, whose hops through libuv's
 * thread pool doubled bench:sync's first sync on the busy machine. A loopback peer gets the text: there gzip made the
 * first sync ≈ 25% slower (docs/sync-protocol.md, "Compression").
 */
export function encodePullPage(
  text: string,
  { acceptEncoding, peer }: { acceptEncoding: string | undefined; peer: string | undefined },
): { body: string | Uint8Array<ArrayBuffer>; headers: Record<string, string> } {
  const headers: Record<string, string> = { 'content-type': 'application/json', vary: 'accept-encoding' };
  if (text.length < GZIP_MIN_BYTES || isLoopback(peer) || !acceptsGzip(acceptEncoding)) return { body: text, headers };
  // A copy of ≈ 100 kB into a plain ArrayBuffer, the kind a Response body takes (a Buffer may sit in a shared pool).
  const body = new Uint8Array(gzipSync(text, { level: 1 }));
  return { body, headers: { ...headers, 'content-encoding': 'gzip' } };
}
