import { onTrusted } from '../../components/trusted';
import { CAPTURE_HOST, CAPTURE_MARK } from './names';

/**
 * One capture button beside a post: a host element the page sees (its name and the item mark, nothing
 * else) and a *closed* shadow root holding the real button. Whether the post is a case already shows
 * only inside the root, so a page script cannot tell which of its posts the organisation captured
 * (docs/security.md, "Nothing private in the page's DOM").
 */

/** Width and height of every capture host: "Capture" and "Case ✓" fit, the pending label is ellipsised. */
const WIDTH_PX = 112;
const HEIGHT_PX = 22;

// The host's box is fixed with !important inside the root: a shadow root's important declarations win over the
// page's, even its inline !important, so no page rule can let the label's width show through the host's size.
// Visibility is left alone: screenshotFor hides the hosts with an inline style. The text takes the page's colour, as before.
// The label is generated content (attr()), not a text node: window.find() and the selection cannot reach it.
const CSS = `
:host { all: initial; color: inherit; display: inline-block !important; box-sizing: border-box !important; width: ${WIDTH_PX}px !important; height: ${HEIGHT_PX}px !important; min-width: 0 !important; max-width: none !important; min-height: 0 !important; max-height: none !important; margin: 0 0 0 8px !important; padding: 0 !important; border: 0 !important; overflow: hidden !important; contain: strict !important; vertical-align: middle; }
button { all: initial; box-sizing: border-box; display: block; width: 100%; height: 100%; padding: 0 8px; border: 1px solid #8b98a5; border-radius: ${HEIGHT_PX / 2}px; background: transparent; color: inherit; font: 12px/${HEIGHT_PX - 2}px system-ui, sans-serif; text-align: center; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; cursor: pointer; user-select: none; }
button::before { content: attr(data-label); }
button:hover { background: rgba(127, 127, 127, .12); }
button:focus-visible { outline: 2px solid #3b82f6; outline-offset: -2px; }
`;

/** The button inside each host's closed root (only this module can reach it), and whose post it captures. */
const controls = new WeakMap<Element, { button: HTMLButtonElement; post: string }>();

/** Selects every capture host in a document or part of it. */
export const CAPTURE_HOSTS = `${CAPTURE_HOST}[${CAPTURE_MARK}]`;

function label(button: HTMLButtonElement, shown: string, spoken: string): void {
  button.setAttribute('data-label', shown);
  button.setAttribute('aria-label', spoken);
  button.title = spoken;
}

/**
 * Builds the host for an item (`post`: "Priya's post", what the agent hears) and returns it for the adapter's
 * anchor; null when the page has taken the host's name and its element refuses a shadow root (the page
 * then simply gets no button).
 */
export function createCaptureButton(doc: Document, externalId: string, post: string, onPress: () => void): HTMLElement | null {
  const host = doc.createElement(CAPTURE_HOST);
  let root: ShadowRoot;
  try {
    root = host.attachShadow({ mode: 'closed' });
  } catch {
    return null;
  }
  host.setAttribute(CAPTURE_MARK, externalId);
  const style = doc.createElement('style');
  style.textContent = CSS;
  const button = doc.createElement('button');
  button.type = 'button';
  label(button, 'Capture', `Capture ${post} as a case`);
  button.addEventListener(
    'click',
    onTrusted((e) => {
      e.preventDefault();
      e.stopPropagation();
      onPress();
    }),
  );
  root.append(style, button);
  controls.set(host, { button, post });
  return host;
}

/** Shows on the host's button that its post is a case (still `pending` upload or not); the host itself stays as it was. */
export function markCaptured(host: Element, pending: boolean): void {
  const control = controls.get(host);
  if (!control) return;
  const { button, post } = control;
  label(button, pending ? 'Case ✓ (waiting to sync)' : 'Case ✓', `Case ✓: ${post} is a case already${pending ? ', waiting to sync' : ''}`);
}
