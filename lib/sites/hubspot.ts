// HubSpot: the contact on a contact record, and capture buttons on the emails and messages they sent.
// Email and phone come from the highlight sections only. What it reads, and the public evidence for
// it: docs/sites.md#hubspot.

import { identities } from '../identity/page-identity';
import type { Channel, IdentityKind, PageContext } from '../schema';
import { blockText, buildContext, clip, nobodyInFocus, nonEmpty, pageCountry, text } from './dom';
import { findEmails, findPhones } from './generic';
import { harvest, layered } from './harvest';
import type { CaptureItem, SiteAdapter } from './types';

const CONTACT_PATH = /^\/contacts\/(\d+)\/(?:record\/0-1|contact)\/(\d+)/;

// What a card's own chrome says, left out of its text.
const CARD_CHROME = '[data-selenium-test="timeline-editable-title"], [data-selenium-test="timeline-header-actions"], button';
// "Email from Priya Raman · Nov 18": the kind of activity and who it came from. English UI only.
const FROM_TITLE = /^(email|message|chat|conversation)\b.*?\bfrom\s+(.+?)(?:\s+·.*)?$/i;

function highlightSections(doc: Document): Element[] {
  return Array.from(doc.querySelectorAll('div[data-selenium-test$="-highlight-details"], [data-test-id="about-section"]'));
}

/** The contact's identities: emails and phones from the highlight sections, and the record id. */
function contactCandidates(sections: Element[], contactId: string): Array<[IdentityKind, string | null]> {
  const candidates: Array<[IdentityKind, string | null]> = [];
  for (const s of sections) {
    for (const a of Array.from(s.querySelectorAll('a[href^="mailto:"]'))) candidates.push(['email', a.getAttribute('href')]);
    for (const e of findEmails(blockText(s))) candidates.push(['email', e]);
  }
  for (const s of sections) for (const p of findPhones(blockText(s))) candidates.push(['phone', p]);
  candidates.push(['hubspot', contactId]);
  return candidates;
}

function read(doc: Document, url: URL): PageContext | null {
  const m = CONTACT_PATH.exec(url.pathname);
  if (!m) {
    return nobodyInFocus(doc, url, 'hubspot', 'private');
  }
  const contactId = m[2]!;
  const title = doc.querySelector('[data-selenium-test="highlightTitle"]');
  const sections = highlightSections(doc);
  const sidebar = doc.querySelector('[data-selenium-test="highlightedPropertySidebar"]');
  if (!title && sections.length === 0 && !sidebar) return null;
  // Portals that hide the highlight details show the properties, labelled, in the sidebar only.
  const harvested = harvest([sidebar, ...sections], { exclude: '[data-selenium-test*="owner" i]' });
  const timeline = Array.from(doc.querySelectorAll('[data-selenium-test="timeline-card"]'))
    .slice(0, 5)
    .map((c) => blockText(c, 'button'));
  const replyBox = hubspot.replyBox(doc);
  return buildContext(doc, url, {
    site: 'hubspot',
    ...layered(contactCandidates(sections, contactId), harvested.evidence),
    displayName: nonEmpty(text(title)),
    recordId: contactId,
    subject: null,
    conversation: clip(timeline.join('\n\n'), 5000),
    visibility: 'private',
    hasReplyBox: replyBox !== null,
  });
}

/**
 * On a contact record, each email or message in the timeline that the contact sent gets a capture
 * button beside the card's actions menu; the agents' emails, calls, notes and tasks get none.
 */
function captureItems(doc: Document, url: URL): CaptureItem[] {
  const m = CONTACT_PATH.exec(url.pathname);
  if (!m) return [];
  const contactId = m[2]!;
  const name = nonEmpty(text(doc.querySelector('[data-selenium-test="highlightTitle"]')));
  const found = identities(contactCandidates(highlightSections(doc), contactId));
  const emails = found.filter((i) => i.kind === 'email').map((i) => i.value);
  const permalink = new URL(m[0], url.origin).href;
  const country = pageCountry(doc);
  return Array.from(doc.querySelectorAll('[data-selenium-test="timeline-card"]')).flatMap((card): CaptureItem[] => {
    const title = text(card.querySelector('[data-selenium-test="timeline-editable-title"]') ?? card.querySelector('h1, h2, h3, h4, h5, h6'));
    const from = FROM_TITLE.exec(title);
    if (!from) return [];
    const sender = from[2]!.toLowerCase();
    const fromContact = (name !== null && sender === name.toLowerCase()) || emails.some((e) => sender.includes(e));
    if (!fromContact) return [];
    const actions = card.querySelector('[data-selenium-test="timeline-header-actions"]');
    const channel: Channel = /^email/i.test(from[1]!) ? 'email' : 'chat';
    return [
      {
        element: card,
        anchor: actions?.parentElement ?? card,
        draft: {
          site: 'hubspot',
          channel,
          visibility: 'private',
          identities: found,
          authorName: name,
          text: blockText(card, CARD_CHROME),
          url: permalink,
          externalId: actions?.getAttribute('data-selenium-id') ?? null,
          // The gathered markup shows only a display date ("Nov 18"), no machine-readable time.
          postedAt: null,
          pageTitle: doc.title || null,
          ...(country ? { country } : {}),
        },
      },
    ];
  });
}

export const hubspot: SiteAdapter = {
  name: 'hubspot',
  matches: (url) => url.protocol === 'https:' && /^app(-[a-z0-9]+)?\.hubspot\.com$/.test(url.hostname),
  recordPage: (url) => CONTACT_PATH.test(url.pathname),
  read,
  replyBox: (doc) =>
    doc.querySelector<HTMLElement>('[role="dialog"] [contenteditable="true"][role="textbox"], [contenteditable="true"][role="textbox"]') ??
    doc.querySelector<HTMLElement>('textarea[aria-label]'),
  captureItems,
};
