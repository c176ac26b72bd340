// Evidence: SITES.md "Microsoft Dynamics 365" — none public yet beyond the record URL
// (main.aspx?pagetype=entityrecord&etn=<entity>&id=<guid>) and data-id attributes on form controls
// (emailaddress1…, telephone1…, mobilephone…, header_title). Falls back to generic when they are missing.
import type { IdentityKind, PageContext } from '../schema';
import { buildContext, nonEmpty, text } from './dom';
import { identities } from './page-identity';
import type { SiteAdapter } from './types';

const PERSON_ENTITIES = new Set(['contact', 'lead']);

function params(url: URL): URLSearchParams {
  // Some links carry the record parameters after the hash.
  const p = new URLSearchParams(url.search);
  if (!p.get('pagetype') && url.hash.includes('pagetype=')) return new URLSearchParams(url.hash.replace(/^#/, ''));
  return p;
}

function values(doc: Document, selector: string): string[] {
  return Array.from(doc.querySelectorAll<HTMLInputElement>(selector)).map((el) => (el.value ?? el.getAttribute('value') ?? text(el)).trim()).filter(Boolean);
}

function read(doc: Document, url: URL): PageContext | null {
  const p = params(url);
  if (p.get('pagetype') !== 'entityrecord') return null;
  const entity = (p.get('etn') ?? '').toLowerCase();
  const id = p.get('id');
  const emails = values(doc, 'input[data-id^="emailaddress"]');
  const phones = values(doc, 'input[data-id^="telephone"], input[data-id^="mobilephone"]');
  const title = nonEmpty(text(doc.querySelector('[data-id="header_title"]')));
  if (!title && emails.length === 0 && phones.length === 0) return null;
  const candidates: Array<[IdentityKind, string | null]> = [
    ...emails.map((e): [IdentityKind, string] => ['email', e]),
    ...phones.map((ph): [IdentityKind, string] => ['phone', ph]),
  ];
  if (PERSON_ENTITIES.has(entity)) candidates.push(['dynamics', id]);
  return buildContext(doc, url, {
    site: 'dynamics',
    identities: identities(candidates),
    displayName: title,
    recordId: id ? id.replace(/^\{|\}$/g, '') : null,
    subject: null,
    conversation: text(doc.querySelector('[data-id="notescontrol"]')).slice(0, 5000),
    visibility: 'private',
    hasReplyBox: false,
  });
}

export const dynamics: SiteAdapter = {
  name: 'dynamics',
  matches: (url) => url.protocol === 'https:' && url.hostname.endsWith('.dynamics.com'),
  read,
  replyBox: () => null,
};
