// Never-capture sites: an admin's list of host patterns where capture buttons and screenshots never
// appear (docs/privacy.md "Where Tandem never captures"). Zod-free: the content script checks its own
// host with the same rule the server validates with; the background checks again (the page is hostile).
import { storage } from 'wxt/utils/storage';

export { MAX_NEVER_CAPTURE, neverCaptureProblem } from '../schema/never-capture';

/** Whether a host falls under one pattern. */
export function hostMatches(pattern: string, host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (pattern.startsWith('*.')) return h.endsWith(pattern.slice(1));
  return h === pattern || h.endsWith(`.${pattern}`);
}

/** Whether capture is off on this page's host. */
export function neverCaptureOn(url: string | undefined, patterns: readonly string[]): boolean {
  const host = url ? URL.parse(url)?.hostname : undefined;
  return !!host && patterns.some((p) => hostMatches(p, host));
}

/** The list as this extension last received it (GET /capture-privacy after each sync; none when signed out). */
export const neverCaptureItem = storage.defineItem<string[]>('local:neverCapture', { fallback: [] });

/** The stored patterns that are strings; anything else is skipped, not trusted. */
export async function loadNeverCapture(): Promise<string[]> {
  const value: unknown = await neverCaptureItem.getValue();
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
}
