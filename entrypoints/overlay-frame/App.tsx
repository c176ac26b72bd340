import { useEffect } from 'preact/hooks';
import { BroadcastBanner } from '../../components/BroadcastBanner';
import { CaptureForm } from '../../components/CaptureForm';
import { ContextView } from '../../components/ContextView';
import { IncidentBanner } from '../../components/IncidentBanner';
import { Icon } from '../../components/icons';
import { PublicReplyWarning } from '../../components/PublicReplyWarning';
import { SlaBadge } from '../../components/SlaBadge';
import { StaleSendWarning } from '../../components/StaleSendWarning';
import { SuggestionList } from '../../components/SuggestionList';
import { onTrusted } from '../../components/trusted';
import { acknowledgeBroadcast, dismissBroadcast, visibleBroadcasts, watchBroadcasts } from '../../lib/broadcasts/feed';
import { t } from '../../lib/i18n/t';
import { broadcastIncident, broadcastingIncident, incidentNotice, incidentOfferFor, openIncidents, watchOpenIncidents } from '../../lib/incidents/feed';
import {
  createContactForPage,
  flagSuggestion,
  insertSuggestion,
  openCaptureForPage,
  pickPerson,
  previewRedactions,
  resolveStaleSend,
  setAttachScreenshot,
  submitCapture,
  suggestionsPage,
  suggestionsReordered,
  touchSuggestions,
  vote,
} from './actions';
import { toPage } from './channel';
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
  publicReplyWarning,
  resolution,
  screenshotOutcome,
  staleSend,
  suggestions,
  votes,
  warningDismissedFor,
} from './state';

function title(): string {
  const r = resolution.value;
  if (r?.status === 'matched') return r.view.customer.name;
  if (r?.status === 'unknown') return pageContext.value?.displayName ?? t('context_unknown');
  if (r?.status === 'busy') return t('overlay_title_busy');
  return t('overlay_title_none');
}

const hostOf = (url: string | undefined) => (url ? (URL.parse(url)?.hostname ?? '') : '');

/** The overlay: a small, collapsible card in the page's corner (the content script places and moves the frame). */
export function OverlayApp() {
  const context = pageContext.value;
  const current = resolution.value;
  const warning = publicReplyWarning.value;
  const state = overlay.value;
  // Incident broadcasts for this site, refreshed after every sync (lib/broadcasts/feed.ts). Both feeds start once this
  // page's first state is here: asked earlier, their requests reach the background while it answers the page's report,
  // which the agent is waiting for (bench/overlay).
  const site = context?.site ?? null;
  const host = hostOf(context?.url);
  const answered = state !== null;
  useEffect(() => (answered ? watchBroadcasts(site, host) : undefined), [answered, site, host]);
  // Managers' possible incidents, not yet broadcast (agents are answered none).
  useEffect(() => (answered ? watchOpenIncidents() : undefined), [answered]);

  // Keyboard: arrow keys on the header move the frame, as the grip beside it does.
  const onHeaderKey = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 40 : 10;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const delta = moves[e.key];
    if (!delta || !e.isTrusted) return;
    e.preventDefault();
    void toPage({ do: 'move', right: delta[0], bottom: delta[1] }).catch(() => undefined);
  };

  return (
    <div
      class="tdm-root tdm-overlay"
      // The page's colours, as the content script reported them (light until it has).
      data-scheme={state?.scheme ?? 'light'}
      data-testid="tandem-overlay"
      role="complementary"
      aria-label={t('overlay_label')}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !collapsed.value) collapsed.value = true;
      }}
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys move the frame (onHeaderKey) */}
      <div
        class="tdm-overlay__bar"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so the overlay can be moved by keyboard
        tabIndex={0}
        title={t('overlay_move_help')}
        onKeyDown={onHeaderKey}
      >
        <span class="tdm-overlay__brand">{t('extName')}</span>
        <span class="tdm-overlay__title" data-testid="tandem-overlay-title">
          {title()}
        </span>
        <button
          type="button"
          data-testid="tandem-capture-page"
          aria-label={t('overlay_capture_label')}
          title={t('overlay_capture_title')}
          disabled={!context}
          onClick={onTrusted(() => void openCaptureForPage())}
        >
          {t('overlay_capture_button')}
        </button>
        <button
          type="button"
          aria-expanded={!collapsed.value}
          aria-label={collapsed.value ? t('overlay_expand') : t('overlay_collapse')}
          onClick={() => (collapsed.value = !collapsed.value)}
        >
          <Icon name={collapsed.value ? 'chevronUp' : 'chevronDown'} />
        </button>
      </div>
      {visibleBroadcasts.value.length > 0 && (
        // Shown even when collapsed: an incident is what the agent must know first.
        <div class="tdm-overlay__warning">
          <BroadcastBanner broadcasts={visibleBroadcasts.value} onDismiss={dismissBroadcast} onAcknowledge={(b) => void acknowledgeBroadcast(b)} />
        </div>
      )}
      {(openIncidents.value.length > 0 || incidentNotice.value) && (
        <div class="tdm-overlay__warning">
          <IncidentBanner
            cards={openIncidents.value}
            busyId={broadcastingIncident.value}
            notice={incidentNotice.value}
            onBroadcast={(card) => void broadcastIncident(card)}
          />
        </div>
      )}
      {state?.replyFocused && state.claimedBy && (
        <div class="tdm-overlay__warning tdm-claimed" role="alert" data-testid="tandem-claimed-warning">
          {t('overlay_claimed', state.claimedBy)}
        </div>
      )}
      {staleSend.value && (
        // Shown even when collapsed: the reply would answer a conversation that moved on.
        <div class="tdm-overlay__warning">
          <StaleSendWarning warning={staleSend.value} onSend={() => void resolveStaleSend(true)} onBack={() => void resolveStaleSend(false)} />
        </div>
      )}
      {warning && (
        // Shown even when collapsed: this is the one thing the agent must see before posting.
        <div class="tdm-overlay__warning">
          <PublicReplyWarning matters={warning} onDismiss={() => (warningDismissedFor.value = context?.url ?? null)} />
        </div>
      )}
      {!collapsed.value && (
        <div class="tdm-overlay__body">
          {lastError.value && <p class="tdm-error">{lastError.value}</p>}
          {captureDraft.value && (
            <CaptureForm
              key={JSON.stringify(captureDraft.value)}
              draft={captureDraft.value}
              busy={captureBusy.value}
              onSubmit={(input) => void submitCapture(input)}
              onCancel={() => (captureDraft.value = null)}
              previewRedactions={previewRedactions}
              findIncidentOffer={(text) => incidentOfferFor(text, site, hostOf(context?.url))}
            >
              {/* The choice is remembered for the next capture. */}
              <label class="tdm-check" data-testid="tandem-attach-screenshot">
                <input type="checkbox" checked={attachScreenshot.value} onChange={onTrusted((e) => setAttachScreenshot(e.currentTarget.checked))} />
                <span>
                  {t('overlay_attach_screenshot')} <span class="tdm-muted">{t('overlay_attach_screenshot_help')}</span>
                </span>
              </label>
            </CaptureForm>
          )}
          <CaptureOutcome />
          {context && (context.conversation || context.subject) && (
            // Pointing at or focusing the list freezes its order (reorder.ts): a late re-order never moves a row under a click.
            <div
              onPointerOver={touchSuggestions}
              onFocusIn={touchSuggestions}
              data-testid="tandem-suggestions-order"
              data-order={suggestionsReordered() ? 'meaning' : 'lexical'}
              data-page={suggestionsPage()}
            >
              <SuggestionList
                items={suggestions.value}
                votes={votes.value}
                onInsert={(item) => void insertSuggestion(item)}
                onVote={vote}
                onFlag={flagSuggestion}
              />
            </div>
          )}
          {insertNotice.value && (
            <p class="tdm-muted" role="status" data-testid="tandem-insert-notice">
              {insertNotice.value}
            </p>
          )}
          {context && current ? (
            <ContextView
              context={context}
              resolution={current}
              compact
              onCreateContact={() => void createContactForPage()}
              onPick={context.recordId ? (id) => void pickPerson(id) : undefined}
            />
          ) : (
            <p class="tdm-muted">{t('overlay_reading')}</p>
          )}
        </div>
      )}
    </div>
  );
}

function CaptureOutcome() {
  const outcome = captureOutcome.value;
  if (!outcome) return null;
  if ('error' in outcome) {
    return (
      <p class="tdm-error" role="alert" data-testid="tandem-capture-error">
        {outcome.error}
      </p>
    );
  }
  const { result } = outcome;
  return (
    <div class="tdm-toast" role="status" data-testid="tandem-capture-result" data-case-id={result.caseId} data-status={result.status}>
      <strong>{result.status === 'existing' ? t('capture_existing') : t('capture_done')}</strong> {t('capture_for', result.customerName)}
      {result.customerCreated ? ` ${t('capture_new_contact')}` : ''} <SlaBadge dueAt={result.slaDueAt} />
      {result.pending && (
        <span class="tdm-pending-badge" data-testid="tandem-capture-waiting">
          {` ${t('queue_waiting_to_sync')}`}
        </span>
      )}
      {result.redacted && <p class="tdm-notice">{result.redacted}</p>}
      <ScreenshotOutcome />
    </div>
  );
}

function ScreenshotOutcome() {
  const shot = screenshotOutcome.value;
  if (!shot) return null;
  if (shot.status === 'taking') return <p class="tdm-muted">{t('screenshot_taking')}</p>;
  if (shot.status === 'error') {
    return (
      <p class="tdm-error" role="alert" data-testid="tandem-screenshot-error">
        {t('screenshot_failed', shot.message)}
      </p>
    );
  }
  return (
    <p class="tdm-muted" data-testid="tandem-screenshot-attached" data-attachment-id={shot.attachment.id}>
      {t('screenshot_attached', shot.attachment.width, shot.attachment.height)}
      {shot.attachment.uploaded ? '' : `, ${t('screenshot_uploads_later')}`}
    </p>
  );
}
