import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Handlers } from '../messaging/dispatch';
import { hostMatches, loadNeverCapture, neverCaptureItem, neverCaptureOn, neverCaptureProblem } from './never-capture';
import { refuseOnNeverCaptureSites, saveNeverCapture } from './never-capture-sync';

describe('never-capture sites', () => {
  beforeEach(() => fakeBrowser.reset());

  it('covers a host and its subdomains, or only the subdomains with *.', () => {
    expect(hostMatches('mybank.com', 'mybank.com')).toBe(true);
    expect(hostMatches('mybank.com', 'login.mybank.com')).toBe(true);
    expect(hostMatches('mybank.com', 'notmybank.com')).toBe(false);
    expect(hostMatches('mybank.com', 'mybank.com.evil.example')).toBe(false);
    expect(hostMatches('*.health.example', 'portal.health.example')).toBe(true);
    expect(hostMatches('*.health.example', 'health.example')).toBe(false);
    expect(neverCaptureOn('https://Login.MyBank.com/account', ['mybank.com'])).toBe(true);
    expect(neverCaptureOn('https://x.com/jane', ['mybank.com'])).toBe(false);
    expect(neverCaptureOn(undefined, ['mybank.com'])).toBe(false);
  });

  it('says why a pattern cannot be used', () => {
    expect(neverCaptureProblem('mybank.com')).toBeNull();
    expect(neverCaptureProblem('*.mybank.com')).toBeNull();
    expect(neverCaptureProblem('https://mybank.com')).toMatch(/no https/);
    expect(neverCaptureProblem('com')).toMatch(/top-level/);
    expect(neverCaptureProblem('my*.bank.com')).toMatch(/wildcard only/);
  });

  it('stores only a valid list, and the content script reads only strings', async () => {
    await saveNeverCapture(['b.example', 'a.example']);
    expect(await loadNeverCapture()).toEqual(['a.example', 'b.example']);
    await expect(saveNeverCapture(['https://evil'])).rejects.toThrow();
    await neverCaptureItem.setValue(['a.example', 42] as unknown as string[]);
    expect(await loadNeverCapture()).toEqual(['a.example']);
  });

  it('refuses capture and screenshots from a page on the list, whatever its content script does', async () => {
    const screenshot = vi.fn(async () => ({ id: 'a1' }));
    const capture = vi.fn(async () => ({ opened: true }));
    const handlers = refuseOnNeverCaptureSites({ 'capture.screenshot': screenshot, 'overlay.capture': capture } as unknown as Handlers, async () => [
      'mybank.com',
    ]);
    const onBank = { url: 'https://www.mybank.com/messages', tab: { id: 3, windowId: 1 } };
    await expect(handlers['capture.screenshot']({ caseId: 'c1' } as never, onBank)).rejects.toMatchObject({ code: 'never_capture' });
    await expect(handlers['overlay.capture']({ draft: {} } as never, onBank)).rejects.toMatchObject({ code: 'never_capture' });
    expect(screenshot).not.toHaveBeenCalled();
    expect(capture).not.toHaveBeenCalled();
    await handlers['overlay.capture']({ draft: {} } as never, { url: 'https://x.com/jane', tab: { id: 4, windowId: 1 } });
    expect(capture).toHaveBeenCalledTimes(1);
  });

  it("refuses the overlay frame's capture by its tab's URL, whatever the frame's form offered", async () => {
    const create = vi.fn(async () => ({ status: 'created' }));
    const handlers = refuseOnNeverCaptureSites({ 'capture.create': create } as unknown as Handlers, async () => ['mybank.com']);
    const frame = 'chrome-extension://abc/overlay-frame.html';
    // What the capture says about its page (the frame's form fills it from the page) is not what decides.
    const capture = { capture: { site: 'generic', url: 'https://x.com/jane/status/1' } } as never;
    await expect(handlers['capture.create'](capture, { url: frame, tab: { id: 3, url: 'https://login.mybank.com/inbox' } })).rejects.toMatchObject({
      code: 'never_capture',
    });
    expect(create).not.toHaveBeenCalled();
    await handlers['capture.create'](capture, { url: frame, tab: { id: 4, url: 'https://x.com/jane' } });
    // The side panel has no tab: its captures go through.
    await handlers['capture.create'](capture, { url: 'chrome-extension://abc/sidepanel.html' });
    expect(create).toHaveBeenCalledTimes(2);
  });
});
