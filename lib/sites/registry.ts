// The site registry: one line per site, first match wins; generic is the fallback.
import type { PageContext } from '../schema';
import { dynamics } from './dynamics';
import { facebook } from './facebook';
import { freshdesk } from './freshdesk';
import { generic } from './generic';
import { gmail } from './gmail';
import { hubspot } from './hubspot';
import { salesforce } from './salesforce';
import { twitter } from './twitter';
import type { SiteAdapter } from './types';
import { zendesk } from './zendesk';

export const ADAPTERS: SiteAdapter[] = [twitter, facebook, salesforce, zendesk, hubspot, gmail, freshdesk, dynamics];

export type { SiteAdapter };
export { generic };

/** The adapter for a page; the generic one when no site adapter handles it. */
export function adapterFor(url: URL): SiteAdapter {
  return ADAPTERS.find((a) => a.matches(url)) ?? generic;
}

/**
 * What the page shows: the site adapter's reading, or the generic one's when the site adapter
 * finds nothing (its markers are missing). Null when neither finds anything. A broken adapter
 * (a throw on unexpected markup) also falls back rather than breaking the content script.
 */
export function readContext(doc: Document, url: URL): PageContext | null {
  return readContextWith(adapterFor(url), doc, url);
}

/**
 * The site adapter's own reading, without the generic fallback: null for the generic adapter, when the site's markers
 * are missing, or when the adapter throws (`onError` is told).
 */
export function readSiteContext(adapter: SiteAdapter, doc: Document, url: URL, onError?: (err: unknown) => void): PageContext | null {
  if (adapter === generic) return null;
  try {
    return adapter.read(doc, url);
  } catch (err) {
    onError?.(err);
    return null;
  }
}

/** readContext with a given adapter (a custom site's rule adapter, say), falling back to generic the same way. */
export function readContextWith(adapter: SiteAdapter, doc: Document, url: URL): PageContext | null {
  const ctx = readSiteContext(adapter, doc, url, (err) => console.warn(`[tandem] ${adapter.name} adapter failed; using the generic one`, err));
  if (ctx) return ctx;
  try {
    return generic.read(doc, url);
  } catch {
    return null;
  }
}
