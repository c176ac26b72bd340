// The fallback for pages no site adapter knows (and for sites whose markers are missing): the first
// email, else phone number, else @handle in the agent's selection, else in the page's main content.
// One person a page: a page that lists many (or plants them) must not have them all looked up
// (docs/security.md, "No enumeration"). Bounded: at most MAX_TEXT characters are scanned.

import { identities, phoneCandidate } from '../identity/page-identity';
import type { IdentityKind, PageContext } from '../schema';
import { buildContext, clip, nonEmpty } from './dom';
import type { SiteAdapter } from './types';

const MAX_TEXT = 20_000;
const MAX_EACH = 10;
// An address starts at a word's start: not inside a longer run of address characters, nor right after an invisible
// character (a zero-width space would otherwise make "jane\u200b.doe@…" read as ".doe@…", another address). The
// local part is at most 64 characters (RFC 5321): both keep the scan linear on a page's megabyte of letters.
const EMAIL_IN_TEXT = /(?<![A-Za-z0-9._%+\-\u200b-\u200d\u2060\ufeff])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// An @handle not glued to a word (so not the domain part of an email) and not followed by a domain.
const HANDLE_IN_TEXT = /(?<![\w@./])@([A-Za-z0-9_]{1,15})(?![\w@]|\.\w)/g;
// A run of digits with the separators people write phone numbers with, optionally after + or (.
const PHONE_IN_TEXT = /(?<![\w+@/.-])(?:\+|\b00)?\(?\d[\d\s().\-/\u00a0]{5,22}\d(?![\w@]|[.-]\d)/g;
const DATE_LIKE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/;
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CODE']);

/** Email addresses in free text, in order (see EMAIL_IN_TEXT for where one may start). */
export function findEmails(s: string): string[] {
  return (s.match(EMAIL_IN_TEXT) ?? []).slice(0, MAX_EACH * 2);
}

const BRACKETED_ADDRESS = /<\s*([^<>\s]{1,64}@[^<>\s]{1,255})\s*>/;

/**
 * The address of "Name <address>": the bracketed one, whatever the name says (a sender may call themselves
 * "jane.doe@example.com"), else the text's first email. The bracketed one is not re-read: with an invisible
 * character in it, it is no address at all (lib/identity/page-identity.ts refuses it) rather than a piece of one.
 */
export function addressIn(s: string): string | null {
  return BRACKETED_ADDRESS.exec(s)?.[1] ?? findEmails(s)[0] ?? null;
}

/**
 * Phone-number candidates in free text, as "+<digits>" or national digits (see phoneCandidate).
 * A cheap pattern rather than libphonenumber's text scanner, which needs the phone metadata in the
 * content script: the background validates each candidate (and drops dates, order numbers…).
 */
export function findPhones(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(PHONE_IN_TEXT)) {
    const written = m[0].trim();
    if (DATE_LIKE.test(written)) continue;
    const candidate = phoneCandidate(written);
    if (candidate && candidate.replace('+', '').length >= 7 && candidate.replace('+', '').length <= 15 && !out.includes(candidate)) out.push(candidate);
    if (out.length >= MAX_EACH) break;
  }
  return out;
}

export function findHandles(s: string): string[] {
  return Array.from(s.matchAll(HANDLE_IN_TEXT), (m) => m[1]!).slice(0, MAX_EACH * 2);
}

/** Text of a subtree without scripts and styles, stopping after max characters. */
export function boundedText(root: Node, max = MAX_TEXT): string {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let out = '';
  for (let node = walker.nextNode(); node && out.length < max; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && (SKIP.has(parent.tagName.toUpperCase()) || parent.closest('script, style, noscript, template'))) continue;
    const t = node.textContent ?? '';
    if (t.trim()) out += `${t} `;
  }
  return out.replace(/\s+/g, ' ').slice(0, max).trim();
}

function mainContent(doc: Document): Element | null {
  return doc.querySelector('main, [role="main"], article') ?? doc.body;
}

/** Identities found in a piece of text (and links of a root, when given), most specific first. */
export function scanIdentities(s: string, opts: { root?: Element | null } = {}) {
  const candidates: Array<[IdentityKind, string]> = [];
  if (opts.root) {
    for (const a of Array.from(opts.root.querySelectorAll('a[href^="mailto:"]')).slice(0, MAX_EACH)) candidates.push(['email', a.getAttribute('href')!]);
  }
  for (const e of findEmails(s)) candidates.push(['email', e]);
  if (opts.root) {
    for (const a of Array.from(opts.root.querySelectorAll('a[href^="tel:"]')).slice(0, MAX_EACH)) candidates.push(['phone', a.getAttribute('href')!]);
  }
  for (const p of findPhones(s)) candidates.push(['phone', p]);
  for (const h of findHandles(s)) candidates.push(['twitter', h]);
  const found = identities(candidates);
  const capped: typeof found = [];
  const perKind = new Map<string, number>();
  for (const id of found) {
    const n = perKind.get(id.kind) ?? 0;
    if (n >= MAX_EACH) continue;
    perKind.set(id.kind, n + 1);
    capped.push(id);
  }
  return capped;
}

function selectionText(doc: Document): string {
  const sel = doc.getSelection?.() ?? doc.defaultView?.getSelection() ?? null;
  return sel ? sel.toString().slice(0, MAX_TEXT).trim() : '';
}

function read(doc: Document, url: URL): PageContext | null {
  const selected = selectionText(doc);
  const root = selected ? null : mainContent(doc);
  const scanned = selected || (root ? boundedText(root) : '');
  // Most specific first (emails, phones, handles): the one person the page is most likely about.
  const found = scanIdentities(scanned, { root }).slice(0, 1);
  if (found.length === 0) return null;
  const replyBox = generic.replyBox(doc);
  return buildContext(doc, url, {
    site: 'generic',
    identities: found,
    displayName: null,
    recordId: null,
    subject: nonEmpty(doc.title),
    conversation: clip(selected, 5000),
    visibility: 'private',
    hasReplyBox: replyBox !== null,
  });
}

export const generic: SiteAdapter = {
  name: 'generic',
  matches: () => true,
  read,
  /** The editable element the agent is in, if any: generic pages have no known reply box. */
  replyBox(doc) {
    const el = doc.activeElement as HTMLElement | null;
    if (!el || el === doc.body) return null;
    if (el.isContentEditable || el.getAttribute('contenteditable') === 'true' || el.tagName === 'TEXTAREA') return el;
    return null;
  },
};
