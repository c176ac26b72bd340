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
  /** Quiet period after the last mutation before re-reading the page. */
  debounceMs?: number;
  /** Upper bound on how long a constantly changing page can delay a re-read. */
  maxWaitMs?: number;
}

/**
 * Re-reads the page's context after DOM changes or in-app navigation, debounced so a page
 * mutating a thousand times a second costs one read per quiet period, and reports only changes.
 */
export function watchContext({ read, root, onChange, debounceMs = 25, maxWaitMs = 250 }: ContextWatcherOptions): () => void {
  let last = '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstPending = 0;

  const check = () => {
    timer = null;
    firstPending = 0;
    const context = read();
    const key = JSON.stringify(context);
    if (key === last) return;
    last = key;
    onChange(context);
  };

  const schedule = () => {
    const now = performance.now();
    if (firstPending === 0) firstPending = now;
    if (timer) clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, maxWaitMs - (now - firstPending)));
    timer = setTimeout(check, wait);
  };

  let observed = root();
  const observer = new MutationObserver(() => {
    // SPAs replace whole subtrees; follow the root if the page swapped it.
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
  check();

  return () => {
    observer.disconnect();
    window.removeEventListener('popstate', schedule);
    window.removeEventListener('hashchange', schedule);
    if (timer) clearTimeout(timer);
  };
}
