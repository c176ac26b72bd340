import { signal } from '@preact/signals';
import { draftFromContext } from '../../lib/capture/suggest';
import type { CaptureInput, CaptureResult } from '../../lib/schema';
import type { CaptureDraft, SiteAdapter } from '../../lib/sites/types';
import { createCapture, createContact, findCapture, reportContext } from './channel';
import { collapsed, lastError, pageContext, resolution } from './state';

/** The capture form's state in the overlay: the draft being edited and the last outcome. */
export const captureDraft = signal<CaptureDraft | null>(null);
export const captureBusy = signal(false);
export const captureOutcome = signal<{ result: CaptureResult } | { error: string } | null>(null);

export function openCapture(draft: CaptureDraft): void {
  captureOutcome.value = null;
  captureDraft.value = draft;
  collapsed.value = false;
}

/** "Capture what I'm looking at" (overlay button, keyboard command, context menu): the page's context or the selection. */
export function openCaptureForPage(selection: string | null): boolean {
  const context = pageContext.value;
  if (!context) return false;
  openCapture(draftFromContext(context, selection, document.title || null));
  return true;
}

const BUTTON_MARK = 'data-tandem-capture';

/** Marks a post's button as captured, so the agent sees at a glance what is already a case. */
function showCaptured(button: HTMLButtonElement, pending: boolean): void {
  button.textContent = pending ? 'Case ✓ (waiting to sync)' : 'Case ✓';
  button.setAttribute('data-captured', 'true');
}

export async function submitCapture(input: CaptureInput): Promise<void> {
  captureBusy.value = true;
  try {
    const result = await createCapture(input);
    captureOutcome.value = { result };
    captureDraft.value = null;
    if (input.externalId) {
      for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>(`button[${BUTTON_MARK}="${CSS.escape(input.externalId)}"]`))) showCaptured(button, result.pending);
    }
  } catch (error) {
    captureOutcome.value = { error: error instanceof Error ? error.message : String(error) };
  } finally {
    captureBusy.value = false;
  }
}

/**
 * Gives every post or message the adapter lists its own small capture button. Buttons are built
 * with textContent only; page text never becomes markup.
 */
export function addCaptureButtons(adapter: SiteAdapter, doc: Document, url: URL): void {
  for (const item of adapter.captureItems?.(doc, url) ?? []) {
    if (item.element.querySelector(`button[${BUTTON_MARK}]`)) continue;
    const button = doc.createElement('button');
    button.type = 'button';
    button.setAttribute(BUTTON_MARK, item.draft.externalId ?? '');
    button.setAttribute('aria-label', `Capture ${item.draft.authorName ?? 'this post'}'s post as a case`);
    button.textContent = 'Capture';
    button.style.cssText = 'font:12px system-ui,sans-serif;margin-left:8px;padding:2px 8px;border-radius:12px;border:1px solid #8b98a5;background:transparent;color:inherit;cursor:pointer;';
    button.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      openCapture(item.draft);
    });
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
