// Microsoft Dynamics 365: the person on a contact or lead record (data-id form controls), and capture
// buttons on the Timeline's emails and calls from them; falls back to generic when the controls are
// missing. What it reads, and the public evidence for it: docs/sites.md#dynamics.

import { identities } from '../identity/page-identity';
import type { Channel, Identity, IdentityKind, PageContext } from '../schema';
import { blockText, buildContext, nonEmpty, pageCountry, text } from './dom';
import { harvest, layered } from './harvest';
import type { CaptureItem, SiteAdapter } from './types';

const PERSON_ENTITIES = new Set(['contact', 'lead']);
// What the harvest skips on a form: the Timeline (agents' emails) and the users' fields (owner, creator).
const NOT_THE_PERSON = '[data-id="notescontrol"], [data-id^="ownerid"], [data-id^="createdby"], [data-id^="modifiedby"]';

function params(url: URL): URLSearchParams {
  // Some links carry the record parameters after the hash.
  const p = new URLSearchParams(url.search);
  if (!p.get('pagetype') && url.hash.includes('pagetype=')) return new URLSearchParams(url.hash.replace(/^#/, ''));
  return p;
}

function values(doc: Document, selector: string): string[] {
  return Array.from(doc.querySelectorAll<HTMLInputElement>(selector))
    .map((el) => (el.value ?? el.getAttribute('value') ?? text(el)).trim())
    .filter(Boolean);
}

/** The record's person identities as the form shows them: emails, phones, and the record id on a contact or lead. */
function recordIdentities(doc: Document, entity: string, id: string | null): { emails: string[]; phones: string[]; found: Identity[] } {
  const emails = values(doc, 'input[data-id^="emailaddress"]');
  const phones = values(doc, 'input[data-id^="telephone"], input[data-id^="mobilephone"]');
  const candidates: Array<[IdentityKind, string | null]> = [
    ...emails.map((e): [IdentityKind, string] => ['email', e]),
    ...phones.map((ph): [IdentityKind, string] => ['phone', ph]),
  ];
  if (PERSON_ENTITIES.has(entity)) candidates.push(['dynamics', id]);
  return { emails, phones, found: identities(candidates) };
}

function read(doc: Document, url: URL): PageContext | null {
  const p = params(url);
  if (p.get('pagetype') !== 'entityrecord') return null;
  const entity = (p.get('etn') ?? '').toLowerCase();
  const id = p.get('id');
  const { emails, phones, found } = recordIdentities(doc, entity, id);
  const title = nonEmpty(text(doc.querySelector('[data-id="header_title"]')));
  if (!title && emails.length === 0 && phones.length === 0) return null;
  // Read-only forms and header fields show values without the input controls: labelled fields and links.
  const harvested = PERSON_ENTITIES.has(entity) ? harvest([doc.body], { exclude: NOT_THE_PERSON }) : { evidence: [] };
  return buildContext(doc, url, {
    site: 'dynamics',
    ...layered(
      found.map((i) => [i.kind, i.value] as const),
      harvested.evidence,
    ),
    displayName: title,
    recordId: id ? id.replace(/^\{|\}$/g, '') : null,
    subject: null,
    conversation: text(doc.querySelector('[data-id="notescontrol"]')).slice(0, 5000),
    visibility: 'private',
    hasReplyBox: false,
  });
}

const TITLE = 'label[data-id^="notescontrol-timeline_record_header_title"]';
const RECORD_CONTAINER = /^timeline_record_container(.+?)notescontrol$/;
// "Email from: Olu Adeyemi": the kind of activity and who it came from. English UI only; the wording is not
// in the gathered evidence, so anything else (notes, posts, tasks, an unreadable title) gets no button.
const FROM_TITLE = /^(email|phone call)\s+from:?\s+(.+)$/i;

/** The record's own address, without the UI's extra parameters (navbar, cmdbar, forms). */
function recordUrl(url: URL, p: URLSearchParams, entity: string, id: string): string {
  const out = new URL('/main.aspx', url.origin);
  const appid = p.get('appid');
  if (appid) out.searchParams.set('appid', appid);
  out.searchParams.set('pagetype', 'entityrecord');
  out.searchParams.set('etn', entity);
  out.searchParams.set('id', id);
  return out.href;
}

/**
 * On a contact or lead record, each email or phone call in the Timeline that came from that person
 * gets a capture button in the record's header; the agents' emails, notes and posts get none. Other
 * records (cases, accounts) name their customer through lookups whose markup is not in the evidence,
 * so they get no buttons yet.
 */
function captureItems(doc: Document, url: URL): CaptureItem[] {
  const p = params(url);
  const entity = (p.get('etn') ?? '').toLowerCase();
  const id = p.get('id');
  if (p.get('pagetype') !== 'entityrecord' || !PERSON_ENTITIES.has(entity) || !id) return [];
  const { emails, found } = recordIdentities(doc, entity, id);
  const name = nonEmpty(text(doc.querySelector('[data-id="header_title"]')));
  const permalink = recordUrl(url, p, entity, id);
  const country = pageCountry(doc);
  const timeline = doc.querySelector('[data-id="notescontrol"]');
  if (!timeline) return [];
  return Array.from(timeline.querySelectorAll('div[id^="timeline_record_container"]')).flatMap((record): CaptureItem[] => {
    const activityId = RECORD_CONTAINER.exec(record.id)?.[1] ?? null;
    const title = record.querySelector(TITLE);
    const from = FROM_TITLE.exec(text(title));
    if (!activityId || !title || !from) return [];
    const sender = from[2]!.trim().toLowerCase();
    const fromRecord = (name !== null && sender === name.toLowerCase()) || emails.some((e) => e.toLowerCase() === sender);
    if (!fromRecord) return [];
    const header = title.parentElement ?? record;
    const channel: Channel = /^email/i.test(from[1]!) ? 'email' : 'phone';
    return [
      {
        element: record,
        anchor: header,
        draft: {
          site: 'dynamics',
          channel,
          visibility: 'private',
          identities: found,
          authorName: name,
          text: bodyText(record),
          url: permalink,
          externalId: activityId,
          // Only display dates on the record: nothing machine-readable.
          postedAt: null,
          pageTitle: doc.title || null,
          ...(country ? { country } : {}),
        },
      },
    ];
  });
}

/** A timeline record's text without its header (title, status, date) and buttons. */
function bodyText(record: Element): string {
  const copy = record.cloneNode(true) as Element;
  const title = copy.querySelector(TITLE);
  const header = title?.parentElement;
  (header && header !== copy ? header : title)?.remove();
  return blockText(copy, 'button');
}

export const dynamics: SiteAdapter = {
  name: 'dynamics',
  matches: (url) => url.protocol === 'https:' && url.hostname.endsWith('.dynamics.com'),
  recordPage: (url) => params(url).get('pagetype') === 'entityrecord',
  read,
  replyBox: () => null,
  captureItems,
};
