// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { normalizePageIdentities } from '../identity/normalize';
import { CaptureInput } from '../schema';
import { freshdesk } from './freshdesk';
import { loadFixture } from './test-fixtures';
import type { CaptureItem } from './types';

describe('freshdesk adapter', () => {
  it('reads the ticket, its subject and the requester card', () => {
    const { doc, url } = loadFixture('freshdesk', 'https://tandemdemo.freshdesk.com/a/tickets/77');
    const ctx = freshdesk.read(doc, url)!;
    expect(ctx.recordId).toBe('77');
    expect(ctx.subject).toBe('My data stopped working abroad');
    expect(ctx.displayName).toBe('Tom Becker');
    expect(normalizePageIdentities(ctx)).toEqual([
      { kind: 'email', value: 'tom.becker@example.com' },
      { kind: 'freshdesk', value: '3011' },
    ]);
    expect(ctx.hasReplyBox).toBe(true);
  });

  it('reads the requester card, not a CC’d contact whose reply links to their contact page', () => {
    const { doc, url } = loadFixture('freshdesk', 'https://tandemdemo.freshdesk.com/a/tickets/77');
    // The conversation comes before the contact card in the page: its first contact link is not the requester's.
    const cc = doc.createElement('div');
    cc.className = 'card ticket-details__item';
    cc.setAttribute('data-test-id', 'conversation-wrapper');
    cc.innerHTML =
      '<div class="conversation-header"><span class="sender-info"><a class="user" data-test-id="user-name" href="/a/contacts/3099">Kim Lee</a> replied</span></div>' +
      '<div data-test-conversation="conversation-text">Adding myself. Kim Lee, kim.lee@example.com</div>';
    doc.querySelector('[data-test-id="ticket-description"]')!.after(cc);
    const ctx = freshdesk.read(doc, url)!;
    expect(ctx.displayName).toBe('Tom Becker');
    expect(normalizePageIdentities(ctx)).toEqual([
      { kind: 'email', value: 'tom.becker@example.com' },
      { kind: 'freshdesk', value: '3011' },
    ]);
  });

  it('leaves list pages to the generic adapter', () => {
    const { doc, url } = loadFixture('freshdesk', 'https://tandemdemo.freshdesk.com/a/tickets');
    expect(freshdesk.read(doc, url)).toBeNull();
  });
});

const TICKET = 'https://tandemdemo.freshdesk.com/a/tickets/77';

function asInput(item: CaptureItem) {
  return CaptureInput.parse({ ...item.draft, subject: 'Captured', priority: 'normal', tags: [] });
}

describe('freshdesk capture buttons', () => {
  it('gives the requester’s description and reply a button, and none to the agent’s reply or private note', () => {
    const { doc, url } = loadFixture('freshdesk', TICKET);
    const all = Array.from(doc.querySelectorAll('.ticket-details__item'));
    expect(all).toHaveLength(4); // Tom's description, Alex's reply, Alex's private note, Tom's reply
    const items = freshdesk.captureItems!(doc, url);
    expect(items.map((i) => all.indexOf(i.element))).toEqual([0, 3]);
    const [description, reply] = items;
    const requester = [
      { kind: 'email', value: 'tom.becker@example.com' },
      { kind: 'freshdesk', value: '3011' },
    ];
    expect(asInput(description!)).toMatchObject({
      site: 'freshdesk',
      channel: 'email', // "reported via email"
      visibility: 'private',
      identities: requester,
      authorName: 'Tom Becker',
      text: 'Hi, since I arrived in Spain yesterday I have no mobile data although roaming is enabled. Please help. — Tom',
      url: TICKET,
      externalId: 'ticket_77',
      postedAt: null, // only display times on the page
    });
    expect(asInput(reply!)).toMatchObject({
      channel: 'email',
      identities: requester,
      text: 'Restarted twice. It shows Movistar with full signal but still no data. Sent from my phone',
      url: TICKET,
      externalId: 'note_48112005',
      postedAt: null,
    });
    // In the message's header, beside its own actions.
    expect(reply!.anchor.classList.contains('ticket-actions-container')).toBe(true);
    expect(reply!.anchor.closest('.conversation-header')).not.toBeNull();
  });

  it('reads the channel the ticket came in through, and links the ticket itself from any of its subpages', () => {
    const { doc } = loadFixture('freshdesk', TICKET);
    const via = doc.querySelector('[data-test-id="ticket-description"] .text__content')!;
    via.textContent = 'reported via the portal';
    const sub = new URL(`${TICKET}/conversation?x=1`);
    expect(freshdesk.captureItems!(doc, sub).map((i) => [i.draft.channel, i.draft.url])).toEqual([
      ['web', TICKET],
      ['web', TICKET],
    ]);
    via.textContent = 'created this ticket';
    expect(freshdesk.captureItems!(doc, sub)[0]!.draft.channel).toBe('freshdesk');
  });

  it('gives no button to an outside person’s note or to another non-agent on the ticket', () => {
    const { doc, url } = loadFixture('freshdesk', TICKET);
    const last = doc.querySelector('[data-album="note_48112005"]')!;
    last.classList.add('ticket-details__privatenote'); // Freshdesk files an outside reply as a note
    expect(freshdesk.captureItems!(doc, url).map((i) => i.draft.externalId)).toEqual(['ticket_77']);
    last.classList.remove('ticket-details__privatenote');
    last.querySelector('[data-test-id="user-name"]')!.textContent = 'Ana Becker';
    expect(freshdesk.captureItems!(doc, url).map((i) => i.draft.externalId)).toEqual(['ticket_77']);
  });

  it('gives no buttons on the ticket list', () => {
    const { doc, url } = loadFixture('freshdesk', 'https://tandemdemo.freshdesk.com/a/tickets');
    expect(freshdesk.captureItems!(doc, url)).toEqual([]);
  });
});
