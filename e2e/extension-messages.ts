import type { Page } from 'playwright-core';

/** A message to the background from one of Tandem's pages, as the page's own code sends it; null when no answer came. */
export async function sendFrom(page: Page, name: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } } | null> {
  return page
    .evaluate(
      ({ name, payload }) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ name, payload }),
      { name, payload },
    )
    .then((reply) => (reply as { ok: boolean; value?: unknown; error?: { code: string } } | undefined) ?? null)
    .catch(() => null);
}

/** What `status.get` says about syncing, the part sign-in waits on. */
export type SyncStatus = { lastSyncAt: string | null; syncing: boolean };

/**
 * Sign-in answers at once and the first sync runs on: tests start from a synced cache. Asks the background every
 * 100 ms (the state the options page shows as "synced") until a sync has ended, for up to 60 s. `ask` is the
 * driver's own `status.get` (Playwright in Chromium, Puppeteer in Firefox).
 */
export async function untilFirstSyncEnds(ask: () => Promise<SyncStatus | undefined>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await ask();
    if (status?.lastSyncAt && !status.syncing) return;
    if (Date.now() > deadline) throw new Error(`The first sync did not end: ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `capture.create`'s request for a public post with no identities (a new contact each time), told apart by `externalId`. */
export function captureRequest(externalId: string) {
  return {
    capture: {
      site: 'x',
      channel: 'twitter',
      visibility: 'public',
      identities: [],
      authorName: null,
      text: `Fault schedule write ${externalId}`,
      url: null,
      externalId,
      postedAt: null,
      pageTitle: null,
      subject: `Fault ${externalId}`,
      priority: 'normal',
      tags: [],
    },
  };
}
