import { type Change, PullResponse } from '../lib/schema';
import { DEMO_AGENT } from './harness';

/** A bearer token for an account, straight from the server (as another client would sign in). */
export async function serverToken(serverUrl: string, account: { email: string; password: string } = DEMO_AGENT): Promise<string> {
  const signIn = await fetch(`${serverUrl}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) });
  return ((await signIn.json()) as { token: string }).token;
}

/**
 * What the server holds for an account, read past the extension: sign in and page through the
 * pull feed, keeping the latest version of each record. Tests check the truth against this.
 */
export async function serverRecords(serverUrl: string, account: { email: string; password: string } = DEMO_AGENT): Promise<Change[]> {
  const token = await serverToken(serverUrl, account);
  const latest = new Map<string, Change>();
  let cursor = 0;
  for (;;) {
    const res = await fetch(`${serverUrl}/sync/pull?cursor=${cursor}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    const page = PullResponse.parse(await res.json());
    for (const change of page.changes) latest.set(`${change.entity}:${change.record.id}`, change);
    cursor = page.cursor;
    if (!page.hasMore) return [...latest.values()].filter((c) => !c.record.deleted);
  }
}
