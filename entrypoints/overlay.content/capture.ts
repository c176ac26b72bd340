import { draftFromContext } from '../../lib/capture/suggest';
import { sendFromContent } from '../../lib/messaging/content';
import type { PageContext } from '../../lib/schema';
import type { PageCommandReply } from '../../lib/schema/messages';
import type { CaptureDraft, SiteAdapter } from '../../lib/sites/types';
import { CAPTURE_HOSTS, createCaptureButton, markCaptured } from './capture-button';
import { findCapture, requestCapture } from './channel';
import { CAPTURE_HOST, CAPTURE_MARK } from './names';

/**
 * The page's side of capturing: the buttons beside posts, the draft for the page as a whole, and the
 * screenshot. The form itself is in the overlay frame; only the frame can submit it.
 */

/** The post or message the frame's form captures (null: the page as a whole, shot as the visible viewport). */
let captureElement: Element | null = null;

/** "Capture what I'm looking at" (the frame's "+ Case", keyboard command, context menu): the page's context or the selection. */
export function draftForPage(context: PageContext | null, selection: string | null): CaptureDraft | null {
  if (!context) return null;
  captureElement = null;
  return draftFromContext(context, selection, document.title || null);
}

/** Marks a post's buttons as captured, so the agent sees at a glance what is already a case (inside their closed roots only). */
export function showCaptured(externalId: string, pending: boolean): void {
  for (const host of Array.from(document.querySelectorAll(`${CAPTURE_HOST}[${CAPTURE_MARK}="${CSS.escape(externalId)}"]`))) markCaptured(host, pending);
}

/** Waits until the page has painted what we changed (two frames), or a moment when the tab is not painting. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    setTimeout(done, 250);
    requestAnimationFrame(() => requestAnimationFrame(done));
  });
}

/** Where the element is in the viewport (CSS px); the whole viewport for a page capture. Scrolls it into view when it has left. */
function viewportRect(element: Element | null): { x: number; y: number; width: number; height: number } {
  const viewport = { x: 0, y: 0, width: window.innerWidth, height: window.innerHeight };
  if (!element?.isConnected) return viewport;
  let rect = element.getBoundingClientRect();
  const onScreen = rect.bottom > 0 && rect.right > 0 && rect.top < window.innerHeight && rect.left < window.innerWidth;
  if (!onScreen) {
    element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    rect = element.getBoundingClientRect();
  }
  return rect.width > 0 && rect.height > 0 ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : viewport;
}

/**
 * Hides Tandem's own UI (the frame's host and the capture buttons), asks the background to shoot the
 * visible tab cropped to the captured element, and shows everything again whatever happened.
 */
export async function screenshotFor(caseId: string, host: HTMLElement): Promise<PageCommandReply> {
  const ours = [host, ...Array.from(document.querySelectorAll<HTMLElement>(CAPTURE_HOSTS))];
  const saved = ours.map((el) => [el.style.getPropertyValue('visibility'), el.style.getPropertyPriority('visibility')] as const);
  try {
    for (const el of ours) el.style.setProperty('visibility', 'hidden', 'important');
    const rect = viewportRect(captureElement);
    await nextPaint();
    const attachment = await sendFromContent('capture.screenshot', { caseId, rect, devicePixelRatio: window.devicePixelRatio || 1 });
    return { ok: true, attachment };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    for (const [i, el] of ours.entries()) el.style.setProperty('visibility', saved[i]![0], saved[i]![1]);
  }
}

/** Takes Tandem's capture buttons off the page (Tandem was switched off here). */
export function removeCaptureButtons(doc: Document): void {
  for (const host of Array.from(doc.querySelectorAll(CAPTURE_HOSTS))) host.remove();
}

/**
 * Gives every post or message the adapter lists its own small capture button (entrypoints/overlay.content/capture-button.ts:
 * a fixed-size host with the button in a closed shadow root). Buttons are labelled by us only; page text never
 * becomes markup, and no customer data goes into them.
 */
export function addCaptureButtons(adapter: SiteAdapter, doc: Document, url: URL): void {
  for (const item of adapter.captureItems?.(doc, url) ?? []) {
    if (item.element.querySelector(CAPTURE_HOSTS)) continue;
    const post = item.draft.authorName ? `${item.draft.authorName}'s post` : 'this post';
    const host = createCaptureButton(doc, item.draft.externalId ?? '', post, () => {
      captureElement = item.element;
      void requestCapture(item.draft).catch(() => undefined);
    });
    if (!host) continue;
    item.anchor.append(host);
    if (item.draft.externalId) {
      const externalId = item.draft.externalId;
      void findCapture(item.draft.site, externalId)
        .then((found) => found.caseId && showCaptured(externalId, found.pending))
        .catch(() => undefined);
    }
  }
}
