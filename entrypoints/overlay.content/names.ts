/**
 * Names for Tandem's elements in the page's DOM, drawn afresh on every page load: no fixed element
 * name or `data-tandem-*` attribute tells a page that Tandem is installed (docs/security.md).
 */
function unpredictableWord(length: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(length)), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
}

/** The overlay's shadow host: a custom element name (letters, one hyphen) nobody can guess. */
export const OVERLAY_HOST = `${unpredictableWord(6)}-${unpredictableWord(6)}`;
/** The host of each capture button (its closed shadow root holds the button): another name nobody can guess. */
export const CAPTURE_HOST = `${unpredictableWord(6)}-${unpredictableWord(6)}`;
/** The attribute that marks a capture button's host with its item's id. */
export const CAPTURE_MARK = `data-${unpredictableWord(8)}`;
