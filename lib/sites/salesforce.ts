// Salesforce Lightning: the contact, lead or case contact on a record page (values may sit in open
// shadow roots; hidden console tabs keep their DOM), and capture buttons on a case feed's items from
// the contact. What it reads, and the public evidence for it: docs/sites.md#salesforce.

import { identities } from '../identity/page-identity';
import type { Channel, IdentityKind, PageContext } from '../schema';
import { blockText, buildContext, deepQuery, deepText, isHidden, isoTime, nobodyInFocus, nonEmpty, text } from './dom';
import { harvest, layered } from './harvest';
import type { CaptureItem, SiteAdapter } from './types';

const RECORD_PATH = /^\/lightning\/r\/([A-Za-z0-9_]+)\/([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\/view/;
const LOOKUP_HREF = /\/lightning\/r\/(?:[A-Za-z0-9_]+\/)?([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\/view/;
const PERSON_OBJECTS = new Set(['Contact', 'Lead']);
// What the harvest skips on a record: the feed (agents' emails, other people's posts) and the users' lookups (owner, creator).
const NOT_THE_PERSON =
  '.forceChatterFeed, [aria-label="Feed"], article.cuf-feedItem, records-record-layout-item[field-label*="Owner"], records-record-layout-item[field-label*="Created By"], records-record-layout-item[field-label*="Modified By"]';

/** The console tab the agent is looking at; hidden tabs keep their DOM. */
export function visibleTab(doc: Document): ParentNode {
  const active = doc.querySelector('.windowViewMode-normal.active, .windowViewMode-maximized.active');
  if (active) return active;
  const shown = Array.from(doc.querySelectorAll('.windowViewMode-normal, .windowViewMode-maximized')).find((el) => !isHidden(el));
  return shown ?? doc;
}

function field(scope: ParentNode, label: string): Element | null {
  return deepQuery(scope, `records-record-layout-item[field-label="${label}"]`);
}

/** A field's value: a mailto:/tel: link target when there is one, else its formatted text. */
function fieldValue(scope: ParentNode, label: string, linkScheme?: 'mailto:' | 'tel:'): string | null {
  const item = field(scope, label);
  if (!item) return null;
  if (linkScheme) {
    const link = deepQuery<HTMLAnchorElement>(item, `a[href^="${linkScheme}"]`);
    const href = link?.getAttribute('href');
    if (href) return href.slice(linkScheme.length);
  }
  const formatted = deepQuery(
    item,
    'lightning-formatted-email, lightning-formatted-phone, lightning-formatted-text, lightning-formatted-name, force-lookup, [data-output-element-id="output-field"], .test-id__field-value',
  );
  return nonEmpty(deepText(formatted));
}

function lookupId(scope: ParentNode, label: string): { id: string | null; name: string | null } {
  const item = field(scope, label);
  const link = item ? deepQuery<HTMLAnchorElement>(item, 'force-lookup a[href], a[href*="/lightning/r/"]') : null;
  const id = LOOKUP_HREF.exec(link?.getAttribute('href') ?? '')?.[1] ?? null;
  return { id, name: nonEmpty(deepText(link)) };
}

function read(doc: Document, url: URL): PageContext | null {
  const match = RECORD_PATH.exec(url.pathname);
  if (!match) {
    return nobodyInFocus(doc, url, 'salesforce', 'private');
  }
  const [, object, recordId] = match as unknown as [string, string, string];
  const tab = visibleTab(doc);
  const title = nonEmpty(deepText(deepQuery(tab, '.slds-page-header__title lightning-formatted-name, .slds-page-header__title lightning-formatted-text')));
  const candidates: Array<[IdentityKind, string | null]> = [];
  let displayName: string | null = null;
  let subject: string | null = null;
  let conversation = '';

  if (object === 'Case') {
    const contact = lookupId(tab, 'Contact Name');
    candidates.push(['email', fieldValue(tab, 'Contact Email', 'mailto:')]);
    candidates.push(['phone', fieldValue(tab, 'Contact Phone', 'tel:')]);
    candidates.push(['phone', fieldValue(tab, 'Contact Mobile', 'tel:')]);
    candidates.push(['salesforce', contact.id]);
    displayName = contact.name;
    subject = fieldValue(tab, 'Subject');
    conversation = [subject, fieldValue(tab, 'Description')].filter(Boolean).join('\n\n');
  } else {
    candidates.push(['email', fieldValue(tab, 'Email', 'mailto:')]);
    candidates.push(['phone', fieldValue(tab, 'Phone', 'tel:')]);
    candidates.push(['phone', fieldValue(tab, 'Mobile', 'tel:')]);
    if (PERSON_OBJECTS.has(object)) candidates.push(['salesforce', recordId]);
    displayName = title ?? fieldValue(tab, 'Name');
    conversation = fieldValue(tab, 'Description') ?? '';
  }
  if (!title && !deepQuery(tab, 'records-record-layout-item')) return null; // record not rendered yet
  // The highlights panel, other layouts' fields and Web-to-Case fields, through Lightning's shadow roots.
  const harvested = harvest([tab instanceof Element ? tab : doc.body], { exclude: NOT_THE_PERSON, shadow: true });
  return buildContext(doc, url, {
    site: 'salesforce',
    ...layered(candidates, harvested.evidence),
    displayName: displayName ?? harvested.name,
    recordId,
    subject,
    conversation,
    visibility: 'private',
    hasReplyBox: false,
  });
}

const FEED_ITEM = 'article.cuf-feedItem, article.forceChatterFeedItem';

/**
 * An email's text. Lightning renders the body into an iframe from the HTML in the value attribute;
 * that HTML is parsed into an inert document (no scripts run, nothing loads) and only its text kept.
 */
function feedItemBody(item: Element): string {
  const email = item.querySelector('.emailMessageBody');
  const shown = blockText(email, 'emailui-rich-text-output') || blockText(item.querySelector('.forceChatterFeedBodyText, .feedBodyInner'));
  if (shown) return shown;
  const html = item.querySelector('emailui-rich-text-output')?.getAttribute('value');
  if (!html) return '';
  return blockText(new DOMParser().parseFromString(html, 'text/html').body, 'script, style, template');
}

/**
 * On a case record, each item of the case feed written by the case's contact (an email they sent,
 * a post from the portal) gets a capture button in its header; the agents' emails and internal
 * posts get none. The customer is the case's contact: their email and contact id.
 */
function captureItems(doc: Document, url: URL): CaptureItem[] {
  const match = RECORD_PATH.exec(url.pathname);
  if (match?.[1] !== 'Case') return [];
  const tab = visibleTab(doc);
  const contact = lookupId(tab, 'Contact Name');
  const email = fieldValue(tab, 'Contact Email', 'mailto:');
  if (!contact.id && !email) return [];
  const customer = identities([
    ['email', email],
    ['salesforce', contact.id],
  ]);
  const permalink = new URL(`/lightning/r/Case/${match[2]}/view`, url.origin).href;
  return Array.from(tab.querySelectorAll(FEED_ITEM)).flatMap((item): CaptureItem[] => {
    const header = item.querySelector('.forceChatterFeedItemHeader');
    const author = header?.querySelector('.preamble_left a.forceChatterEntityLink, .preamble_left a[href]') ?? null;
    const authorId = author?.getAttribute('data-id') ?? LOOKUP_HREF.exec(author?.getAttribute('href') ?? '')?.[1] ?? null;
    const fromContact = contact.id && authorId ? authorId === contact.id : !!contact.name && text(author) === contact.name;
    if (!header || !fromContact) return [];
    const body = feedItemBody(item);
    if (!body) return [];
    const type = item.getAttribute('data-type') ?? '';
    const channel: Channel = /Email/i.test(type) || item.querySelector('.emailMessageBody') ? 'email' : 'salesforce';
    return [
      {
        element: item,
        anchor: header,
        draft: {
          site: 'salesforce',
          channel,
          visibility: 'private',
          identities: customer,
          authorName: nonEmpty(text(author)) ?? contact.name,
          text: body,
          url: permalink,
          externalId: item.getAttribute('data-id'),
          postedAt: isoTime(header.querySelector('a.cuf-timestamp time[datetime], time[datetime]')?.getAttribute('datetime')),
          pageTitle: doc.title || null,
        },
      },
    ];
  });
}

export const salesforce: SiteAdapter = {
  name: 'salesforce',
  matches: (url) => url.protocol === 'https:' && url.hostname.endsWith('.lightning.force.com'),
  recordPage: (url) => RECORD_PATH.test(url.pathname),
  read,
  // The Lightning publisher is not in the evidence gathered so far: no reply box yet.
  replyBox: () => null,
  observeRoot: (doc) => doc.querySelector('.oneCenterStage'),
  captureItems,
};
