import { render } from 'preact';
import { storage } from 'wxt/utils/storage';
import type { OverlayState } from '../../lib/schema/messages';
import { startClock } from '../../lib/ui/clock';
import { OverlayApp } from './App';
import { openCapture, refreshSuggestions, reorderSuggestions } from './actions';
import { connectToBackground, sendFromFrame, toPage } from './channel';
import { readBeforeFrame } from './freshness';
import { lastError, overlay, pageContext, staleSend } from './state';
import { guardAgainstClickjacking } from './visibility';
import './overlay.css';
import { errorMessage } from '../../lib/i18n/errors';

// First: the background's answer is what the agent waits for. A state pushed since asking is newer than the reply.
let pushes = 0;
connectToBackground(
  (update) => {
    if (update.kind === 'capture') return openCapture(update.draft);
    if (update.kind === 'staleSend') return void (staleSend.value = update.warning);
    if (update.kind === 'suggestions') return reorderSuggestions(update);
    pushes++;
    show(update.state);
  },
  () => {
    const asked = pushes;
    void sendFromFrame('overlay.state', {})
      .then((state) => asked === pushes && show(state))
      .catch((error: unknown) => (lastError.value = errorMessage(error)));
  },
);

const app = document.getElementById('app')!;
render(<OverlayApp />, app);
startClock();
guardAgainstClickjacking(app);

/**
 * Timing marks on this document's root, read by bench/overlay: when the content script read the page
 * and when the frame first showed the answer for that read (epoch ms with sub-millisecond precision:
 * the two documents have different time origins). Later states for the same read (presence, a sync)
 * leave the marks alone.
 */
let markedRead: number | null | undefined;
function markShown(state: OverlayState): void {
  if (state.readAt === markedRead) return;
  markedRead = state.readAt;
  requestAnimationFrame(() => {
    const root = document.documentElement;
    root.dataset.contextAt = String(state.readAt ?? '');
    root.dataset.shownAt = (performance.timeOrigin + performance.now()).toFixed(1);
    root.dataset.shownKey = state.context ? `${state.context.url}#${state.context.recordId ?? ''}` : '';
  });
}

let shownPage = '';
function show(state: OverlayState): void {
  // The previous page's answer, kept for the tab until this page reports: "Reading this page…" until then.
  if (readBeforeFrame(state, performance.timeOrigin)) return;
  overlay.value = state;
  lastError.value = null;
  markShown(state);
  // New page or new answer for it: re-rank, after the customer is known so snippets are filled in with their name.
  const page = JSON.stringify([state.context, state.resolution?.status]);
  if (page === shownPage) return;
  shownPage = page;
  void refreshSuggestions(state.context);
}

// Published knowledge arrives with a sync: re-rank for the same page. A sync may also have changed or removed the
// customer (an edit elsewhere, an erasure, retention): the same page is resolved again against the cache.
storage.watch<number>('local:syncRevision', () => {
  void refreshSuggestions(pageContext.value);
  if (!pageContext.value) return;
  const asked = pushes;
  void sendFromFrame('overlay.state', { fresh: true })
    .then((state) => asked === pushes && show(state))
    .catch(() => undefined);
});

/** How tall the card wants to be: its parts, with the scrolling body at its full height (the frame may be capped below it). */
function wantedHeight(): number {
  const card = app.firstElementChild as HTMLElement | null;
  if (!card) return 0;
  const border = card.offsetHeight - card.clientHeight;
  return (
    border +
    [...card.children].reduce((sum, part) => sum + (part.classList.contains('tdm-overlay__body') ? part.scrollHeight : (part as HTMLElement).offsetHeight), 0)
  );
}
// The content script sizes the frame to what it shows, so the page around it stays clickable.
let reportedHeight = 0;
const reportSize = () => {
  const height = Math.ceil(wantedHeight());
  if (height === reportedHeight) return;
  reportedHeight = height;
  void toPage({ do: 'size', height }).catch(() => undefined);
};
new ResizeObserver(reportSize).observe(app);
new MutationObserver(reportSize).observe(app, { childList: true, subtree: true, characterData: true });
