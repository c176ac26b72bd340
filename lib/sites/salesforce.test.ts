// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { salesforce, visibleTab } from './salesforce';
import { normalizePageIdentities } from './identity';
import { loadFixture } from './test-fixtures';

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
});
