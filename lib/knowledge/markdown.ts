import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/**
 * Article markdown to safe HTML for extension pages (side panel reader, overlay). Article bodies
 * come from the server but are authored by people, so they are treated as untrusted: marked turns
 * them into HTML, DOMPurify keeps only harmless markup, and every link opens in a new tab without
 * access to our window. Images are not loaded: each becomes a link to it (docs/security.md, "Remote
 * images"), so an author's server never learns who read the article and when. Needs a real DOM (an
 * extension page), not the service worker.
 */

const marked = new Marked({ gfm: true, breaks: false, async: false });

// Links are http(s) only, as everywhere in Tandem (lib/schema/http-url.ts): any other href is dropped and the link stays text.
const SAFE_URL = /^https?:/i;

const CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math', 'base', 'meta', 'link'],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction'],
  ALLOWED_URI_REGEXP: SAFE_URL,
  ADD_ATTR: ['target'],
};

// A DOM that only looks like one (happy-dom, see cure53/DOMPurify#1457) makes DOMPurify pass
// hostile markup through. We check once and fail closed: text, never unsanitized HTML.
const PROBE = '<p>a</p><img src="https://x.test/" onerror="alert(1)"><b>b</b>';
const PROBE_EXPECTED = '<p>a</p><img src="https://x.test/"><b>b</b>';

type Purifier = ReturnType<typeof DOMPurify>;
let purifier: Purifier | null | undefined;

function getPurifier(): Purifier | null {
  if (purifier !== undefined) return purifier;
  if (typeof window === 'undefined') throw new Error('renderMarkdown needs a DOM (an extension page), not a service worker');
  // Our own instance, so our hooks do not leak into anyone else's DOMPurify.
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      if (node.hasAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      } else node.removeAttribute('target');
    }
  });
  const works = p.isSupported && p.sanitize(PROBE, CONFIG) === PROBE_EXPECTED;
  if (!works) console.error('renderMarkdown: the HTML sanitizer does not work in this environment; showing articles as plain text');
  purifier = works ? p : null;
  return purifier;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "Image: <alt> (opens <host>)" as a link to the image, or as text when it has no http(s) source or sits inside a link already. */
function imageAsLink(img: HTMLImageElement): Node {
  const alt = img.getAttribute('alt')?.trim() || 'untitled';
  const src = img.getAttribute('src') ?? '';
  if (!SAFE_URL.test(src) || img.closest('a')) return img.ownerDocument.createTextNode(`Image: ${alt}`);
  const link = img.ownerDocument.createElement('a');
  link.href = src;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.textContent = `Image: ${alt} (opens ${new URL(src).host})`;
  return link;
}

/** Sanitized HTML for a markdown article body (plain escaped text if no working sanitizer is available). */
export function renderMarkdown(md: string): string {
  const p = getPurifier();
  if (!p) return `<pre>${escapeHtml(md)}</pre>`;
  // An inert document: nothing in the sanitized body loads before its images are replaced.
  const body = p.sanitize(marked.parse(md) as string, { ...CONFIG, RETURN_DOM_FRAGMENT: true });
  for (const img of Array.from(body.querySelectorAll('img'))) img.replaceWith(imageAsLink(img));
  const html = body.ownerDocument.createElement('div');
  html.append(body);
  return html.innerHTML;
}
