// Private mode in the content script (docs/privacy.md "Private mode"): before reading anything the script
// asks the background whether its tab is private; if so it reads nothing and waits to be told otherwise.
// Turned on while the page is open, everything the script set up is undone (watchers, capture buttons'
// observer, the overlay frame) and nothing more is reported. The background refuses this tab's reports
// anyway: this side only spares the work and takes the overlay away.
import { browser } from 'wxt/browser';
import { sendFromContent } from '../../lib/messaging/content';

/** What the overlay's setup needs of its context: somewhere to register what undoes it. */
export interface Scope {
  onInvalidated(cleanup: () => void): void;
}

/** Calls `then` once the background says this tab's private mode is now `to`. */
function onceTold(page: Scope, to: boolean, then: () => void): void {
  const listener = (raw: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (value: unknown) => void) => {
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return false;
    const message = raw as { name?: unknown; payload?: { private?: unknown } } | null;
    if (message?.name !== 'privateMode.changed') return false;
    sendResponse({ ok: true });
    if (message.payload?.private === to) {
      browser.runtime.onMessage.removeListener(listener);
      then();
    }
    return false;
  };
  browser.runtime.onMessage.addListener(listener);
  page.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}

/**
 * A scope for the overlay's setup while the tab is not private, or null when it is (then `restart` runs
 * when private mode goes off). The scope ends, undoing what was registered on it, when private mode goes
 * on, and `restart` runs again when it goes off.
 */
export async function publicScope(page: Scope, restart: () => void): Promise<Scope | null> {
  const isPrivate = await sendFromContent('privateMode.here', {}).then(
    (answer) => answer.private,
    () => false, // the background refuses a private tab's reports whatever this side believes
  );
  if (isPrivate) {
    onceTold(page, false, restart);
    return null;
  }
  const cleanups: (() => void)[] = [];
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    for (const cleanup of cleanups.reverse()) cleanup();
  };
  page.onInvalidated(end);
  onceTold(page, true, () => {
    end();
    onceTold(page, false, restart);
  });
  return { onInvalidated: (cleanup) => (ended ? cleanup() : void cleanups.push(cleanup)) };
}
