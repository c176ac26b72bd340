import { computed, signal } from '@preact/signals';
import type { KnowledgeSuggestion, LocalAttachmentSummary } from '../../lib/schema';
import type { CaptureResult, OverlayState, StaleSendWarning } from '../../lib/schema/messages';
import type { CaptureDraft } from '../../lib/sites/types';

/** The frame's state: its tab's page and who it is, as the background sent it (lib/context/handlers.ts). */
export const overlay = signal<OverlayState | null>(null);
export const lastError = signal<string | null>(null);
export const collapsed = signal(false);

/** Suggestions for the context on screen, newest request wins. */
export const suggestions = signal<KnowledgeSuggestion[]>([]);
export const insertNotice = signal<string | null>(null);
export const votes = signal<Record<string, 'helpful' | 'not_helpful'>>({});

/** The capture form: the draft being edited and the last outcome. */
export const captureDraft = signal<CaptureDraft | null>(null);
export const captureBusy = signal(false);
export const captureOutcome = signal<{ result: CaptureResult } | { error: string } | null>(null);
/** "Attach screenshot": the agent's last choice, remembered across pages. */
export const attachScreenshot = signal(false);
export const screenshotOutcome = signal<
  { status: 'taking' } | { status: 'attached'; attachment: LocalAttachmentSummary } | { status: 'error'; message: string } | null
>(null);

/** What arrived since the agent started the reply, while it is stale (lib/stale-send); null otherwise. */
export const staleSend = signal<StaleSendWarning | null>(null);

/** The agent dismissed the public-reply warning for this page; a new page shows it again. */
export const warningDismissedFor = signal<string | null>(null);

export const pageContext = computed(() => overlay.value?.context ?? null);
export const resolution = computed(() => overlay.value?.resolution ?? null);

/** What the agent must not mention in the public reply they are writing (worked out in the background), or null. */
export const publicReplyWarning = computed(() => {
  const state = overlay.value;
  if (!state?.replyFocused || (state.context && warningDismissedFor.value === state.context.url)) return null;
  return state.publicReplyWarning;
});
