// Evidence: SITES.md "HubSpot": /contacts/<portal>/record/0-1/<id>, [data-selenium-test="highlightTitle"],
// div[data-selenium-test$="-highlight-details"], [data-test-id="about-section"],
// [data-selenium-test="timeline-card"]. Email/phone are read from those sections only (mailto: links,
// else text); the composer has no gathered evidence, so it is found by role/aria only.
import type { IdentityKind, PageContext } from '../schema';
import { findPhones } from './generic';
import { blockText, buildContext, clip, nonEmpty, text } from './dom';
import { identities } from './page-identity';
import type { SiteAdapter } from './types';

const CONTACT_PATH = /^\/contacts\/(\d+)\/(?:record\/0-1|contact)\/(\d+)/;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

function read(doc: Document, url: URL): PageContext | null {
  const m = CONTACT_PATH.exec(url.pathname);
  if (!m) {
    return buildContext(doc, url, { site: 'hubspot', identities: [], displayName: null, recordId: null, subject: null, conversation: '', visibility: 'private', hasReplyBox: false });
  }
  const contactId = m[2]!;
  const title = doc.querySelector('[data-selenium-test="highlightTitle"]');
  const sections = Array.from(doc.querySelectorAll('div[data-selenium-test$="-highlight-details"], [data-test-id="about-section"]'));
  if (!title && sections.length === 0) return null;
  const candidates: Array<[IdentityKind, string | null]> = [];
  for (const s of sections) {
    for (const a of Array.from(s.querySelectorAll('a[href^="mailto:"]'))) candidates.push(['email', a.getAttribute('href')]);
    for (const e of blockText(s).match(EMAIL_IN_TEXT) ?? []) candidates.push(['email', e]);
  }
  for (const s of sections) for (const p of findPhones(blockText(s))) candidates.push(['phone', p]);
  candidates.push(['hubspot', contactId]);
  const timeline = Array.from(doc.querySelectorAll('[data-selenium-test="timeline-card"]')).slice(0, 5).map((c) => blockText(c));
  const replyBox = hubspot.replyBox(doc);
  return buildContext(doc, url, {
    site: 'hubspot',
    identities: identities(candidates),
    displayName: nonEmpty(text(title)),
    recordId: contactId,
    subject: null,
    conversation: clip(timeline.join('\n\n'), 5000),
    visibility: 'private',
    hasReplyBox: replyBox !== null,
  });
}

export const hubspot: SiteAdapter = {
  name: 'hubspot',
  matches: (url) => url.protocol === 'https:' && /^app(-[a-z0-9]+)?\.hubspot\.com$/.test(url.hostname),
  read,
  replyBox: (doc) =>
    doc.querySelector<HTMLElement>('[role="dialog"] [contenteditable="true"][role="textbox"], [contenteditable="true"][role="textbox"]') ??
    doc.querySelector<HTMLElement>('textarea[aria-label]'),
};
