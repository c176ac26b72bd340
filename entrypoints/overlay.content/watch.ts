import type { PageContext } from '../../lib/schema';

// Attributes that signal a switch of record or tab in the supported apps; style churn is ignored.
const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['href', 'value', 'data-selected', 'aria-selected'],
};

export interface ContextWatcherOptions {
  read(): PageContext | null;
  root(): Node;
  onChange(context: PageContext | null): void;
  /**
   * Whether the page is still being parsed: a read that finds nobody then is not an answer yet (the record may be
   * further down), so it is not reported; the page is read again once its DOM is parsed.
   */
  parsing?(): boolean;
  /** Quiet period after the last mutation before re-reading the page. */
  debounceMs?: number;
  /** Upper bound on how long a constantly changing page can delay a re-read. */
  maxWaitMs?: number;
}

/**
 * Reads the page's context from the moment it exists and re-reads after DOM changes or in-app navigation, reporting
 * only changes. While the page is parsed and shows no record yet, each change is read at once (the overlay of a page
 * load waits on this read; the parser's chunks bound how often); otherwise re-reads are debounced, so a page mutating
 * a thousand times a second costs one read per quiet period.
 */
export function watchContext({ read, root, onChange, parsing = () => false, debounceMs = 25, maxWaitMs = 250 }: ContextWatcherOptions): () => void {
  let last = '';
  let found = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstPending = 0;

  const check = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    firstPending = 0;
    const context = read();
    if (!context && parsing()) return;
    if (context) found = true;
    const key = JSON.stringify(context);
    if (key === last) return;
    last = key;
    onChange(context);
  };

  const schedule = () => {
    if (!found && parsing()) return check();
    const now = performance.now();
    if (firstPending === 0) firstPending = now;
    if (timer) clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, maxWaitMs - (now - firstPending)));
    timer = setTimeout(check, wait);
  };

  let observed = root();
  const observer = new MutationObserver(() => {
    // SPAs replace whole subtrees (and at document_start the body comes later); follow the root if it changed.
    const current = root();
    if (current !== observed) {
      observer.disconnect();
      observed = current;
      observer.observe(observed, OBSERVE);
    }
    schedule();
  });
  observer.observe(observed, OBSERVE);
  window.addEventListener('popstate', schedule);
  window.addEventListener('hashchange', schedule);
  // The DOM is complete: read at once if the parse showed nobody (now an answer), else re-read as after any change.
  const parsed = () => (found ? schedule() : check());
  document.addEventListener('DOMContentLoaded', parsed);
  check();

  return () => {
    observer.disconnect();
    window.removeEventListener('popstate', schedule);
    window.removeEventListener('hashchange', schedule);
    document.removeEventListener('DOMContentLoaded', parsed);
    if (timer) clearTimeout(timer);
  };
}
