import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Handlers } from '../messaging/dispatch';
import { createPrivateModeHandlers, keptPrivateTabs, type PrivateTabs, refuseFromPrivateTabs, sessionPrivateTabs } from './private-mode';

const pageOf = (tabId: number) => ({ url: 'https://x.com/jane', tab: { id: tabId, windowId: 1 } });

describe('private mode', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is per tab, told to the tab, and forgets what the tab reported', async () => {
    const tellTab = vi.fn(async () => undefined);
    const forgetTab = vi.fn();
    const handlers = createPrivateModeHandlers({ tabs: sessionPrivateTabs, tellTab, forgetTab });
    expect(await handlers['privateMode.set']({ tabId: 7, private: true }, {})).toEqual({ private: true });
    expect(tellTab).toHaveBeenCalledWith(7, true);
    expect(forgetTab).toHaveBeenCalledWith(7);
    expect(await handlers['privateMode.get']({ tabId: 7 }, {})).toEqual({ private: true });
    expect(await handlers['privateMode.get']({ tabId: 8 }, {})).toEqual({ private: false });
    expect(await handlers['privateMode.here']({}, pageOf(7))).toEqual({ private: true });
    expect(await handlers['privateMode.here']({}, pageOf(8))).toEqual({ private: false });
    await handlers['privateMode.set']({ tabId: 7, private: false }, {});
    expect(tellTab).toHaveBeenLastCalledWith(7, false);
    expect(await handlers['privateMode.here']({}, pageOf(7))).toEqual({ private: false });
  });

  it('refuses the page side of a private tab before any feature hears it; other tabs and Tandem’s pages go through', async () => {
    const report = vi.fn(async () => ({ status: 'resolved' }));
    const sync = vi.fn(async () => ({ ok: true }));
    const handlers = refuseFromPrivateTabs({ 'context.report': report, 'sync.now': sync } as unknown as Handlers, sessionPrivateTabs);
    await sessionPrivateTabs.set(7, true);
    await expect(handlers['context.report']({ context: null }, pageOf(7))).rejects.toMatchObject({ code: 'private_mode' });
    expect(report).not.toHaveBeenCalled();
    await handlers['context.report']({ context: null }, pageOf(8));
    expect(report).toHaveBeenCalledTimes(1);
    await handlers['sync.now']({ retryFailed: false }, pageOf(7));
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it('keeps the worker’s copy: the store is read once per tab, and a switch counts at once, before the store has it', async () => {
    await sessionPrivateTabs.set(7, true);
    const reads = vi.fn(sessionPrivateTabs.isPrivate);
    let storeWrite: () => void = () => undefined;
    const store: PrivateTabs = {
      isPrivate: reads,
      set: (tabId, on) => new Promise<void>((done) => (storeWrite = () => void sessionPrivateTabs.set(tabId, on).then(done))),
    };
    const tabs = keptPrivateTabs(store);
    expect(await tabs.isPrivate(7)).toBe(true);
    expect(await tabs.isPrivate(7)).toBe(true);
    expect(await tabs.isPrivate(8)).toBe(false);
    expect(reads).toHaveBeenCalledTimes(2);
    // Switched on in tab 8: refused from now on, though the store has not been written yet.
    const switching = tabs.set(8, true);
    expect(await tabs.isPrivate(8)).toBe(true);
    storeWrite();
    await switching;
    expect(await sessionPrivateTabs.isPrivate(8)).toBe(true);
    // A restarted worker (a new copy) reads the store again.
    expect(await keptPrivateTabs(sessionPrivateTabs).isPrivate(8)).toBe(true);
  });

  it('lets a switch made while the store is read win over what the read returns', async () => {
    let answer: (on: boolean) => void = () => undefined;
    const tabs = keptPrivateTabs({ isPrivate: () => new Promise<boolean>((resolve) => (answer = resolve)), set: async () => undefined });
    const asking = tabs.isPrivate(3);
    await tabs.set(3, true);
    answer(false);
    expect(await asking).toBe(true);
    expect(await tabs.isPrivate(3)).toBe(true);
  });
});
