// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageContext } from '../../lib/schema';
import { watchContext } from './watch';

/** The page's record as the fake adapter reads it: the id of the [data-record] element, if any. */
const readRecord = (): PageContext | null => {
  const id = document.querySelector('[data-record]')?.getAttribute('data-record');
  return id ? ({ site: 'zendesk', url: location.href, recordId: id } as unknown as PageContext) : null;
};
const addRecord = (id: string) => {
  const el = document.createElement('div');
  el.setAttribute('data-record', id);
  document.body.append(el);
};
/** Lets the MutationObserver's callback run (a microtask in browsers; happy-dom may queue it later). */
const mutationsDelivered = () => new Promise((resolve) => queueMicrotask(() => queueMicrotask(() => resolve(undefined))));

describe('watchContext', () => {
  let reported: Array<string | null>;
  let parsing: boolean;
  let stop: () => void;

  beforeEach(() => {
    document.body.innerHTML = '<header>Views</header>';
    reported = [];
    parsing = true;
  });
  afterEach(() => stop());

  const start = () => {
    stop = watchContext({
      read: readRecord,
      root: () => document.body,
      parsing: () => parsing,
      onChange: (context) => reported.push(context?.recordId ?? null),
    });
  };

  it('while the page is parsed, reports nobody found only once the DOM is complete', async () => {
    start();
    await mutationsDelivered();
    expect(reported).toEqual([]);
    parsing = false;
    document.dispatchEvent(new Event('DOMContentLoaded'));
    expect(reported).toEqual([null]);
  });

  it('while the page is parsed, reads a record as soon as it is in the DOM, without waiting for a quiet period', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      start();
      addRecord('4521');
      await vi.waitFor(() => expect(reported).toEqual(['4521']), { timeout: 1000, interval: 1 });
      // No timer was needed for it: the debounce is for re-reads.
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('once a record was found, re-reads after a quiet period, reporting only changes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      addRecord('4521');
      start();
      expect(reported).toEqual(['4521']);
      parsing = false;
      document.querySelector('[data-record]')?.remove();
      addRecord('4522');
      await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1), { timeout: 1000, interval: 1 });
      expect(reported).toEqual(['4521']);
      vi.runOnlyPendingTimers();
      expect(reported).toEqual(['4521', '4522']);
    } finally {
      vi.useRealTimers();
    }
  });
});
