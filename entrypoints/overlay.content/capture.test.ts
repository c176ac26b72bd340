// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import type { CaptureDraft, SiteAdapter } from '../../lib/sites/types';
import { addCaptureButtons, removeCaptureButtons, showCaptured } from './capture';
import { CAPTURE_MARK } from './names';

const POST = '1861200000000000001';

const draft = (externalId: string): CaptureDraft => ({
  site: 'twitter',
  channel: 'twitter',
  visibility: 'public',
  identities: [{ kind: 'twitter', value: 'priyabuilds' }],
  authorName: 'Priya Raman',
  text: 'My bill doubled this month.',
  url: `https://x.com/priyabuilds/status/${externalId}`,
  externalId,
  postedAt: null,
  pageTitle: null,
});

/** A site whose posts are the page's `article`s, each with its action bar as the button's anchor. */
const adapter: SiteAdapter = {
  name: 'twitter',
  matches: () => true,
  read: () => null,
  replyBox: () => null,
  captureItems: (doc) =>
    Array.from(doc.querySelectorAll('article'), (element) => ({
      element,
      anchor: element.querySelector('[role="group"]')!,
      draft: draft(element.id),
    })),
};

/** What a page script can learn about a capture host without its shadow root. */
function asThePageSeesIt(host: Element) {
  const style = getComputedStyle(host);
  const box = host.getBoundingClientRect();
  return {
    outerHTML: host.outerHTML,
    attributes: Array.from(host.attributes, (a) => [a.name, a.value]),
    textContent: host.textContent,
    shadowRoot: host.shadowRoot,
    size: [style.width, style.height, box.width, box.height, (host as HTMLElement).scrollWidth],
  };
}

describe('capture buttons beside posts', () => {
  let roots: ShadowRoot[];

  beforeEach(() => {
    document.body.innerHTML = `<article id="${POST}"><p>My bill doubled this month.</p><div role="group"></div></article>`;
    roots = [];
    // The test (not the page) keeps the roots it needs to look inside; the page gets no such hook.
    const attach = Element.prototype.attachShadow;
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  const host = () => document.querySelector(`[${CAPTURE_MARK}="${POST}"]`)!;
  const button = () => roots[0]!.querySelector('button')!;

  it('puts one host per post, marked with the post’s id, its button in a closed shadow root', () => {
    addCaptureButtons(adapter, document, new URL('https://x.com/home'));
    addCaptureButtons(adapter, document, new URL('https://x.com/home'));
    expect(document.querySelectorAll(`[${CAPTURE_MARK}]`)).toHaveLength(1);
    expect(host().localName).toMatch(/^[a-z]{6}-[a-z]{6}$/);
    expect(host().shadowRoot).toBeNull();
    expect(document.querySelector('button')).toBeNull();
    expect(roots).toHaveLength(1);
    expect(button().type).toBe('button');
    expect(button().tabIndex).toBe(0);
    expect(button().getAttribute('data-label')).toBe('Capture');
    expect(button().getAttribute('aria-label')).toBe("Capture Priya Raman's post as a case");
  });

  it('shows that the post is a case inside the root only: the page sees the same host, attributes, text and size', () => {
    addCaptureButtons(adapter, document, new URL('https://x.com/home'));
    const before = asThePageSeesIt(host());
    const page = document.documentElement.outerHTML;

    showCaptured(POST, true);
    expect(asThePageSeesIt(host())).toEqual(before);
    expect(document.documentElement.outerHTML).toBe(page);
    expect(button().getAttribute('data-label')).toBe('Case ✓ (waiting to sync)');

    showCaptured(POST, false);
    expect(asThePageSeesIt(host())).toEqual(before);
    expect(document.documentElement.outerHTML).toBe(page);
    expect(button().getAttribute('data-label')).toBe('Case ✓');
    expect(button().getAttribute('aria-label')).toBe("Case ✓: Priya Raman's post is a case already");
    expect(button().title).toBe("Case ✓: Priya Raman's post is a case already");
    expect(before.shadowRoot).toBeNull();
    expect(before.textContent).toBe('');
    expect(document.body.textContent).not.toContain('Case');
    expect(document.querySelector('[data-captured]')).toBeNull();
  });

  it('a page script’s click on the host or on the button asks for no capture', () => {
    const sendMessage = vi.spyOn(browser.runtime, 'sendMessage');
    addCaptureButtons(adapter, document, new URL('https://x.com/home'));
    const asked = sendMessage.mock.calls.length; // the "already a case?" question
    (host() as HTMLElement).click();
    button().click();
    button().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    expect(sendMessage.mock.calls.length).toBe(asked);
  });

  it('takes the hosts off the page when Tandem is switched off here', () => {
    addCaptureButtons(adapter, document, new URL('https://x.com/home'));
    removeCaptureButtons(document);
    expect(document.querySelector(`[${CAPTURE_MARK}]`)).toBeNull();
    expect(document.body.innerHTML).toBe(`<article id="${POST}"><p>My bill doubled this month.</p><div role="group"></div></article>`);
  });
});
