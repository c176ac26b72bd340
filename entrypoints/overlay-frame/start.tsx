import { render } from 'preact';
import { storage } from 'wxt/utils/storage';
import type { OverlayState } from '../../lib/schema/messages';
import { startClock } from '../../lib/ui/clock';
import { OverlayApp } from './App';
import { openCapture, refreshSuggestions, reorderSuggestions } from './actions';
import { sendFromFrame, toPage } from './channel';
import { readBeforeFrame } from './freshness';
import { takeFrameLine } from './line';
import overlayCss from './overlay.css?inline';
import { lastError, overlay, pageContext, staleSend } from './state';
import { guardAgainstClickjacking } from './visibility';

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
  // bench/overlay: when the first state of this page (not the previous page's, dropped above) reached the card.
  if (performance.getEntriesByName('frame-state').length === 0) performance.mark('frame-state');
  overlay.value = state;
  lastError.value = null;
  markShown(state);
  // New page or new answer for it: re-rank, after the customer is known so snippets are filled in with their name.
  const page = JSON.stringify([state.context, state.resolution?.status]);
  if (page === shownPage) return;
  shownPage = page;
  void refreshSuggestions(state.context);
}

performance.mark('frame-main');
// The line was opened before this script arrived (line.ts); what it already heard is delivered first, so a state that
// is here already is in the card's first render.
const frameLine = takeFrameLine();
frameLine.listen((event) => {
  if (event.kind === 'capture') return openCapture(event.draft);
  if (event.kind === 'staleSend') return void (staleSend.value = event.warning);
  if (event.kind === 'suggestions') return reorderSuggestions(event);
  show(event.state);
});

// The styles travel inside the script (no second request); a stylesheet of our own, not page input.
const style = document.createElement('style');
style.textContent = overlayCss;
document.head.append(style);
const app = document.getElementById('app')!;
render(<OverlayApp />, app);
performance.mark('frame-rendered');
startClock();
guardAgainstClickjacking(app);

// Published knowledge arrives with a sync: re-rank for the same page. A sync may also have changed or removed the
// customer (an edit elsewhere, an erasure, retention): the same page is resolved again against the cache.
storage.watch<number>('local:syncRevision', () => {
  void refreshSuggestions(pageContext.value);
  if (!pageContext.value) return;
  const asked = frameLine.pushes;
  void sendFromFrame('overlay.state', { fresh: true })
    .then((state) => asked === frameLine.pushes && show(state))
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
// The content script sizes the frame to what it shows, so the page around it stays clickable. Not before the first
// answer: until then the frame shows its header (the content script's initial height), and a size sent then (frame →
// background → page → back) would travel beside the page's report and the state the agent waits for (bench/overlay).
let reportedHeight = 0;
const reportSize = () => {
  if (!overlay.value && !lastError.value) return;
  const height = Math.ceil(wantedHeight());
  if (height === reportedHeight) return;
  reportedHeight = height;
  void toPage({ do: 'size', height }).catch(() => undefined);
};
new ResizeObserver(reportSize).observe(app);
new MutationObserver(reportSize).observe(app, { childList: true, subtree: true, characterData: true });
