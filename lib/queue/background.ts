// The background's side of the team queue: builds the queue from the local cache, turns claims into local writes,
// tells the server where the agent is (presence) and keeps what the live stream says about teammates.
import type { ApiClient } from '../api/client';
import type { LocalWrite } from '../db';
import {
  claimConflicts,
  customersById,
  dropClaimConflicts,
  getCase,
  getMeta,
  hasQueuedWrite,
  interactionsForCases,
  openCaseFromPage,
  openCases,
  recordsWithPendingWrites,
  setMeta,
  type TandemDatabase,
} from '../db';
import { effortByCase } from '../effort/effort';
import { type Handlers, MessageError } from '../messaging/dispatch';
import type { PageContext } from '../schema';
import type { MessagesOf } from '../schema/messages';
import {
  PRESENCE_TTL_MS,
  type PresenceEntry,
  type PresenceEvent,
  type PresenceRequest,
  type QueueCase,
  type QueueSnapshot,
  type Teammate,
} from '../schema/queue';
import { createQueueFeed } from './feed';
import { valueBandOfCustomer } from './value-band';

/** The queue's messages: `queue.*`, and the overlay's `presence.reply` (the collision guard). */
export type QueueMessageName = MessagesOf<'queue' | 'presence'>;

const TEAMMATES_KEY = 'queue.teammates';
const TEAMMATES_MAX_AGE_MS = 5 * 60_000;

export interface QueueDeps {
  db: TandemDatabase;
  /** The signed-in agent (known offline too, from the stored session). */
  me(): Promise<{ id: string; name: string; teamIds: string[] } | null>;
  /** The signed-in session's API client; null when signed out or expired. */
  api(): Promise<ApiClient | null>;
  write(writes: LocalWrite[]): Promise<string[]>;
  /** Tells open pages something changed (they re-read the queue). */
  announce(): void;
  live(): boolean;
  now?: () => Date;
}

export function createQueueService(deps: QueueDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  /** caseId:userId → entry, as the live stream last described it. */
  const presence = new Map<string, PresenceEntry>();
  /** When this agent last told the server it is on a case, so page reports do not repeat it every few seconds. */
  const announced = new Map<string, number>();
  /** The queue as last sent to the pages, versioned, so a live change goes out as the rows it changed. */
  const feed = createQueueFeed();

  /** Presence and teammates are best effort: null when signed out or the server cannot answer; the queue works offline from the cache. */
  async function bestEffort<T>(call: (api: ApiClient) => Promise<T>): Promise<T | null> {
    const api = await deps.api();
    if (!api) return null;
    try {
      return await call(api);
    } catch {
      return null;
    }
  }

  async function teammates(): Promise<Teammate[]> {
    const cached = await getMeta<{ at: number; teammates: Teammate[] }>(db, TEAMMATES_KEY);
    if (cached && now().getTime() - cached.at < TEAMMATES_MAX_AGE_MS) return cached.teammates;
    const fresh = await bestEffort((api) => api.queue.teammates());
    if (!fresh) return cached?.teammates ?? [];
    await setMeta(db, TEAMMATES_KEY, { at: now().getTime(), teammates: fresh.teammates });
    return fresh.teammates;
  }

  function onPresence(event: PresenceEvent): void {
    const key = `${event.caseId}:${event.userId}`;
    if (event.state === 'left') presence.delete(key);
    else presence.set(key, event as PresenceEntry);
    deps.announce();
  }

  /** The stream (re)connected: start from the server's list, since events may have been missed. */
  async function onLiveConnected(): Promise<void> {
    const list = await bestEffort((api) => api.queue.presence());
    if (!list) return;
    presence.clear();
    for (const entry of list.presence) presence.set(`${entry.caseId}:${entry.userId}`, entry);
    deps.announce();
  }

  async function announcePresence(request: PresenceRequest): Promise<boolean> {
    const key = `${request.caseId}:${request.state}`;
    if (request.state === 'left') {
      for (const k of announced.keys()) if (k.startsWith(`${request.caseId}:`)) announced.delete(k);
    } else {
      announced.set(key, now().getTime());
    }
    return (await bestEffort((api) => api.queue.announcePresence(request))) !== null;
  }

  /**
   * The agent's focus entered (or left) the reply box on a case's source: tell the team at once,
   * and say who has claimed the case if it is someone else, so the overlay can ask first.
   */
  async function noteReply(context: PageContext, replying: boolean): Promise<{ claimedBy: string | null }> {
    const shown = await openCaseFromPage(db, context);
    if (!shown) return { claimedBy: null };
    void announcePresence({ caseId: shown.id, state: replying ? 'replying' : 'viewing' });
    const me = await deps.me();
    if (!shown.assigneeId || shown.assigneeId === me?.id) return { claimedBy: null };
    const mate = (await teammates()).find((t) => t.id === shown.assigneeId);
    return { claimedBy: mate?.name ?? 'Another agent' };
  }

  /**
   * A page reported what it shows: when it is the source of an open case (the post, the ticket), the agent is viewing
   * that case. Repeated at most every half TTL per case.
   */
  async function noteContext(context: PageContext): Promise<void> {
    const shown = await openCaseFromPage(db, context);
    if (!shown) return;
    const last = announced.get(`${shown.id}:viewing`) ?? announced.get(`${shown.id}:replying`) ?? 0;
    if (now().getTime() - last < PRESENCE_TTL_MS / 2) return;
    await announcePresence({ caseId: shown.id, state: 'viewing' });
  }

  async function list(): Promise<QueueSnapshot> {
    const me = await deps.me();
    const teamIds = new Set(me?.teamIds ?? []);
    const open = (await openCases(db)).filter((c) => teamIds.has(c.teamId));
    const [customers, pendingIds, crossedClaims, efforts] = await Promise.all([
      customersById(
        db,
        open.map((c) => c.customerId),
      ),
      recordsWithPendingWrites(db),
      claimConflicts(db),
      interactionsForCases(
        db,
        open.map((c) => c.id),
      ).then(effortByCase),
    ]);
    const cases: QueueCase[] = open.map((c) => {
      const customer = customers.get(c.customerId);
      return {
        ...c,
        customerName: customer?.name ?? null,
        customerTier: customer?.tier ?? null,
        customerValueCents: customer?.lifetimeValueCents ?? null,
        customerValueBand: customer ? valueBandOfCustomer(customer) : null,
        customerLanguage: customer?.language ?? null,
        pending: pendingIds.has(`cases:${c.id}`),
        claimConflict: crossedClaims.get(c.id) ?? null,
        // How hard the customer has worked on this case (lib/effort): the queue's "most effort first" order.
        effort: efforts.get(c.id) ?? null,
      };
    });
    const at = now().getTime();
    const live = [...presence.values()].filter((p) => Date.parse(p.expiresAt) > at && teamIds.has(p.teamId));
    return { me, cases, presence: live, teammates: me ? await teammates() : [], live: deps.live() };
  }

  async function assign(caseId: string, assigneeId: string | null, force: boolean): Promise<{ pending: boolean }> {
    const me = await deps.me();
    if (!me) throw new MessageError('signed_out', 'Sign in to Tandem to claim cases.');
    const current = await getCase(db, caseId);
    if (!current || !me.teamIds.includes(current.teamId)) throw new MessageError('not_found', 'That case is not in your queue.');
    if (current.assigneeId === assigneeId) return { pending: await hasQueuedWrite(db, 'cases', caseId) };
    if (assigneeId === me.id && current.assigneeId && current.assigneeId !== me.id && !force) {
      const holder = (await teammates()).find((t) => t.id === current.assigneeId)?.name ?? current.assigneeId;
      throw new MessageError('claimed', `${holder} has this case.`);
    }
    // A fresh claim supersedes an earlier claim that crossed someone else's.
    await dropClaimConflicts(db, caseId);
    await deps.write([{ entity: 'cases', op: 'update', recordId: caseId, patch: { assigneeId } }]);
    return { pending: true };
  }

  const handlers: Pick<Handlers, QueueMessageName> = {
    'queue.list': () => list(),
    'queue.changes': async ({ after }) => feed.changes(await list(), after),
    'queue.assign': ({ caseId, assigneeId, force }) => assign(caseId, assigneeId, force),
    'queue.presence': async (request) => ({ sent: await announcePresence(request) }),
    'presence.reply': ({ context, replying }) => noteReply(context, replying),
  };

  return { handlers, onPresence, onLiveConnected, noteContext };
}

export type QueueService = ReturnType<typeof createQueueService>;
