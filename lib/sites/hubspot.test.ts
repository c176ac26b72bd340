// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { normalizePageIdentities } from '../identity/normalize';
import { CaptureInput } from '../schema';
import { hubspot } from './hubspot';
import { loadFixture } from './test-fixtures';
import type { CaptureItem } from './types';

function asInput(item: CaptureItem) {
  return CaptureInput.parse({ ...item.draft, subject: 'Captured', priority: 'normal', tags: [] });
}

const CONTACT = 'https://app.hubspot.com/contacts/4242/record/0-1/51234';

describe('hubspot adapter', () => {
  it('reads the contact: email, phone and the record id from the URL', () => {
    const { doc, url } = loadFixture('hubspot', CONTACT);
    const ctx = hubspot.read(doc, url)!;
    expect(ctx.displayName).toBe('Priya Raman');
    expect(normalizePageIdentities(ctx)).toEqual([
      { kind: 'email', value: 'priya.raman@example.net' },
      { kind: 'phone', value: '+442079460958' },
      { kind: 'hubspot', value: '51234' },
    ]);
    expect(ctx.recordId).toBe('51234');
    expect(ctx.conversation).toContain('share the data allowance');
    expect(ctx.conversation).not.toContain('Actions'); // the cards' menus are not conversation
    expect(ctx.hasReplyBox).toBe(true);
    expect(hubspot.replyBox(doc)?.tagName).toBe('TEXTAREA');
  });

  it('runs on app.hubspot.com and regional app hosts only', () => {
    expect(hubspot.matches(new URL(CONTACT))).toBe(true);
    expect(hubspot.matches(new URL('https://app-eu1.hubspot.com/contacts/1/record/0-1/2'))).toBe(true);
    expect(hubspot.matches(new URL('https://www.hubspot.com/'))).toBe(false);
  });

  it('puts nobody in focus on the contact list', () => {
    const { doc, url } = loadFixture('hubspot', 'https://app.hubspot.com/contacts/4242/objects/0-1/views/all/list');
    expect(hubspot.read(doc, url)!.identities).toEqual([]);
  });

  it('gives the contact’s emails in the timeline a button, and none to the agent’s email or a call', () => {
    const { doc, url } = loadFixture('hubspot', CONTACT);
    const cards = Array.from(doc.querySelectorAll('[data-selenium-test="timeline-card"]'));
    expect(cards).toHaveLength(3); // Priya's email, Alex's email, a call with Priya
    const items = hubspot.captureItems!(doc, url);
    expect(items.map((i) => cards.indexOf(i.element))).toEqual([0]);
    const [email] = items;
    expect(asInput(email!)).toMatchObject({
      site: 'hubspot',
      channel: 'email',
      visibility: 'private',
      authorName: 'Priya Raman',
      text: "Can I add my partner's line to my plan and share the data allowance?",
      url: CONTACT,
      externalId: '61520001',
      postedAt: null,
      country: 'US',
    });
    expect(normalizePageIdentities(email!.draft)).toEqual([
      { kind: 'email', value: 'priya.raman@example.net' },
      { kind: 'phone', value: '+442079460958' },
      { kind: 'hubspot', value: '51234' },
    ]);
    // Beside the card's own actions menu.
    expect(email!.anchor.querySelector('[data-selenium-test="timeline-header-actions"]')).not.toBeNull();
  });

  it('knows the contact by their address too, and gives no buttons on the contact list', () => {
    const { doc, url } = loadFixture('hubspot', CONTACT);
    doc.querySelector('[data-selenium-test="timeline-editable-title"]')!.textContent = 'Email from priya.raman@example.net · Nov 18';
    expect(hubspot.captureItems!(doc, url)).toHaveLength(1);
    const list = loadFixture('hubspot', 'https://app.hubspot.com/contacts/4242/objects/0-1/views/all/list');
    expect(hubspot.captureItems!(list.doc, list.url)).toEqual([]);
  });
});
