// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { CaptureInput } from '../schema';
import { loadFixture } from './test-fixtures';
import type { CaptureItem } from './types';
import { zendesk } from './zendesk';

const TICKET = 'https://tandemdemo.zendesk.com/agent/tickets/4521';

function asInput(item: CaptureItem) {
  return CaptureInput.parse({ ...item.draft, subject: 'Captured', priority: 'normal', tags: [] });
}

describe('zendesk adapter', () => {
  it('runs on agent workspace pages of any Zendesk subdomain', () => {
    expect(zendesk.matches(new URL('https://tandemdemo.zendesk.com/agent/tickets/4521'))).toBe(true);
    expect(zendesk.matches(new URL('https://tandemdemo.zendesk.com/hc/en-us'))).toBe(false);
    expect(zendesk.matches(new URL('https://zendesk.com.evil.example/agent/tickets/1'))).toBe(false);
  });

  it('reads the requester, ticket, subject and conversation', () => {
    const { doc, url } = loadFixture('zendesk', 'https://tandemdemo.zendesk.com/agent/tickets/4521');
    const ctx = zendesk.read(doc, url)!;
    expect(ctx.identities).toEqual([
      { kind: 'email', value: 'jane.doe@example.com' },
      { kind: 'zendesk', value: '90001' },
    ]);
    expect(ctx.displayName).toBe('Jane Doe');
    expect(ctx.recordId).toBe('4521');
    expect(ctx.subject).toBe('Unexpected roaming charge on my November bill');
    expect(ctx.visibility).toBe('private');
    expect(ctx.conversation).toMatch(/^Jane Doe: Hello, my November bill/);
    expect(ctx.conversation).toContain('Alex Agent: Hi Jane');
    expect(ctx.conversation).toContain('Lisbon from 3 to 7 November');
  });

  it('finds the CKEditor composer as the reply box', () => {
    const { doc, url } = loadFixture('zendesk', 'https://tandemdemo.zendesk.com/agent/tickets/4521');
    const box = zendesk.replyBox(doc)!;
    expect(box.classList.contains('ck-editor__editable')).toBe(true);
    expect(box.closest('[data-test-id="omnicomposer-rich-text-ckeditor"]')).not.toBeNull();
    expect(zendesk.read(doc, url)!.hasReplyBox).toBe(true);
  });

  it('finds the open ticket’s submit button (not the hidden ticket’s) for the stale-send guard', () => {
    const { doc } = loadFixture('zendesk', 'https://tandemdemo.zendesk.com/agent/tickets/4521');
    const button = zendesk.sendButton?.(doc);
    expect(button?.textContent).toBe('Submit as Open');
    expect(button?.closest('[data-ticket-id]')?.getAttribute('data-ticket-id')).toBe('4521');
  });

  it('switches to the other ticket through the header tabs without a reload', () => {
    const { doc } = loadFixture('zendesk', 'https://tandemdemo.zendesk.com/agent/tickets/4521');
    doc.querySelector<HTMLAnchorElement>('[data-entity-id="4522"] a[data-spa-link]')!.click();
    expect(location.pathname).toBe('/agent/tickets/4522');
    const ctx = zendesk.read(doc, new URL('https://tandemdemo.zendesk.com/agent/tickets/4522'))!;
    expect(ctx.identities).toEqual([
      { kind: 'email', value: 'sam.unknown@example.com' },
      { kind: 'zendesk', value: '90077' },
    ]);
    expect(ctx.displayName).toBe('Sam Unknown');
    expect(ctx.subject).toBe('I want to keep my number when switching');
  });

  it('reads only the workspace of the ticket in the URL when others stay in the DOM', () => {
    const { doc } = loadFixture('zendesk', 'https://tandemdemo.zendesk.com/agent/tickets/4521');
    const other = doc.createElement('section');
    other.setAttribute('data-ticket-id', '9999');
    other.hidden = true;
    other.innerHTML =
      '<input data-test-id="omni-header-subject" value="Other"><div data-test-id="requester-input"><a href="/agent/users/5">Other Person</a> &lt;other@example.com&gt;</div>';
    doc.querySelector('[data-fixture-mount]')!.prepend(other);
    const ctx = zendesk.read(doc, new URL('https://tandemdemo.zendesk.com/agent/tickets/4521'))!;
    expect(ctx.subject).toBe('Unexpected roaming charge on my November bill');
    expect(ctx.identities[0]).toEqual({ kind: 'email', value: 'jane.doe@example.com' });
  });

  it('reads the requester’s address, not a name that looks like another customer’s address', () => {
    // Mail "From: jane.doe@example.com <bob@evil.example>" makes a requester named like Jane's address.
    const { doc, url } = loadFixture('zendesk', TICKET);
    const requester = doc.querySelector('[data-ticket-id="4521"] [data-test-id="requester-input"]')!;
    requester.querySelector('a')!.textContent = 'jane.doe@example.com';
    requester.querySelector('span')!.textContent = '<Bob@Evil.example>';
    const ctx = zendesk.read(doc, url)!;
    expect(ctx.identities).toEqual([
      { kind: 'email', value: 'bob@evil.example' },
      { kind: 'zendesk', value: '90001' },
    ]);
    expect(zendesk.captureItems!(doc, url)[0]!.draft.identities).toContainEqual({ kind: 'email', value: 'bob@evil.example' });
    expect(JSON.stringify(ctx.evidence)).not.toContain('jane.doe@');
  });

  it('puts nobody in focus on a view list', () => {
    const { doc, url } = loadFixture('zendesk', 'https://tandemdemo.zendesk.com/agent/filters/1');
    expect(zendesk.read(doc, url)!.identities).toEqual([]);
  });

  it('gives each of the requester’s comments a button, and none to agent replies or internal notes', () => {
    const { doc, url } = loadFixture('zendesk', TICKET);
    const all = Array.from(doc.querySelectorAll('article[data-test-id="omni-log-comment-item"]'));
    expect(all).toHaveLength(4); // Jane, Alex's reply, Alex's internal note, Jane
    const items = zendesk.captureItems!(doc, url);
    expect(items.map((i) => all.indexOf(i.element))).toEqual([0, 3]);
    const [first, second] = items;
    expect(asInput(first!)).toMatchObject({
      site: 'zendesk',
      channel: 'email',
      visibility: 'private',
      identities: [
        { kind: 'email', value: 'jane.doe@example.com' },
        { kind: 'zendesk', value: '90001' },
      ],
      authorName: 'Jane Doe',
      url: TICKET,
      externalId: '4521@2025-11-20T08:12:00.000Z',
      postedAt: '2025-11-20T08:12:00.000Z',
    });
    expect(first!.draft.text).toBe(
      'Hello, my November bill has a roaming charge of €38.50 from a trip to Lisbon, but I have the EU roaming option. Can you please remove it?',
    );
    expect(second!.draft.channel).toBe('web'); // sent through the help center form
    expect(second!.draft.text).toContain('Lisbon from 3 to 7 November');
    // The button sits in the comment's header, beside the sender and the time.
    expect(first!.anchor.querySelector('[data-test-id="omni-log-item-sender"]')).not.toBeNull();
    expect(first!.anchor.querySelector('time[datetime]')).not.toBeNull();
  });

  it('reads a messaging comment as chat, and a CC’d end user by their own Zendesk id', () => {
    const { doc } = loadFixture('zendesk', 'https://tandemdemo.zendesk.com/agent/tickets/4522');
    const url = new URL('https://tandemdemo.zendesk.com/agent/tickets/4522');
    expect(zendesk.captureItems!(doc, url).map((i) => [i.draft.channel, i.draft.identities[0]?.value])).toEqual([['chat', 'sam.unknown@example.com']]);
    // Someone else on the ticket writes in: they are not the requester.
    const log = doc.querySelector('[data-ticket-id="4522"] [data-test-id="omni-log-container"]')!;
    const cc = log.querySelector('article')!.cloneNode(true) as Element;
    cc.querySelector('a[href^="/agent/users/"]')!.setAttribute('href', '/agent/users/90555');
    cc.querySelector('strong')!.textContent = 'Kim Unknown';
    cc.querySelector('time')!.setAttribute('datetime', '2025-11-21T15:00:00Z');
    log.append(cc);
    const [, kim] = zendesk.captureItems!(doc, url);
    expect(kim!.draft.identities).toEqual([{ kind: 'zendesk', value: '90555' }]);
    expect(kim!.draft.authorName).toBe('Kim Unknown');
  });

  it('gives no buttons on a view list', () => {
    const { doc, url } = loadFixture('zendesk', 'https://tandemdemo.zendesk.com/agent/filters/1');
    expect(zendesk.captureItems!(doc, url)).toEqual([]);
  });
});
