import { attachScreenshotItem } from '../../lib/capture/screenshot-setting';
import { errorMessage } from '../../lib/i18n/errors';
import { t } from '../../lib/i18n/t';
import { pageKey } from '../../lib/knowledge/semantic/page-key';
import type { KnowledgeSuggestion, PageContext } from '../../lib/schema';
import type { FlagReason } from '../../lib/schema/knowledge-review';
import type { CaptureInput, MessageRequest } from '../../lib/schema/messages';
import type { CaptureDraft } from '../../lib/sites/types';
import { sendFromFrame, toPage } from './channel';
import { createSuggestionOrdering, type SuggestionOrder } from './reorder';
import {
  attachScreenshot,
  captureBusy,
  captureDraft,
  captureOutcome,
  collapsed,
  insertNotice,
  lastError,
  overlay,
  pageContext,
  resolution,
  screenshotOutcome,
  staleSend,
  suggestions,
  votes,
} from './state';

/** The frame's actions, each run by the agent's own click or key in the frame (components/trusted.ts). */

const errorText = errorMessage;

/** usage.record: what the agent did with a suggestion; fire and forget. */
function recordUsage(events: MessageRequest<'usage.record'>['events']): void {
  if (events.length === 0) return;
  void sendFromFrame('usage.record', { events }).catch(() => undefined);
}

/** The lexical answer and the semantic stage's re-order of it (reorder.ts). */
const ordering = createSuggestionOrdering();
export const suggestionsReordered = () => ordering.reordered;
export const suggestionsPage = () => ordering.page;
/** The agent pointed at, focused or used the list: a re-order arriving now would move rows under them. */
export const touchSuggestions = () => ordering.touch();

/** The background's re-order of the answer on screen, once the sentence encoder answered. */
export function reorderSuggestions(order: SuggestionOrder): void {
  const next = ordering.pushed(order);
  if (!next) return;
  const shown = new Set(suggestions.value.map((s) => s.id));
  suggestions.value = next;
  // Items the re-order brought up from further down are suggested now.
  const site = pageContext.value?.site ?? null;
  recordUsage(next.filter((s) => !shown.has(s.id)).map((s) => ({ type: 'suggested', itemKind: s.kind, itemId: s.id, site })));
}

let suggestionTicket = 0;
/** Suggestions for the page on screen (the background resolves it within the tab's lookup budget). */
export async function refreshSuggestions(context: PageContext | null): Promise<void> {
  const mine = ++suggestionTicket;
  if (!context || (!context.conversation && !context.subject)) {
    suggestions.value = [];
    return;
  }
  try {
    const { suggestions: found } = await sendFromFrame('knowledge.suggest', { context });
    if (mine !== suggestionTicket) return;
    suggestions.value = ordering.answered(pageKey(context), found, suggestions.value);
    recordUsage(found.map((s) => ({ type: 'suggested', itemKind: s.kind, itemId: s.id, site: context.site })));
  } catch {
    if (mine === suggestionTicket) suggestions.value = [];
  }
}

/** One click: the suggestion's text goes into the site's reply box, through the tab's content script. */
export async function insertSuggestion(suggestion: KnowledgeSuggestion): Promise<void> {
  try {
    const reply = await toPage({ do: 'insert', text: suggestion.insertText });
    insertNotice.value = reply.ok ? t('insert_done', suggestion.title) : (reply.message ?? t('insert_failed'));
    if (reply.ok) recordUsage([{ type: 'inserted', itemKind: suggestion.kind, itemId: suggestion.id, site: pageContext.value?.site ?? null }]);
  } catch (error) {
    insertNotice.value = errorText(error);
  }
}

export function vote(suggestion: KnowledgeSuggestion, type: 'helpful' | 'not_helpful'): void {
  votes.value = { ...votes.value, [suggestion.id]: type };
  recordUsage([{ type, itemKind: suggestion.kind, itemId: suggestion.id, site: pageContext.value?.site ?? null }]);
}

/** "Flag": kept by the background at once (offline too) and sent to the item's team with the next sync. */
export async function flagSuggestion(suggestion: KnowledgeSuggestion, reason: FlagReason, note: string): Promise<void> {
  await sendFromFrame('knowledge.flag', { itemKind: suggestion.kind, itemId: suggestion.id, reason, note });
}

void attachScreenshotItem.getValue().then((on) => (attachScreenshot.value = on === true));
export function setAttachScreenshot(on: boolean): void {
  attachScreenshot.value = on;
  void attachScreenshotItem.setValue(on);
}

/** Opens the form with this draft (a capture button, the keyboard command, "+ Case"). */
export function openCapture(draft: CaptureDraft): void {
  captureOutcome.value = null;
  screenshotOutcome.value = null;
  captureDraft.value = draft;
  collapsed.value = false;
}

/** "+ Case": the page's draft, with what the agent selected on it. */
export async function openCaptureForPage(): Promise<void> {
  const reply = await toPage({ do: 'draftPage' }).catch((error: unknown) => ({ ok: false, message: errorText(error), draft: undefined }));
  if (reply.draft) openCapture(reply.draft);
  else lastError.value = reply.message ?? null;
}

export async function submitCapture(input: CaptureInput): Promise<void> {
  captureBusy.value = true;
  const wantScreenshot = attachScreenshot.value;
  try {
    const result = await sendFromFrame('capture.create', { capture: input });
    captureOutcome.value = { result };
    captureDraft.value = null;
    if (input.externalId) void toPage({ do: 'captured', externalId: input.externalId, pending: result.pending }).catch(() => undefined);
    // The case is saved before the screenshot is tried, so a failed screenshot never costs the capture.
    if (wantScreenshot) {
      screenshotOutcome.value = { status: 'taking' };
      const shot = await toPage({ do: 'screenshot', caseId: result.caseId }).catch((error: unknown) => ({ ok: false, message: errorText(error) }));
      screenshotOutcome.value =
        'attachment' in shot && shot.attachment
          ? { status: 'attached', attachment: shot.attachment }
          : { status: 'error', message: shot.message ?? t('screenshot_not_taken') };
    }
  } catch (error) {
    captureOutcome.value = { error: errorText(error) };
  } finally {
    captureBusy.value = false;
  }
}

/** "Create contact" on an unknown person: saved locally at once, then shown as the customer. */
export async function createContactForPage(): Promise<void> {
  const context = pageContext.value;
  const current = resolution.value;
  if (!context || current?.status !== 'unknown') return;
  try {
    await sendFromFrame('contact.create', {
      name: context.displayName,
      identities: current.identities,
      ...(context.country ? { country: context.country } : {}),
    });
    overlay.value = await sendFromFrame('overlay.state', { fresh: true });
  } catch (error) {
    lastError.value = errorText(error);
  }
}

/** The agent's pick between the plausible people on this record: remembered for the record, and the card shows them at once. */
export async function pickPerson(customerId: string): Promise<void> {
  const context = pageContext.value;
  if (!context?.recordId) return;
  try {
    await sendFromFrame('context.pick', { site: context.site, recordId: context.recordId, customerId });
    overlay.value = await sendFromFrame('overlay.state', { fresh: true });
  } catch (error) {
    lastError.value = errorText(error);
  }
}

/** What saving would redact from these texts, with the team's options (the capture form lists it). */
export async function previewRedactions(texts: string[]) {
  return (await sendFromFrame('capture.redactPreview', { texts })).items;
}

/** The agent's answer to the stale-send warning: send anyway (the page's send button is pressed) or go back to the draft. */
export async function resolveStaleSend(send: boolean): Promise<void> {
  const reply = await sendFromFrame('staleSend.resolve', { send }).catch((error: unknown) => ({ ok: false, message: errorText(error) }));
  if (!reply.ok) lastError.value = reply.message ?? 'The reply could not be sent.';
  // Gone only once the background has answered: by then the page's side has been told the reply is no longer
  // stale. Hidden at the click, a send pressed straight after was held again by a guard not yet told, and dropped.
  else staleSend.value = null;
}
