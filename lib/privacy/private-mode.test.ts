import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Handlers } from '../messaging/dispatch';
import { createPrivateModeHandlers, refuseFromPrivateTabs, sessionPrivateTabs } from './private-mode';

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
});
