import { browser } from 'wxt/browser';
import { OVERLAY_HOST } from './names';

export interface Offset {
  right: number;
  bottom: number;
}

const WIDTH = 340;
/** Until the frame says how tall it is: its header. */
const INITIAL_HEIGHT = 44;
const MAX_HEIGHT = 560;
/** How often a switched-off frame looks again whether its page has made it plain. */
const RECHECK_MS = 150;

const CSS = `
:host { all: initial; }
.wrap { position: fixed; z-index: 2147483000; width: ${WIDTH}px; display: flex; flex-direction: column; align-items: stretch; }
.grip { height: 12px; margin: 0 auto 2px; width: 56px; border-radius: 6px; background: rgba(127,127,127,.55); cursor: move; touch-action: none; }
.grip:focus-visible { outline: 2px solid #3b82f6; outline-offset: 1px; }
iframe { display: block; border: 0; width: ${WIDTH}px; background: transparent; color-scheme: normal; border-radius: 10px; box-shadow: 0 8px 28px rgba(0,0,0,.18); }
`;

/**
 * Whether the page has made the frame's host see-through or hidden: opacity below 1 or hidden
 * visibility anywhere from the host up. The frame itself checks that nothing covers it
 * (IntersectionObserver v2, entrypoints/overlay-frame/visibility.ts); this catches what the page does
 * to our host's ancestors before the pointer reaches the frame.
 */
export function hostObscured(host: Element): boolean {
  let opacity = 1;
  for (let el: Element | null = host; el; el = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null)) {
    const style = getComputedStyle(el);
    opacity *= Number(style.opacity || 1);
    if (style.visibility !== 'visible' || style.display === 'none' || (style.filter && style.filter !== 'none')) return true;
  }
  return opacity < 1;
}

/**
 * The overlay's place in the page: a host element with a name drawn afresh on every load and a
 * *closed* shadow root holding a drag grip and the overlay frame (an extension page, so page scripts
 * can read, style or click nothing inside it). Positioned from the page's bottom right corner.
 * It is mounted hidden, so the frame's page loads while the settings are read, and shown by `show`.
 */
export function mountOverlayHost({ onMoved }: { onMoved(offset: Offset): void }) {
  const host = document.createElement(OVERLAY_HOST);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = CSS;
  const wrap = document.createElement('div');
  wrap.className = 'wrap';
  const grip = document.createElement('div');
  grip.className = 'grip';
  grip.tabIndex = 0;
  grip.setAttribute('role', 'button');
  grip.setAttribute('aria-label', 'Move Tandem (drag, or the arrow keys)');
  const frame = document.createElement('iframe');
  // The frame page is web-accessible with use_dynamic_url: the page itself can neither fetch nor frame this address.
  frame.src = browser.runtime.getURL('/overlay-frame.html');
  frame.title = 'Tandem';
  frame.style.height = `${INITIAL_HEIGHT}px`;
  wrap.append(grip, frame);
  // Loading unseen: not painted, not hit by the pointer (said twice: a child could set visibility back), and inert
  // (nothing in it, the frame's page included, takes focus or input) until `show`.
  wrap.style.visibility = 'hidden';
  wrap.style.pointerEvents = 'none';
  wrap.inert = true;
  root.append(style, wrap);

  let offset: Offset = { right: 16, bottom: 16 };
  const place = () => {
    wrap.style.right = `${offset.right}px`;
    wrap.style.bottom = `${offset.bottom}px`;
  };
  const clamp = (next: Offset): Offset => ({
    right: Math.max(0, Math.min(window.innerWidth - 80, next.right)),
    bottom: Math.max(0, Math.min(window.innerHeight - 40, next.bottom)),
  });
  const moveBy = (right: number, bottom: number, save = true) => {
    offset = clamp({ right: offset.right + right, bottom: offset.bottom + bottom });
    place();
    if (save) onMoved(offset);
  };
  place();

  // Pointer drag on the grip; the pointer is captured so the drag keeps going over the frame.
  let drag: { x: number; y: number; from: Offset } | null = null;
  grip.addEventListener('pointerdown', (e) => {
    if (!e.isTrusted) return;
    drag = { x: e.clientX, y: e.clientY, from: offset };
    grip.setPointerCapture(e.pointerId);
  });
  grip.addEventListener('pointermove', (e) => {
    if (!drag) return;
    offset = clamp({ right: drag.from.right - (e.clientX - drag.x), bottom: drag.from.bottom - (e.clientY - drag.y) });
    place();
  });
  const endDrag = () => {
    if (!drag) return;
    drag = null;
    onMoved(offset);
  };
  grip.addEventListener('pointerup', endDrag);
  grip.addEventListener('pointercancel', endDrag);
  grip.addEventListener('keydown', (e) => {
    if (!e.isTrusted) return;
    const step = e.shiftKey ? 40 : 10;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const delta = moves[e.key];
    if (!delta) return;
    e.preventDefault();
    moveBy(delta[0], delta[1]);
  });

  // A frame the page has faded or hidden takes no clicks at all. Once switched off, the frame no longer
  // sees the pointer and no new pointerover comes while it stays put: so, while the pointer is over the
  // overlay and the frame is off, look again every RECHECK_MS, or a page that un-fades leaves it dead.
  let recheck: ReturnType<typeof setTimeout> | undefined;
  let pointerInside = false;
  const guard = () => {
    clearTimeout(recheck);
    const obscured = hostObscured(host);
    frame.style.pointerEvents = obscured ? 'none' : '';
    if (obscured && pointerInside) recheck = setTimeout(guard, RECHECK_MS);
  };
  wrap.addEventListener(
    'pointerover',
    () => {
      pointerInside = true;
      guard();
    },
    true,
  );
  wrap.addEventListener('pointerleave', () => {
    pointerInside = false;
    clearTimeout(recheck);
  });

  // At document_start there is no body yet: the root element holds the host (the parser adds the body beside it).
  (document.body ?? document.documentElement).append(host);
  return {
    host,
    /** Tandem is on for this page: the overlay appears where the agent last left it. */
    show(at: Offset) {
      offset = clamp(at);
      place();
      wrap.inert = false;
      wrap.style.visibility = '';
      wrap.style.pointerEvents = '';
    },
    /** The frame's content is this tall now. */
    setHeight(height: number) {
      frame.style.height = `${Math.max(INITIAL_HEIGHT, Math.min(height, window.innerHeight * 0.7, MAX_HEIGHT))}px`;
      guard();
    },
    moveBy,
    /** When a step of the content script happened (epoch ms), for bench/overlay (inside the closed root, like the count). */
    mark(step: 'settingsAt') {
      wrap.dataset[step] = (performance.timeOrigin + performance.now()).toFixed(1);
    },
    /** How many times the page has been read, for bench/overlay (inside the closed root: the page cannot see it). */
    countRead() {
      wrap.dataset.reads = String(Number(wrap.dataset.reads ?? 0) + 1);
    },
    remove() {
      clearTimeout(recheck);
      host.remove();
    },
  };
}
export type OverlayHost = ReturnType<typeof mountOverlayHost>;
