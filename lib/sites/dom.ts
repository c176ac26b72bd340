import type { PageContext } from '../schema';

/** Visible-ish text of an element: textContent with whitespace collapsed. */
export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A string or null when empty. */
export function nonEmpty(s: string | null | undefined): string | null {
  const t = (s ?? '').trim();
  return t ? t : null;
}

/** Cuts to at most max characters, on a word boundary when one is close. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max - 40 ? cut.slice(0, space) : cut).trimEnd();
}

/** Keeps the end of a long conversation: the latest messages say most about what is needed now. */
export function clipTail(s: string, max: number): string {
  return s.length <= max ? s : s.slice(s.length - max).trimStart();
}

/**
 * querySelector that also looks into open shadow roots (Lightning renders many values there).
 * Light DOM first; shadow roots only when the light DOM has no match. Bounded by maxNodes.
 */
export function deepQuery<E extends Element = Element>(root: ParentNode, selector: string, maxNodes = 5000): E | null {
  const direct = root.querySelector<E>(selector);
  if (direct) return direct;
  const queue: ParentNode[] = [root];
  let visited = 0;
  while (queue.length) {
    const node = queue.shift()!;
    for (const el of Array.from(node.querySelectorAll('*'))) {
      if (++visited > maxNodes) return null;
      const shadow = el.shadowRoot;
      if (!shadow) continue;
      const found = shadow.querySelector<E>(selector);
      if (found) return found;
      queue.push(shadow);
    }
  }
  return null;
}

/** Text of an element including what its open shadow root renders (when the light DOM is empty). */
export function deepText(el: Element | null | undefined): string {
  if (!el) return '';
  const light = text(el);
  if (light) return light;
  const shadow = el.shadowRoot;
  return shadow ? (shadow.textContent ?? '').replace(/\s+/g, ' ').trim() : '';
}

/** Whether an element is hidden by an attribute or inline style on it or an ancestor (no layout needed). */
export function isHidden(el: Element): boolean {
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    if (cur.hasAttribute('hidden') || cur.getAttribute('aria-hidden') === 'true') return true;
    const style = (cur as HTMLElement).style;
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return true;
  }
  return false;
}

export function firstEditable(root: ParentNode | null | undefined, selectors: readonly string[]): HTMLElement | null {
  if (!root) return null;
  for (const s of selectors) {
    const el = root.querySelector<HTMLElement>(s);
    if (el) return el;
  }
  return null;
}

type Draft = Omit<PageContext, 'url' | 'conversation' | 'displayName' | 'recordId' | 'subject' | 'country' | 'evidence'> & {
  /** Where each identity was read (lib/sites/harvest.ts, layered). */
  evidence?: PageContext['evidence'];
  conversation: string;
  displayName: string | null;
  recordId: string | null;
  subject: string | null;
};

/**
 * Builds a PageContext from what an adapter read, clipping page text to the schema's limits. No zod
 * here (it would double the content script): the shape is fixed by the types and every length is
 * clipped, and the background parses the context with the PageContext schema when it arrives.
 */
export function buildContext(doc: Document, url: URL, draft: Draft): PageContext {
  const country = pageCountry(doc);
  return {
    site: draft.site.slice(0, 50),
    url: url.href,
    identities: draft.identities.slice(0, 50).map((i) => ({ kind: i.kind, value: i.value.slice(0, 320) })),
    ...(draft.evidence ? { evidence: draft.evidence.slice(0, 50).map((e) => ({ ...e, value: e.value.slice(0, 320) })) } : {}),
    displayName: draft.displayName ? clip(draft.displayName, 200) : null,
    recordId: draft.recordId ? draft.recordId.slice(0, 200) : null,
    subject: draft.subject ? clip(draft.subject, 500) : null,
    conversation: clip(draft.conversation.trim(), 5000),
    visibility: draft.visibility,
    hasReplyBox: draft.hasReplyBox,
    ...(country ? { country } : {}),
  };
}

/** A page of the site where nobody is in focus (a list, a feed, a dashboard): only the site and whether it can reply. */
export function nobodyInFocus(doc: Document, url: URL, site: string, visibility: PageContext['visibility'], hasReplyBox = false): PageContext {
  return buildContext(doc, url, { site, identities: [], displayName: null, recordId: null, subject: null, conversation: '', visibility, hasReplyBox });
}

const REGION = /^[a-z]{2,3}[-_]([A-Z]{2})$/i;

/**
 * The page's country from <html lang="en-US">, to read national phone numbers the way the page
 * shows them (the background checks it is a country libphonenumber knows). Undefined when the page
 * does not say.
 */
export function pageCountry(doc: Document): string | undefined {
  const lang = doc.documentElement?.getAttribute('lang') ?? '';
  return REGION.exec(lang.trim())?.[1]?.toUpperCase();
}

/** Text of an element where <br> and block boundaries become spaces, without the parts matching exclude. */
export function blockText(el: Element | null | undefined, exclude?: string): string {
  if (!el) return '';
  const copy = el.cloneNode(true) as Element;
  if (exclude) for (const x of Array.from(copy.querySelectorAll(exclude))) x.remove();
  for (const br of Array.from(copy.querySelectorAll('br, p, div, li, dt, dd, td, th, tr, h1, h2, h3, h4, h5, h6, section, article'))) br.before(' ');
  return text(copy);
}

/** A page's machine-readable time (a datetime attribute) as an ISO timestamp, or null when it is not one. */
export function isoTime(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
