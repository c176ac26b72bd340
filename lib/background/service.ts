import { type ApiClient, createApiClient } from '../api/client';
import { createAssignmentService } from '../assignment/background';
import { createBroadcastHandlers } from '../broadcasts/handlers';
import { createReceiptQueue } from '../broadcasts/receipts';
import { createAttachmentHandlers } from '../capture/attachment-handlers';
import { createCaptureHandlers } from '../capture/handlers';
import type { RedactionSettings } from '../capture/redact';
import { createRemoteAttachmentFetcher } from '../capture/remote-attachments';
import type { EncodedScreenshot } from '../capture/screenshot';
import { createSlaHandlers, refreshSlaPolicies } from '../capture/sla-policies';
import { createCaseHandlers } from '../cases/handlers';
import { createTeamMoveHandlers } from '../cases/team-move';
import { createContactHandlers } from '../contacts/handlers';
import type { FrameHub } from '../context/frames';
import { createContextService } from '../context/handlers';
import type { TabContextStore } from '../context/tab-contexts';
import type { TandemDatabase } from '../db';
import { createIncidentHandlers } from '../incidents/background';
import { createIntegrationHandlers } from '../integrations/background';
import { createArticleFromCaseHandler } from '../knowledge/article-from-case';
import { createKnowledgeHandlers, createKnowledgeService, type SemanticStageDeps } from '../knowledge/background';
import type { IndexRows } from '../knowledge/index-rows';
import { createKnowledgeReviewHandlers } from '../knowledge/review-handlers';
import { createManagerHandlers } from '../manager/background';
import type { Handlers } from '../messaging/dispatch';
import { createEscalationNotifier, type EscalationNotice } from '../notifications/escalations';
import { type ApplyOrgHosts, createOrgHostHandlers, refreshOrgHosts } from '../org-hosts/handlers';
import { keptOrgHosts } from '../org-hosts/storage';
import { createPrivacyService } from '../privacy/background';
import { createCapturePrivacyHandlers, refreshCapturePrivacy, refuseOnNeverCaptureSites } from '../privacy/never-capture-sync';
import { createPrivateModeHandlers, type PrivateTabs, refuseFromPrivateTabs, sessionPrivateTabs } from '../privacy/private-mode';
import { createQueueService } from '../queue/background';
import { createRecognitionHandlers } from '../recognition/handlers';
import { createRecognitionHealthHandlers, flushRecognitionHealth } from '../recognition/health';
import type { SyncStatus } from '../schema';
import type { ViewportRect } from '../schema/attachments';
import type { SiteRule } from '../schema/manager';
import type { PageCommand, PageCommandReply } from '../schema/messages';
import { allowedOnTenantHost } from '../schema/org-hosts';
import { createAuthHandlers } from '../session/auth-handlers';
import { type CreateApi, createSession } from '../session/session';
import { createStaleSendGuard } from '../stale-send/tracker';
import { createSyncService } from '../sync/background';
import { createUsageRecorder } from '../usage/recorder';

export interface BackgroundDeps {
  db: TandemDatabase;
  getBackendUrl(): Promise<string>;
  setBackendUrl(url: string): Promise<void>;
  tabContexts: TabContextStore;
  /** The overlay frames connected, by tab (lib/context/frames.ts). */
  frames: FrameHub;
  /** Sends an overlay frame's command to its tab's content script. */
  toPage(tabId: number, command: PageCommand): Promise<PageCommandReply>;
  createApi?: CreateApi;
  now?: () => Date;
  random?: () => number;
  getRedaction?: () => Promise<RedactionSettings>;
  /** The published site rules for the agent's teams, after each sync (custom sites set up by managers). */
  onServerSiteRules?: (rules: SiteRule[]) => Promise<void>;
  /** The organisation's CRM hosts, after each sync and an admin's change; none after sign-out (the overlay follows). */
  onOrgHosts?: ApplyOrgHosts;
  /** Takes capture.screenshot's picture of the sender tab (entrypoints/background.ts); absent where the browser cannot. */
  captureScreenshot?: (target: { tabId: number; windowId: number; rect: ViewportRect; devicePixelRatio: number }) => Promise<EncodedScreenshot>;
  /** The tabs in private mode (default: chrome.storage.session) and how a tab's content script is told (lib/privacy/private-mode.ts). */
  privateTabs?: PrivateTabs;
  tellTabPrivate?: (tabId: number, isPrivate: boolean) => Promise<void>;
  /** Told after every sync attempt or local write, so badges and open pages can refresh. */
  onSynced?: (status: SyncStatus) => void;
  /** Shows a browser notification (an SLA escalation, lib/notifications); absent where the browser has none. */
  notify?: (notice: EscalationNotice) => Promise<void>;
  /** Asks the browser to report the agent idle after this many seconds (auto-away, lib/assignment); null: no auto-away. */
  watchIdle?: (seconds: number | null) => void;
  /** Tells a tab's content script whether its reply is stale (the stale-send guard, lib/stale-send). */
  tellTabStale?: (tabId: number, stale: boolean) => Promise<void>;
  /** Suggestions re-ordered by meaning: the setting and the encoder's host (lib/knowledge/semantic/host.ts). */
  semantic?: SemanticStageDeps;
  /** The persisted knowledge index's rows, read at the worker's start (lib/background/wake-reads.ts). */
  indexRows?: Promise<IndexRows | null>;
}

/**
 * The background's behaviour, independent of the browser APIs that wire it up: builds each
 * feature's module with what it needs and answers every message from their handler maps.
 */
export function createBackgroundService(deps: BackgroundDeps) {
  const { db, getBackendUrl } = deps;
  const createApi = deps.createApi ?? ((baseUrl, token, signal) => createApiClient({ baseUrl, token, signal }));
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;

  const session = createSession({ db, getBackendUrl, createApi, now });
  const knowledge = createKnowledgeService({ db, now, semantic: deps.semantic, indexRows: deps.indexRows });
  const broadcastReceipts = createReceiptQueue({ db, now });
  const usage = createUsageRecorder({ db, now, agent: session.agent, onRecorded: knowledge.usageRecorded });
  const escalations = createEscalationNotifier({
    db,
    now,
    me: async () => (await session.stored())?.user ?? null,
    notify: deps.notify ?? (async () => undefined),
  });
  const assignment = createAssignmentService({ db, api: session.signedInApi, watchIdle: deps.watchIdle });
  const sync = createSyncService({
    db,
    now,
    random,
    session,
    getBackendUrl,
    afterSync: [
      usage.flush,
      (api) => refreshSlaPolicies(db, api),
      (api) => applyServerSiteRules(api, deps.onServerSiteRules),
      (api) => refreshOrgHosts(api, deps.onOrgHosts, async () => (await session.current()) !== null),
      (api) => flushRecognitionHealth(db, api),
      (api) => refreshCapturePrivacy(db, api, async () => (await session.current()) !== null),
      // Best effort: unsent picks stay queued for the next sync, and a server without the route fails no sync.
      (api) => knowledge.syncLearning(api).catch(() => undefined),
      (api) => broadcastReceipts.sync(api).catch(() => undefined), // agents' "Got it" on broadcasts (lib/broadcasts/receipts.ts)
      assignment.afterSync, // the teams' auto-away time (lib/assignment)
    ],
    onPulled: (changes, cursor) => {
      knowledge.onPulled(changes, cursor);
      escalations.onPulled(changes); // SLA escalations: the assignee and the team's managers are notified
      void staleSend.onPulled(changes); // a teammate's reply or the customer's message makes an open draft stale
    },
    onRestarted: knowledge.reset, // the index is rebuilt from the new copy
    onPresence: (event) => queue.onPresence(event), // team queue: teammates viewing or replying
    onLiveConnected: () => void queue.onLiveConnected(),
    onSynced: deps.onSynced,
  });
  // The access log's card openings go out with the usage batches (lib/privacy).
  const privacy = createPrivacyService({ api: session.signedInApi, now, record: (events) => usage.handlers['usage.record']({ events }, {}) });
  const queue = createQueueService({
    db,
    now,
    write: sync.write,
    announce: () => void sync.announce(),
    live: sync.live.connected,
    me: session.agent,
    api: session.signedInApi,
  });

  const orgHosts = keptOrgHosts();
  const context = createContextService({
    db,
    now,
    tabContexts: deps.tabContexts,
    frames: deps.frames,
    toPage: deps.toPage,
    onPageContext: queue.noteContext, // a case's source open: the agent is viewing it
    onCardOpened: privacy.cardOpened,
    mayReadPage: async (url) => allowedOnTenantHost(url, await orgHosts()),
    noteReply: (page, replying) => queue.handlers['presence.reply']({ context: page, replying }, {}),
  });

  const staleSend = createStaleSendGuard({
    db,
    tabContexts: deps.tabContexts,
    frames: deps.frames,
    toPage: deps.toPage,
    tellTab: deps.tellTabStale ?? (async () => undefined),
  });
  const forgetTab = (tabId: number) => {
    context.forgetTab(tabId);
    staleSend.forgetTab(tabId);
  };

  const privateTabs = deps.privateTabs ?? sessionPrivateTabs;
  const handlers: Handlers = {
    ...createAuthHandlers({
      db,
      session,
      getBackendUrl,
      setBackendUrl: deps.setBackendUrl,
      createApi,
      status: sync.status,
      onSignedIn: sync.signedIn,
      whileNotSyncing: sync.whileNotSyncing,
      onSigningOut: sync.live.stop,
      onSignedOut: () => {
        sync.signedOut();
        void knowledge.reset(); // the next account's index is built from its own copy
        // A signed-out browser runs the overlay on no tenant.
        void deps.onOrgHosts?.([]).catch(() => undefined);
      },
    }),
    ...sync.handlers,
    ...context.handlers,
    ...staleSend.around(context.handlers), // the stale-send guard starts at the reply box and follows the page's readings
    ...staleSend.handlers,
    ...createRecognitionHandlers({ db }),
    ...createRecognitionHealthHandlers({ db, now }),
    ...createCaptureHandlers({ db, now, agent: session.agent, write: sync.write, getRedaction: deps.getRedaction }),
    ...createAttachmentHandlers({
      db,
      now,
      captureScreenshot: deps.captureScreenshot,
      fetchRemoteAttachments: createRemoteAttachmentFetcher({ db, now, signedInApi: session.signedInApi }),
      savedLocally: sync.savedLocally,
    }),
    ...createKnowledgeHandlers({ knowledge, agent: session.agent, resolve: context.resolveForTab, frames: deps.frames }),
    ...createArticleFromCaseHandler({ db, user: async () => (await session.stored())?.user ?? null }),
    ...usage.handlers,
    ...createContactHandlers({ db, now, agent: session.agent, write: sync.write }),
    ...createCaseHandlers({ db, write: sync.write, now }),
    ...createTeamMoveHandlers({ db, me: session.agent, write: sync.write }),
    ...createSlaHandlers({ db }),
    ...createManagerHandlers({ api: session.signedInApi }),
    ...createBroadcastHandlers({
      db,
      now,
      teamIds: async () => (await session.agent())?.teamIds ?? [],
      receipts: broadcastReceipts,
      api: session.signedInApi,
    }),
    ...queue.handlers,
    ...createOrgHostHandlers({ api: session.signedInApi, apply: deps.onOrgHosts }),
    ...privacy.handlers,
    ...createCapturePrivacyHandlers({ db, api: session.signedInApi }),
    ...createPrivateModeHandlers({
      tabs: privateTabs,
      tellTab: deps.tellTabPrivate ?? (async () => undefined),
      // What the tab showed before private mode went on is not kept either.
      forgetTab: (tabId) => {
        forgetTab(tabId);
        void deps.tabContexts.clear(tabId);
      },
    }),
    ...createIncidentHandlers({
      db,
      api: session.signedInApi,
      role: async () => (await session.stored())?.user.role ?? null,
      teamIds: async () => (await session.agent())?.teamIds ?? [],
    }),
    ...assignment.handlers,
    ...createIntegrationHandlers({ api: session.signedInApi }),
    ...createKnowledgeReviewHandlers({ api: session.signedInApi }),
  };

  // The page side of a private tab is heard by no feature; capture is refused on never-capture sites (docs/privacy.md).
  return {
    handlers: refuseOnNeverCaptureSites(refuseFromPrivateTabs(handlers, privateTabs)),
    sync: sync.sync,
    startLive: sync.live.start,
    knowledge,
    forgetTab,
    /** An overlay frame connected for its tab (lib/context/frames.ts): it is sent the tab's state at once. */
    frameConnected: context.frameConnected,
    /** The browser's idle state changed (chrome.idle): auto-away and back (lib/assignment). */
    idleChanged: assignment.idleChanged,
  };
}

/** Managers' published site rules join the agent's own after each sync; a server without them is no error. */
async function applyServerSiteRules(api: Pick<ApiClient, 'siteRules'>, apply: BackgroundDeps['onServerSiteRules']): Promise<void> {
  if (!apply) return;
  const { rules } = await api.siteRules().catch(() => ({ rules: null }));
  if (rules) await apply(rules).catch(() => undefined);
}
