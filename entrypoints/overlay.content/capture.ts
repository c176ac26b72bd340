import { signal } from '@preact/signals';
import { onTrusted } from '../../components/trusted';
import { attachScreenshotItem } from '../../lib/capture/screenshot-setting';
import { draftFromContext } from '../../lib/capture/suggest';
import { sendFromContent } from '../../lib/messaging/content';
import type { CaptureInput, CaptureResult, LocalAttachmentSummary } from '../../lib/schema';
import type { CaptureDraft, SiteAdapter } from '../../lib/sites/types';
import { createCapture, createContact, findCapture, reportContext } from './channel';
import { CAPTURE_MARK, OVERLAY_HOST } from './names';
import { collapsed, lastError, pageContext, resolution } from './state';

/** The capture form's state in the overlay: the draft being edited and the last outcome. */
export const captureDraft = signal<CaptureDraft | null>(null);
export const captureBusy = signal(false);
export const captureOutcome = signal<{ result: CaptureResult } | { error: string } | null>(null);

/** "Attach screenshot": the agent's last choice, remembered across pages. */
export const attachScreenshot = signal(false);
void attachScreenshotItem.getValue().then((on) => (attachScreenshot.value = on === true));
export function setAttachScreenshot(on: boolean): void {
  attachScreenshot.value = on;
  void attachScreenshotItem.setValue(on);
}
export const screenshotOutcome = signal<
  { status: 'taking' } | { status: 'attached'; attachment: LocalAttachmentSummary } | { status: 'error'; message: string } | null
>(null);

/** The post or message the open form captures (null: the page as a whole, shot as the visible viewport). */
let captureElement: Element | null = null;

export function openCapture(draft: CaptureDraft, element: Element | null = null): void {
  captureOutcome.value = null;
  screenshotOutcome.value = null;
  captureDraft.value = draft;
  captureElement = element;
  collapsed.value = false;
}

/** "Capture what I'm looking at" (overlay button, keyboard command, context menu): the page's context or the selection. */
export function openCaptureForPage(selection: string | null): boolean {
  const context = pageContext.value;
  if (!context) return false;
  openCapture(draftFromContext(context, selection, document.title || null));
  return true;
}

/** Marks a post's button as captured, so the agent sees at a glance what is already a case. */
function showCaptured(button: HTMLButtonElement, pending: boolean): void {
  button.textContent = pending ? 'Case ✓ (waiting to sync)' : 'Case ✓';
  button.setAttribute('data-captured', 'true');
}

export async function submitCapture(input: CaptureInput): Promise<void> {
  captureBusy.value = true;
  const wantScreenshot = attachScreenshot.value;
  const element = captureElement;
  try {
    const result = await createCapture(input);
    captureOutcome.value = { result };
    captureDraft.value = null;
    if (input.externalId) {
      for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>(`button[${CAPTURE_MARK}="${CSS.escape(input.externalId)}"]`)))
        showCaptured(button, result.pending);
    }
    // The case is saved before the screenshot is tried, so a failed screenshot never costs the capture.
    if (wantScreenshot) await attachScreenshotTo(result.caseId, element);
  } catch (error) {
    captureOutcome.value = { error: error instanceof Error ? error.message : String(error) };
  } finally {
    captureBusy.value = false;
  }
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
 * Hides Tandem's own UI (the overlay and the capture buttons), asks the background to shoot the
 * visible tab cropped to the element, and shows everything again whatever happened.
 */
async function attachScreenshotTo(caseId: string, element: Element | null): Promise<void> {
  screenshotOutcome.value = { status: 'taking' };
  const ours = [
    ...Array.from(document.querySelectorAll<HTMLElement>(OVERLAY_HOST)),
    ...Array.from(document.querySelectorAll<HTMLElement>(`button[${CAPTURE_MARK}]`)),
  ];
  const saved = ours.map((el) => [el.style.getPropertyValue('visibility'), el.style.getPropertyPriority('visibility')] as const);
  try {
    for (const el of ours) el.style.setProperty('visibility', 'hidden', 'important');
    const rect = viewportRect(element);
    await nextPaint();
    const attachment = await sendFromContent('capture.screenshot', { caseId, rect, devicePixelRatio: window.devicePixelRatio || 1 });
    screenshotOutcome.value = { status: 'attached', attachment };
  } catch (error) {
    screenshotOutcome.value = { status: 'error', message: error instanceof Error ? error.message : String(error) };
  } finally {
    for (const [i, el] of ours.entries()) el.style.setProperty('visibility', saved[i]![0], saved[i]![1]);
  }
}

/**
 * Gives every post or message the adapter lists its own small capture button. Buttons are built
 * with textContent only; page text never becomes markup.
 */
export function addCaptureButtons(adapter: SiteAdapter, doc: Document, url: URL): void {
  for (const item of adapter.captureItems?.(doc, url) ?? []) {
    if (item.element.querySelector(`button[${CAPTURE_MARK}]`)) continue;
    const button = doc.createElement('button');
    button.type = 'button';
    button.setAttribute(CAPTURE_MARK, item.draft.externalId ?? '');
    button.setAttribute('aria-label', `Capture ${item.draft.authorName ?? 'this post'}'s post as a case`);
    button.textContent = 'Capture';
    button.style.cssText =
      'font:12px system-ui,sans-serif;margin-left:8px;padding:2px 8px;border-radius:12px;border:1px solid #8b98a5;background:transparent;color:inherit;cursor:pointer;';
    button.addEventListener(
      'click',
      onTrusted((e) => {
        e.preventDefault();
        e.stopPropagation();
        openCapture(item.draft, item.element);
      }),
    );
    item.anchor.append(button);
    if (item.draft.externalId) {
      void findCapture(item.draft.site, item.draft.externalId)
        .then((found) => found.caseId && showCaptured(button, found.pending))
        .catch(() => undefined);
    }
  }
}

/** "Create contact" on an unknown person: saved locally at once, then shown as the customer. */
export async function createContactForPage(): Promise<void> {
  const context = pageContext.value;
  const current = resolution.value;
  if (!context || current?.status !== 'unknown') return;
  try {
    await createContact(context.displayName, current.identities, context.country);
    resolution.value = await reportContext(context);
  } catch (error) {
    lastError.value = error instanceof Error ? error.message : String(error);
  }
}
