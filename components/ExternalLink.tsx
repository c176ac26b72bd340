import type { ComponentChildren } from 'preact';
import { isHttpUrl } from '../lib/schema/http-url';

/**
 * A link that opens in a new tab without access to our window, or, for anything but http(s) (a
 * `javascript:` or `data:` URL that slipped into stored data), the label and the URL as plain text.
 */
export function ExternalLink({ href, children }: { href: string; children: ComponentChildren }) {
  if (!isHttpUrl(href)) {
    return (
      <span class="tdm-muted">
        {children} ({href})
      </span>
    );
  }
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}
