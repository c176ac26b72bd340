import { ApiClientError, createApiClient, type ApiClient } from '../api/client';
import { attachmentsForCase, clearAccountData, countRecords, findCustomersByIdentities, getMeta, saveAttachment, setMeta, type AttachmentRow, type TandemDatabase } from '../db';
import { ATTACHMENT_MAX_BYTES, AttachmentMime, type LocalAttachmentSummary, type ViewportRect } from '../schema/attachments';
import { toBase64, type EncodedScreenshot } from '../capture/screenshot';
import { normalizePageIdentities } from '../identity/normalize';
import { SlaPoliciesResponse } from '../schema/sla';
import type { SiteRule } from '../schema/manager';
import { MessageError, type Handlers } from '../messaging/dispatch';
import { OPEN_STATUSES, SignInResponse, type Customer, type PageContext, type Resolution, type SyncStatus } from '../schema';
import { createSyncEngine } from '../sync/engine';
import { backoffDelay, isRetryable } from '../sync/retry';
import { runLiveChannel } from '../sync/live';
import { caseAcknowledged, outboxCounts, writeLocal, type LocalWrite, trimOldestInteractions, findCapturedCase } from '../db';
import { CURSOR_KEY } from '../sync/pull';
import { isQuotaError } from '../sync/quota';
import { planCapture } from '../capture/plan';
import { DEFAULT_REDACTION, type RedactionSettings } from '../capture/redact';
import { createKnowledgeService } from '../knowledge/background';
import { resolveContext } from '../context/resolve';
import { createManagerHandlers } from '../manager/background';
import { createQueueService } from '../queue/background';

const SESSION_KEY = 'session';
const LAST_SYNC_KEY = 'sync.lastSyncAt';
const BACKOFF_KEY = 'sync.backoff';
const SLA_POLICIES_KEY = 'sla.policies';

interface Backoff {
  failures: number;
  retryAt: string | null;
}

export interface TabContext {
  context: PageContext;
  resolution: Resolution;
}

export interface BackgroundDeps {
  db: TandemDatabase;
  getBackendUrl(): Promise<string>;
  setBackendUrl(url: string): Promise<void>;
  /** Where each tab's latest context is kept so the side panel (and a restarted worker) can read it. */
  tabContexts: { get(tabId: number): Promise<TabContext | null>; set(tabId: number, value: TabContext): Promise<void> };
  createApi?: (baseUrl: string, token: string | null) => ApiClient;
  now?: () => Date;
  random?: () => number;
  getRedaction?: () => Promise<RedactionSettings>;
  /** The published site rules for the agent's teams, after each sync (custom sites set up by managers). */
  onServerSiteRules?: (rules: SiteRule[]) => Promise<void>;
  /**
   * Takes the screenshot for capture.screenshot: the sender tab's visible area cropped to rect × devicePixelRatio
   * (entrypoints/background.ts, with tabs.captureVisibleTab). Absent where the browser cannot.
   */
  captureScreenshot?: (target: { tabId: number; windowId: number; rect: ViewportRect; devicePixelRatio: number }) => Promise<EncodedScreenshot>;
  /** Told after every sync attempt or local write, so badges and open pages can refresh. */
  onSynced?: (status: SyncStatus) => void;
}

/**
 * The background's behaviour, independent of the browser APIs that wire it up: owns the session
 * (token kept in IndexedDB, never sent to a page), the outbox, the sync loop and context resolution.
 */
export function createBackgroundService(deps: BackgroundDeps) {
  const { db } = deps;
  const createApi = deps.createApi ?? ((baseUrl, token) => createApiClient({ baseUrl, token }));
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  let syncing: Promise<void> | null = null;
  let again = false;
  let lastError: string | null = null;
  let notice: string | null = null;
  let online = true;
  let live = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let liveAbort: AbortController | null = null;

  async function storedSession() {
    const stored = SignInResponse.safeParse(await getMeta(db, SESSION_KEY));
    return stored.success ? stored.data : null;
  }

  async function session() {
    const stored = await storedSession();
    return stored && Date.parse(stored.expiresAt) > now().getTime() ? stored : null;
  }

  /** Who is signed in on this device (also after the token expired: their teams still scope the cache). */
  async function agent() {
    const current = await storedSession();
    return current ? { id: current.user.id, name: current.user.name, teamIds: current.user.teamIds } : null;
  }

  /** Where and with what token the side routers (queue, manager) call the server; null when signed out. */
  async function credentials() {
    const current = await session();
    return current ? { baseUrl: await deps.getBackendUrl(), token: current.token } : null;
  }

  async function status(): Promise<SyncStatus> {
    const current = await session();
    const backoff = (await getMeta<Backoff>(db, BACKOFF_KEY)) ?? { failures: 0, retryAt: null };
    const failedRows = await db.outbox.where('state').equals('failed').toArray();
    return {
      signedIn: current !== null,
      user: current ? { id: current.user.id, name: current.user.name, email: current.user.email, role: current.user.role } : null,
      backendUrl: await deps.getBackendUrl(),
      online,
      lastSyncAt: (await getMeta<string>(db, LAST_SYNC_KEY)) ?? null,
      syncing: syncing !== null,
      counts: await countRecords(db),
      // Screenshots waiting to upload are unsynced work too (sign-out already counts them).
      pending: (await outboxCounts(db)).pending + (await db.attachments.where('state').equals('pending').count()),
      failed: failedRows.map((r) => ({ entity: r.entity, recordId: r.recordId, error: r.lastError ?? 'Refused by the server' })),
      conflicts: await db.conflicts.count(),
      retryAt: backoff.retryAt,
      live,
      error: lastError,
      notice,
    };
  }

  async function hasPendingWrite(entity: string, recordId: string): Promise<boolean> {
    return (await db.outbox.where('[entity+recordId]').equals([entity, recordId]).count()) > 0;
  }

  async function announce(): Promise<void> {
    if (deps.onSynced) deps.onSynced(await status());
  }

  function scheduleRetry(at: Date): void {
    if (retryTimer) clearTimeout(retryTimer);
    // While the worker lives a timer retries; if it dies, the alarm and the wake-up sync take over.
    retryTimer = setTimeout(() => void sync({ force: true }), Math.max(0, at.getTime() - now().getTime()));
  }

  async function runOnce(force: boolean): Promise<void> {
    const current = await session();
    if (!current) return;
    const backoff = (await getMeta<Backoff>(db, BACKOFF_KEY)) ?? { failures: 0, retryAt: null };
    if (!force && backoff.retryAt && Date.parse(backoff.retryAt) > now().getTime()) return;
    const api = createApi(await deps.getBackendUrl(), current.token);
    const engine = createSyncEngine({ db, transport: api, now, onPulled: knowledge.onPulled });
    try {
      await engine.syncOnce();
      await flushUsage(api);
      // Managers change service levels rarely; keep the latest for offline captures. Not fatal.
      await api
        .slaPolicies()
        .then((policies) => setMeta(db, SLA_POLICIES_KEY, policies))
        .catch(() => undefined);
      if (deps.onServerSiteRules) {
        const { rules } = await api.siteRules().catch(() => ({ rules: null }));
        if (rules) await deps.onServerSiteRules(rules).catch(() => undefined);
      }
      await setMeta(db, LAST_SYNC_KEY, now().toISOString());
      await setMeta(db, BACKOFF_KEY, { failures: 0, retryAt: null } satisfies Backoff);
      lastError = null;
      online = true;
    } catch (error) {
      if (isQuotaError(error)) {
        // Storage is full: drop the least recently needed cache, never the outbox, and go on.
        const trimmed = await trimOldestInteractions(db);
        notice = `This device ran out of space for Tandem: ${trimmed} older records were removed from the local cache. Nothing you wrote was lost.`;
        again = true;
        return;
      }
      if (error instanceof ApiClientError && (error.code === 'unauthorized' || error.status === 401)) {
        lastError = 'Your session ended. Sign in again; your unsynced changes are kept.';
        await setMeta(db, SESSION_KEY, null);
        return;
      }
      if (error instanceof ApiClientError && error.code === 'scope_changed') {
        // The agent's teams changed: start over from the beginning of the change feed.
        await setMeta(db, CURSOR_KEY, 0);
        again = true;
        return;
      }
      online = !(error instanceof ApiClientError && error.code === 'offline');
      lastError = error instanceof Error ? error.message : String(error);
      if (isRetryable(error)) {
        const failures = backoff.failures + 1;
        const retryAt = new Date(now().getTime() + backoffDelay(failures, random));
        await setMeta(db, BACKOFF_KEY, { failures, retryAt: retryAt.toISOString() } satisfies Backoff);
        scheduleRetry(retryAt);
      }
    }
  }

  /** One sync at a time; a request during a sync runs one more pass after it. */
  function sync({ force = false }: { force?: boolean } = {}): Promise<void> {
    if (syncing) {
      again = true;
      return syncing;
    }
    syncing = (async () => {
      do {
        again = false;
        await runOnce(force);
      } while (again);
    })().finally(() => {
      syncing = null;
      void announce();
    });
    return syncing;
  }

  /** Keeps the live stream open while signed in; each event is a hint to pull. */
  async function startLive(): Promise<void> {
    stopLive();
    const current = await session();
    if (!current) return;
    const controller = new AbortController();
    liveAbort = controller;
    const api = createApi(await deps.getBackendUrl(), current.token);
    void runLiveChannel({
      signal: controller.signal,
      random,
      open: (signal) => api.live(signal),
      onCursor: async (cursor) => {
        if (cursor > ((await getMeta<number>(db, CURSOR_KEY)) ?? 0)) void sync({ force: true });
      },
      onPresence: (event) => queue.onPresence(event), // team queue: teammates viewing or replying
      onState: (connected) => {
        live = connected;
        if (connected) void queue.onLiveConnected();
        // Reconnected: catch up on whatever the stream missed while down.
        if (connected) void sync({ force: true });
        else void announce();
      },
    });
  }

  function stopLive(): void {
    liveAbort?.abort();
    liveAbort = null;
    live = false;
  }

  /** The agent's own write: cached and queued at once, pushed when the network allows. */
  async function write(writes: LocalWrite[]): Promise<string[]> {
    const ids = await writeLocal(db, writes, now());
    void announce();
    void sync({ force: true });
    return ids;
  }

  // ---- Team queue (lib/queue/background.ts): the queue from the cache, claims as local writes, presence.
  const queue = createQueueService({
    db,
    now,
    write,
    announce: () => void announce(),
    live: () => live,
    me: agent,
    credentials,
  });

  const knowledge = createKnowledgeService({ db, now });

  /** Sends recorded usage events in batches; they stay on this device until the server has them. */
  async function flushUsage(api: ApiClient): Promise<void> {
    for (;;) {
      const batch = await db.usageEvents.orderBy('occurredAt').limit(500).toArray();
      if (batch.length === 0) return;
      await api.usage(batch.map(({ userId: _u, teamId: _t, ...event }) => event));
      await db.usageEvents.bulkDelete(batch.map((e) => e.id));
    }
  }

  function summary(row: AttachmentRow): LocalAttachmentSummary {
    const { bytes: _bytes, state, uploadedAt: _at, attempts: _n, lastError, ...meta } = row;
    return { ...meta, uploaded: state === 'uploaded', error: state === 'failed' ? lastError : null };
  }

  // Cases whose server-side screenshots were looked up lately (side panel refreshes often; the list rarely changes).
  const remoteChecked = new Map<string, number>();
  const REMOTE_CHECK_MS = 60_000;

  /** Screenshots of a case captured on another device: listed and fetched from the server, then kept here. */
  async function fetchRemoteAttachments(caseId: string): Promise<AttachmentRow[]> {
    const last = remoteChecked.get(caseId);
    if (last !== undefined && now().getTime() - last < REMOTE_CHECK_MS) return [];
    const creds = await credentials();
    if (!creds || !(await db.cases.get(caseId)) || !(await caseAcknowledged(db, caseId))) return [];
    remoteChecked.set(caseId, now().getTime());
    const api = createApi(creds.baseUrl, creds.token);
    const rows: AttachmentRow[] = [];
    try {
      const { attachments } = await api.caseAttachments(caseId);
      for (const meta of attachments.slice(0, 5)) {
        const { mime, bytes } = await api.attachmentBytes(meta.id);
        const type = AttachmentMime.safeParse(mime);
        if (!type.success || bytes.byteLength === 0 || bytes.byteLength > ATTACHMENT_MAX_BYTES) continue;
        const row: AttachmentRow = { ...meta, mime: type.data, size: bytes.byteLength, bytes, uploadedAt: meta.createdAt, state: 'uploaded', attempts: 0, lastError: null };
        await db.attachments.put(row);
        rows.push(row);
      }
    } catch {
      // Offline or refused: the side panel simply shows no thumbnail this time.
      remoteChecked.delete(caseId);
    }
    return rows;
  }

  const handlers: Handlers = {
    'context.report': async ({ context }, sender) => {
      void queue.noteContext(context).catch(() => undefined); // the page is a case's source: the agent is viewing it
      const resolution = await resolveContext(db, context);
      const tabId = sender.tab?.id;
      if (tabId !== undefined) await deps.tabContexts.set(tabId, { context, resolution });
      return resolution;
    },
    'context.forTab': async ({ tabId }) => {
      const stored = await deps.tabContexts.get(tabId);
      if (!stored) return { context: null, resolution: null };
      // Re-resolve so the side panel sees what a sync has brought since the page reported.
      return { context: stored.context, resolution: await resolveContext(db, stored.context) };
    },
    'status.get': () => status(),
    'auth.signIn': async ({ backendUrl, email, password }) => {
      const api = createApi(backendUrl, null);
      let signedIn;
      try {
        signedIn = await api.signIn(email, password);
      } catch (error) {
        if (error instanceof ApiClientError) throw new MessageError(error.code, error.message);
        throw error;
      }
      const previous = await storedSession();
      const previousUrl = await deps.getBackendUrl();
      // Another account's (or another server's) cache must not leak into this one.
      if (previousUrl !== backendUrl || (previous && previous.user.id !== signedIn.user.id)) await clearAccountData(db);
      await deps.setBackendUrl(backendUrl);
      await setMeta(db, SESSION_KEY, signedIn);
      await setMeta(db, BACKOFF_KEY, { failures: 0, retryAt: null } satisfies Backoff);
      lastError = null;
      // The first sync of a large team takes minutes: it runs on after this answer (the options page
      // shows its progress), so signing in never nears Chrome's 5-minute limit for one event, and a
      // worker stopped midway resumes from the last page it stored.
      void sync({ force: true }).then(() => startLive());
      return status();
    },
    'auth.signOut': async ({ discardUnsynced }) => {
      // Screenshots not yet uploaded count as unsynced too: they exist nowhere else.
      const pending = (await outboxCounts(db)).pending + (await db.attachments.where('state').equals('pending').count());
      if (pending > 0 && !discardUnsynced) {
        throw new MessageError('unsynced_changes', `${pending} change${pending === 1 ? ' has' : 's have'} not reached the server yet. Reconnect and sync first, or sign out anyway to discard them.`);
      }
      const current = await session();
      stopLive();
      if (current) {
        // Revoke on the server when reachable; the local wipe happens regardless.
        await createApi(await deps.getBackendUrl(), current.token)
          .signOut()
          .catch(() => undefined);
      }
      await clearAccountData(db);
      lastError = null;
      notice = null;
      void announce();
      return status();
    },
    'sync.now': async () => {
      if (!(await session())) throw new MessageError('signed_out', 'Sign in to sync with the Tandem server.');
      await sync({ force: true });
      return status();
    },
    'capture.create': async ({ capture }) => {
      // An expired session still knows the agent's team: capture works offline and syncs after sign-in.
      const teamId = (await agent())?.teamIds[0];
      if (!teamId) throw new MessageError('signed_out', 'Sign in to Tandem once to capture cases (it works offline afterwards).');
      const redaction = (await deps.getRedaction?.()) ?? DEFAULT_REDACTION;
      const policies = SlaPoliciesResponse.safeParse(await getMeta(db, SLA_POLICIES_KEY));
      const slaPolicy = policies.success ? policies.data.teams.find((t) => t.teamId === teamId)?.policy : undefined;
      const plan = await planCapture(db, capture, { teamId, redaction, now: now(), ...(slaPolicy ? { slaPolicy } : {}) });
      if (plan.status === 'existing') {
        return {
          status: 'existing',
          caseId: plan.case.id,
          customerId: plan.case.customerId,
          customerName: plan.customer?.name ?? 'Unknown customer',
          customerCreated: false,
          slaDueAt: plan.case.slaDueAt,
          redacted: null,
          pending: await hasPendingWrite('cases', plan.case.id),
        };
      }
      await write(plan.writes);
      return {
        status: 'created',
        caseId: plan.case.id,
        customerId: plan.customer.id,
        customerName: plan.customer.name,
        customerCreated: plan.customerCreated,
        slaDueAt: plan.case.slaDueAt,
        redacted: plan.redacted,
        pending: await hasPendingWrite('cases', plan.case.id),
      };
    },
    'capture.screenshot': async ({ caseId, rect, devicePixelRatio }, sender) => {
      const tabId = sender.tab?.id;
      const windowId = sender.tab?.windowId;
      if (tabId === undefined || windowId === undefined) throw new MessageError('invalid_sender', 'Screenshots are taken of the page that asks for them.');
      if (!deps.captureScreenshot) throw new MessageError('screenshot_unavailable', 'This browser cannot take screenshots for Tandem.');
      // Only a case this device holds: the one just captured (or found) from this page.
      const kase = await db.cases.get(caseId);
      if (!kase || kase.deleted) throw new MessageError('not_found', 'The case for this screenshot is not on this device.');
      const shot = await deps.captureScreenshot({ tabId, windowId, rect, devicePixelRatio });
      if (shot.bytes.byteLength > ATTACHMENT_MAX_BYTES) {
        const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
        throw new MessageError('screenshot_too_large', `The screenshot is ${mb(shot.bytes.byteLength)} MB, more than the ${mb(ATTACHMENT_MAX_BYTES)} MB the server accepts, so it was not attached. The case was captured without it.`);
      }
      const row = await saveAttachment(db, {
        id: crypto.randomUUID(),
        caseId: kase.id,
        kind: 'screenshot',
        mime: shot.mime,
        width: shot.width,
        height: shot.height,
        size: shot.bytes.byteLength,
        bytes: shot.bytes,
        createdAt: now().toISOString(),
      });
      void announce();
      void sync({ force: true });
      return summary(row);
    },
    'attachments.forCases': async ({ caseIds }) => {
      const attachments = [];
      for (const caseId of new Set(caseIds)) {
        const local = await attachmentsForCase(db, caseId);
        const rows = local.length > 0 ? local : await fetchRemoteAttachments(caseId);
        for (const row of rows) attachments.push({ ...summary(row), base64: toBase64(row.bytes) });
      }
      return { attachments };
    },
    'conflicts.list': async () => ({ conflicts: (await db.conflicts.toArray()).sort((a, b) => a.at.localeCompare(b.at)) }),
    'conflicts.resolve': async ({ mutationId, keep }) => {
      const conflict = await db.conflicts.get(mutationId);
      if (!conflict) throw new MessageError('not_found', 'That conflict was already settled.');
      await db.conflicts.delete(mutationId);
      if (keep === 'mine' && (conflict.entity === 'cases' || conflict.entity === 'customers')) {
        // The agent's fields again, now based on the server's current version.
        await write([{ entity: conflict.entity, op: 'update', recordId: conflict.recordId, patch: conflict.local }]);
      }
      void announce();
      return status();
    },
    'knowledge.suggest': async ({ context }, sender) => {
      const tabId = sender.tab?.id;
      const stored = tabId === undefined ? null : await deps.tabContexts.get(tabId);
      const resolution = stored && stored.context.url === context.url ? stored.resolution : await resolveContext(db, context);
      return { suggestions: await knowledge.suggestFor(context, resolution, await agent()) };
    },
    'knowledge.search': async ({ text, kind, tag, language, limit }) => ({ results: await knowledge.search(text, { kind, tag, language, limit }, await agent()) }),
    'knowledge.article': async ({ id }) => ({ article: await knowledge.article(id) }),
    'knowledge.expand': async ({ shortcut, context }) => knowledge.expand(shortcut, context ? await resolveContext(db, context) : null, await agent()),
    'usage.record': async ({ events }) => {
      const me = await agent();
      if (!me) return { recorded: 0 };
      const at = now().toISOString();
      await db.usageEvents.bulkPut(events.map((e) => ({ ...e, id: crypto.randomUUID(), userId: me.id, teamId: me.teamIds[0] ?? 'none', occurredAt: at })));
      knowledge.usageRecorded(events);
      return { recorded: events.length };
    },
    'contact.create': async ({ name, identities, country }) => {
      const teamId = (await agent())?.teamIds[0];
      if (!teamId) throw new MessageError('signed_out', 'Sign in to Tandem once to create contacts (it works offline afterwards).');
      const normalized = normalizePageIdentities({ identities, country });
      if (normalized.length === 0) throw new MessageError('invalid_request', 'None of the identities on this page is valid.');
      // Someone may already have them (another agent created the contact, a sync just landed).
      const [existing] = await findCustomersByIdentities(db, normalized);
      if (existing) return { customer: existing };
      const at = now().toISOString();
      const customer: Customer = {
        id: `cust-${crypto.randomUUID()}`,
        version: 0,
        updatedAt: at,
        deleted: false,
        teamId,
        name: name?.trim() || normalized[0]!.value,
        identities: normalized,
        tier: 'standard',
        currency: 'USD',
        language: 'en',
        tags: [],
        createdAt: at,
      };
      await write([{ entity: 'customers', op: 'create', record: customer }]);
      return { customer };
    },
    'capture.find': async ({ site, externalId }) => {
      const found = await findCapturedCase(db, site, externalId);
      return { caseId: found?.id ?? null, pending: found ? await hasPendingWrite('cases', found.id) : false };
    },
    'cases.recent': async ({ limit }) => {
      const cases = (await db.cases.where('status').anyOf([...OPEN_STATUSES]).toArray()).filter((c) => !c.deleted);
      const pendingIds = new Set((await db.outbox.where('entity').equals('cases').toArray()).map((r) => r.recordId));
      const newest = cases.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
      const customers = await db.customers.bulkGet(newest.map((c) => c.customerId));
      return { cases: newest.map((c, i) => ({ ...c, pending: pendingIds.has(c.id), customerName: customers[i]?.name ?? null })) };
    },
    // ---- Manager console and broadcasts (lib/manager/background.ts): proxied /manager/* calls and the overlay's active broadcasts.
    ...createManagerHandlers({
      db,
      now,
      credentials,
      teamIds: async () => (await agent())?.teamIds ?? [],
    }),
    // ---- end of the manager block
    // ---- Team queue (lib/queue/background.ts)
    ...queue.handlers,
    // ---- end of the queue block
  };

  return { handlers, sync, status, write, startLive, stopLive, session, knowledge };
}

export type BackgroundService = ReturnType<typeof createBackgroundService>;
