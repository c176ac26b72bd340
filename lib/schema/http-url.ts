/**
 * Whether a URL may be stored and shown as a link: http(s) only. A `javascript:`, `data:`, `file:` or
 * `chrome-extension:` URL planted by a page or an author stays text. Zod-free, so the content
 * script's components use the same rule the schemas enforce (HttpUrl in ./entities.ts).
 */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
