import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/**
 * Article markdown to safe HTML for extension pages (side panel reader, overlay). Article bodies
 * come from the server but are authored by people, so they are treated as untrusted: marked turns
 * them into HTML, DOMPurify keeps only harmless markup, and every link opens in a new tab without
 * access to our window. Needs a real DOM (an extension page), not the service worker.
 */

const marked = new Marked({ gfm: true, breaks: false, async: false });

// http(s), mailto and tel links, and relative or fragment links; no javascript:, data:, vbscript: …
const SAFE_URL = /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math', 'base', 'meta', 'link'],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction'],
  ALLOWED_URI_REGEXP: SAFE_URL,
  ADD_ATTR: ['target'],
};

// A DOM that only looks like one (happy-dom, see cure53/DOMPurify#1457) makes DOMPurify pass
// hostile markup through. We check once and fail closed: text, never unsanitized HTML.
const PROBE = '<p>a</p><img src="x" onerror="alert(1)"><b>b</b>';
const PROBE_EXPECTED = '<p>a</p><img src="x"><b>b</b>';

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

/** Sanitized HTML for a markdown article body (plain escaped text if no working sanitizer is available). */
export function renderMarkdown(md: string): string {
  const p = getPurifier();
  if (!p) return `<pre>${escapeHtml(md)}</pre>`;
  return p.sanitize(marked.parse(md) as string, CONFIG);
}
