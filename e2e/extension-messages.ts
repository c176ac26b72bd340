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
