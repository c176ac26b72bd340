// Evidence: SITES.md "Freshdesk" (weakest): mint UI .ticket-subject-heading, .breadcrumb__item.active,
// legacy #Pagearea h2.subject / #ticket-display-id; ticket id in /a/tickets/<id>. Who the requester is
// comes from the contact link (/a/contacts/<id>) and a generic scan of the card around it.
import type { IdentityKind, PageContext } from '../schema';
import { blockText, buildContext, clip, nonEmpty, text } from './dom';
import { boundedText, scanIdentities } from './generic';
import { identities } from './page-identity';
import type { SiteAdapter } from './types';

const TICKET_PATH = /^\/a\/tickets\/(\d{1,20})/;
const CONTACT_HREF = /\/a\/contacts\/(\d{1,20})/;

function read(doc: Document, url: URL): PageContext | null {
  const ticket = TICKET_PATH.exec(url.pathname)?.[1] ?? null;
  if (!ticket) return null; // lists and dashboards: let the generic adapter decide
  const subject = nonEmpty(text(doc.querySelector('.ticket-subject-heading, #Pagearea h2.subject')));
  const contact = doc.querySelector('a[href*="/a/contacts/"]');
  const card = contact?.closest('aside, section, [role="region"]') ?? contact?.parentElement ?? null;
  if (!subject && !contact) return null;
  const found = scanIdentities(card ? blockText(card) : '', { root: card });
  const contactId: Array<[IdentityKind, string | null]> = [['freshdesk', CONTACT_HREF.exec(contact?.getAttribute('href') ?? '')?.[1] ?? null]];
  const main = doc.querySelector('[role="main"], main');
  return buildContext(doc, url, {
    site: 'freshdesk',
    identities: [...found.filter((i) => i.kind !== 'twitter'), ...identities(contactId)],
    displayName: nonEmpty(text(contact)),
    recordId: ticket,
    subject,
    conversation: clip(main ? boundedText(main, 5000) : '', 5000),
    visibility: 'private',
    hasReplyBox: freshdesk.replyBox(doc) !== null,
  });
}

export const freshdesk: SiteAdapter = {
  name: 'freshdesk',
  matches: (url) => url.protocol === 'https:' && url.hostname.endsWith('.freshdesk.com'),
  read,
  replyBox: (doc) => doc.querySelector<HTMLElement>('[contenteditable="true"][role="textbox"]'),
};
