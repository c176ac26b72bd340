import { PullResponse, type Change } from '../lib/schema';
import { DEMO_AGENT } from './harness';

/**
 * What the server holds for an account, read past the extension: sign in and page through the
 * pull feed, keeping the latest version of each record. Tests check the truth against this.
 */
export async function serverRecords(serverUrl: string, account: { email: string; password: string } = DEMO_AGENT): Promise<Change[]> {
  const signIn = await fetch(`${serverUrl}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) });
  const { token } = (await signIn.json()) as { token: string };
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
