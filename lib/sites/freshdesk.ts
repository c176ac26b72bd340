// Freshdesk (the weakest evidence): the requester of the open ticket, from the contact link and a
// generic scan of the card around it, and capture buttons on the requester's messages. What it reads,
// and the public evidence for it: docs/sites.md#freshdesk.

import { identities } from '../identity/page-identity';
import type { Channel, Identity, IdentityKind, PageContext } from '../schema';
import { blockText, buildContext, clip, nonEmpty, pageCountry, text } from './dom';
import { boundedText, scanIdentities } from './generic';
import { harvest, layered } from './harvest';
import type { CaptureItem, SiteAdapter } from './types';

const TICKET_PATH = /^\/a\/tickets\/(\d{1,20})/;
const CONTACT_HREF = /\/a\/contacts\/(\d{1,20})/;
// What the harvest skips on a ticket: the conversation (agents' signatures, quotes) and the editor.
const NOT_THE_REQUESTER =
  '.conversation, [data-test-id="ticket-description"], [data-test-id="conversation-wrapper"], .ticket-details__item, #ticket_original_request, [contenteditable="true"]';

/** The requester as the contact card shows them: name, and the identities scanned off the card. */
function requester(doc: Document): { link: Element | null; name: string | null; identities: Identity[] } {
  // Not a link in the conversation: its senders' names (the requester's, a CC'd contact's) sit in cards holding agents' replies.
  const link = Array.from(doc.querySelectorAll('a[href*="/a/contacts/"]')).find((a) => !a.closest(NOT_THE_REQUESTER)) ?? null;
  const card = link?.closest('aside, section, [role="region"]') ?? link?.parentElement ?? null;
  const found = scanIdentities(card ? blockText(card) : '', { root: card });
  const contactId: Array<[IdentityKind, string | null]> = [['freshdesk', CONTACT_HREF.exec(link?.getAttribute('href') ?? '')?.[1] ?? null]];
  return { link, name: nonEmpty(text(link)), identities: [...found.filter((i) => i.kind !== 'twitter'), ...identities(contactId)] };
}

function read(doc: Document, url: URL): PageContext | null {
  const ticket = TICKET_PATH.exec(url.pathname)?.[1] ?? null;
  if (!ticket) return null; // lists and dashboards: let the generic adapter decide
  const subject = nonEmpty(text(doc.querySelector('.ticket-subject-heading, #Pagearea h2.subject')));
  const who = requester(doc);
  if (!subject && !who.link) return null;
  const main = doc.querySelector('[role="main"], main');
  // Layouts without the contact link (the legacy page's requester widget) name the requester in labelled fields.
  const harvested = harvest([doc.body], { exclude: NOT_THE_REQUESTER });
  return buildContext(doc, url, {
    site: 'freshdesk',
    ...layered(
      who.identities.map((i) => [i.kind, i.value] as const),
      harvested.evidence,
    ),
    displayName: who.name ?? harvested.name,
    recordId: ticket,
    subject,
    conversation: clip(main ? boundedText(main, 5000) : '', 5000),
    visibility: 'private',
    hasReplyBox: freshdesk.replyBox(doc) !== null,
  });
}

const ITEMS = '[data-test-id="ticket-description"], [data-test-id="conversation-wrapper"]';

/** How the ticket came in, from the description's "reported via …" line (English UI); else just Freshdesk. */
function ticketChannel(doc: Document): Channel {
  const header = doc.querySelector('[data-test-id="ticket-description"] .ticket-details__item__header');
  const via = /\bvia\s+(?:the\s+)?([a-z]+)/i.exec(text(header))?.[1]?.toLowerCase() ?? '';
  if (via === 'email') return 'email';
  if (via === 'portal') return 'web';
  if (via === 'chat' || via === 'messaging') return 'chat';
  if (via === 'phone') return 'phone';
  return 'freshdesk';
}

/**
 * Each message the requester wrote on the open ticket (the description and their replies) gets a
 * capture button in its header. Agents' replies and private notes (also an outside person's, which
 * Freshdesk files as notes) get none; so do other non-agents on the ticket, whom the page does not
 * name beyond a display name.
 */
function captureItems(doc: Document, url: URL): CaptureItem[] {
  const ticket = TICKET_PATH.exec(url.pathname)?.[1];
  if (!ticket) return [];
  const who = requester(doc);
  if (!who.link) return [];
  const channel = ticketChannel(doc);
  const permalink = new URL(`/a/tickets/${ticket}`, url.origin).href;
  const country = pageCountry(doc);
  return Array.from(doc.querySelectorAll(ITEMS)).flatMap((item): CaptureItem[] => {
    if (!item.classList.contains('ticket-details__requestor') || item.classList.contains('ticket-details__privatenote')) return [];
    if (/\bnote\b/i.test(text(item.querySelector('[data-test-id="conversation-status"]')))) return [];
    const sender = nonEmpty(text(item.querySelector('[data-test-id="user-name"], .sender-info .user')));
    if (sender && who.name && sender.toLowerCase() !== who.name.toLowerCase()) return [];
    const header = item.querySelector('.conversation-header, .ticket-details__item__header');
    const body = blockText(item.querySelector('[data-test-conversation="conversation-text"], #ticket_original_request, .ticket-details__item__content'));
    if (!header || !body) return [];
    const noteId = item.querySelector('.ticket_note[data-note-id]')?.getAttribute('data-note-id');
    return [
      {
        element: item,
        anchor: header.querySelector('.ticket-actions-container') ?? header,
        draft: {
          site: 'freshdesk',
          channel,
          visibility: 'private',
          identities: who.identities,
          authorName: sender ?? who.name,
          text: body,
          // No message anchor in the gathered markup: the ticket is the link.
          url: permalink,
          externalId: item.getAttribute('data-album') ?? (noteId ? `note_${noteId}` : null),
          // Only display times ("2 days ago", an aria-label in words): nothing machine-readable.
          postedAt: null,
          pageTitle: doc.title || null,
          ...(country ? { country } : {}),
        },
      },
    ];
  });
}

export const freshdesk: SiteAdapter = {
  name: 'freshdesk',
  matches: (url) => url.protocol === 'https:' && url.hostname.endsWith('.freshdesk.com'),
  recordPage: (url) => TICKET_PATH.test(url.pathname),
  read,
  replyBox: (doc) => doc.querySelector<HTMLElement>('[contenteditable="true"][role="textbox"]'),
  captureItems,
};
