// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { normalizePageIdentities } from '../identity/normalize';
import { CaptureInput } from '../schema';
import { salesforce, visibleTab } from './salesforce';
import { loadFixture } from './test-fixtures';
import type { CaptureItem } from './types';

function asInput(item: CaptureItem) {
  return CaptureInput.parse({ ...item.draft, subject: 'Captured', priority: 'normal', tags: [] });
}

const CONTACT = 'https://tandemdemo.lightning.force.com/lightning/r/Contact/003Hs00001AbCdEIAZ/view';
const CASE = 'https://tandemdemo.lightning.force.com/lightning/r/Case/500Hs00000XyZ12AAB/view';

describe('salesforce adapter', () => {
  it('runs on Lightning hosts only', () => {
    expect(salesforce.matches(new URL(CONTACT))).toBe(true);
    expect(salesforce.matches(new URL('https://lightning.force.com.example.org/'))).toBe(false);
  });

  it('reads the contact in the visible console tab, not the hidden one', () => {
    const { doc, url } = loadFixture('salesforce', CONTACT);
    expect(doc.body.textContent).toContain('olivia.park@example.com'); // the hidden tab is in the DOM
    const ctx = salesforce.read(doc, url)!;
    expect(ctx.displayName).toBe('Marcus Chen');
    expect(normalizePageIdentities(ctx)).toEqual([
      { kind: 'email', value: 'marcus.chen@example.com' },
      { kind: 'phone', value: '+14155550142' },
      { kind: 'salesforce', value: '003Hs00001AbCdEIAZ' },
    ]);
    expect(ctx.recordId).toBe('003Hs00001AbCdEIAZ');
    expect(ctx.visibility).toBe('private');
    expect(ctx.hasReplyBox).toBe(false);
  });

  it('reads the phone from inside a shadow root', () => {
    const { doc } = loadFixture('salesforce', CONTACT);
    const phone = (visibleTab(doc) as Element).querySelector('records-record-layout-item[field-label="Phone"] lightning-formatted-phone')!;
    expect(phone.textContent).toBe(''); // nothing in the light DOM
    expect(phone.shadowRoot?.querySelector('a')?.getAttribute('href')).toBe('tel:+14155550142');
  });

  it('reads a case: the contact behind it, subject and description', () => {
    const { doc, url } = loadFixture('salesforce', CASE);
    const ctx = salesforce.read(doc, url)!;
    expect(ctx.recordId).toBe('500Hs00000XyZ12AAB');
    expect(ctx.displayName).toBe('Marcus Chen');
    expect(ctx.subject).toBe('Fleet SIMs lose data connection after update');
    expect(ctx.conversation).toContain('No service');
    expect(normalizePageIdentities(ctx)).toEqual([
      { kind: 'email', value: 'marcus.chen@example.com' },
      { kind: 'phone', value: '+14155550142' },
      { kind: 'salesforce', value: '003Hs00001AbCdEIAZ' },
    ]);
  });

  it('returns null while the record page has not rendered', () => {
    document.body.innerHTML = '<div class="oneCenterStage"></div>';
    expect(salesforce.read(document, new URL(CONTACT))).toBeNull();
  });

  it('gives the contact’s email in the case feed a button, and none to the agent’s email or internal post', () => {
    const { doc, url } = loadFixture('salesforce', CASE);
    const feed = Array.from(doc.querySelectorAll('article.forceChatterFeedItem'));
    expect(feed.map((a) => a.getAttribute('data-type'))).toEqual(['EmailMessageEvent', 'TextPost', 'EmailMessageEvent']);
    const items = salesforce.captureItems!(doc, url);
    expect(items.map((i) => feed.indexOf(i.element))).toEqual([2]);
    const [email] = items;
    expect(asInput(email!)).toMatchObject({
      site: 'salesforce',
      channel: 'email',
      visibility: 'private',
      identities: [
        { kind: 'email', value: 'marcus.chen@example.com' },
        { kind: 'salesforce', value: '003Hs00001AbCdEIAZ' },
      ],
      authorName: 'Marcus Chen',
      url: CASE,
      externalId: '02sHs00000EmQ7aIAF',
      postedAt: '2025-11-21T07:58:00.000Z',
    });
    // The body is the text of the HTML in the value attribute, without its style sheet.
    expect(email!.draft.text).toBe(
      'Hello, it is now 15 of our 40 fleet phones without data since the carrier settings update. Our drivers cannot reach dispatch. Marcus Chen Fleet manager',
    );
    expect(email!.anchor.classList.contains('forceChatterFeedItemHeader')).toBe(true);
  });

  it('reads an email body as text only: its markup never runs', () => {
    const { doc, url } = loadFixture('salesforce', CASE);
    const out = doc.querySelector('article[data-id="02sHs00000EmQ7aIAF"] emailui-rich-text-output')!;
    out.setAttribute('value', '<p>Still down</p><img src="x" onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>');
    const [email] = salesforce.captureItems!(doc, url);
    expect(email!.draft.text).toBe('Still down');
    expect(doc.title).not.toBe('pwned');
  });

  it('gives no buttons on a contact record or the home page', () => {
    for (const address of [CONTACT, 'https://tandemdemo.lightning.force.com/lightning/page/home']) {
      const { doc, url } = loadFixture('salesforce', address);
      expect(salesforce.captureItems!(doc, url)).toEqual([]);
    }
  });
});
