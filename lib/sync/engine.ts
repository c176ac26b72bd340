import { type ApiClient, ApiClientError } from '../api/client';
import {
  applyPulledPage,
  applyPushResults,
  type FeedOrigin,
  feedOrigin,
  MAX_PUSH_ATTEMPTS,
  markWriteFailed,
  nextBatch,
  type OutboxRow,
  pulledOnlyTables,
  recordPushAttempts,
  setFeedOrigin,
  syncCursor,
  type TandemDatabase,
} from '../db';
import type { Change, MutationEnvelope, MutationResult, PullResponse } from '../schema';
import { type AttachmentTransport, uploadAttachments } from './attachments';
import { addPageWrite, startPullProfile } from './pull-profile';
import { endsSyncPass, isServerFault } from './retry';

/** A pass ended between two requests because it was asked to (`stopRequested`); nothing failed. */
export class SyncStopped extends Error {
  constructor() {
    super('The sync pass was stopped.');
    this.name = 'SyncStopped';
  }
}

/**
 * Records per pull: large pages cost fewer round trips and fewer Dexie transactions on a first sync (the server's
 * PullQuery allows up to PULL_PAGE_MAX); each page is still one transaction with its cursor, so progress and resuming
 * after a killed worker work as before. (The knowledge ranking no longer depends on how the records were split into
 * pages: lib/knowledge/postings.ts scores frozen postings again when the fields' average lengths move.)
 */
export const PULL_PAGE_SIZE = 2000;

/**
 * Pages fetched ahead of the one being written: two let the server work through a slow stretch of writes (customers,
 * whose identity index makes them the dearest rows) and bank a page for the stretch where it is the slower side.
 * Each waiting page is ≈ 1 MB of JSON parsed into memory.
 */
export const PULL_PREFETCH = 2;

/** Pull and push, and (when the transport can) attachment uploads. */
export type SyncTransport = Pick<ApiClient, 'pull' | 'push'> & Partial<AttachmentTransport>;

function envelope(row: OutboxRow): MutationEnvelope {
  const base = { id: row.mutationId, entity: row.entity as MutationEnvelope['entity'], op: row.op, recordId: row.recordId };
  if (row.op === 'create') return { ...base, data: row.data, ...(row.origin ? { origin: row.origin } : {}) };
  if (row.op === 'update') return { ...base, baseVersion: row.baseVersion ?? 0, patch: row.data };
  return { ...base, baseVersion: row.baseVersion ?? 0 };
}

/** A mutation the server failed on (`internal`: nothing stored) that has attempts left. */
function mayRetryLater(row: OutboxRow, result: MutationResult | undefined): boolean {
  return result?.status === 'rejected' && result.code === 'internal' && row.attempts < MAX_PUSH_ATTEMPTS;
}

/**
 * Pushes the outbox and pulls by cursor. Every step is durable in Dexie, so a worker killed at
 * any await resumes correctly: a mutation sent but unanswered is sent again with the same id,
 * and the server answers a replay with the original result.
 */
export function createSyncEngine({
  db,
  transport,
  batchSize = 100,
  pageSize = PULL_PAGE_SIZE,
  prefetch = PULL_PREFETCH,
  pagesPerTransaction = PULL_PREFETCH + 1,
  now = () => new Date(),
  onPulled,
  stopRequested = () => false,
}: {
  db: TandemDatabase;
  transport: SyncTransport;
  batchSize?: number;
  pageSize?: number;
  /** Pages requested ahead of the one being written (at least 1). */
  prefetch?: number;
  /** Pages already arrived that one transaction stores at most (1: a transaction a page). */
  pagesPerTransaction?: number;
  now?: () => Date;
  /** Told about each applied page (the knowledge index follows changes this way). */
  onPulled?: (changes: readonly Change[], cursor: number) => void;
  /** Asked before each request: true ends the pass there (`SyncStopped`), e.g. for a sign-out waiting on it. */
  stopRequested?: () => boolean;
}) {
  const checkStop = () => {
    if (stopRequested()) throw new SyncStopped();
  };

  /** Pushes a batch; a mutation the server failed on is added to `held` when it may still succeed on a later pass. */
  async function pushRows(batch: OutboxRow[], held: Set<number>): Promise<void> {
    const rows = await recordPushAttempts(db, batch);
    let results: MutationResult[];
    try {
      results = (await transport.push(rows.map(envelope))).results;
    } catch (error) {
      // The request as a whole failed. The network, an outage or the session: the pass ends and the loop retries.
      // A refusal, or a 500 a write has now had too often: halve the batch until the row at fault is alone, and set it aside.
      const givenUp = isServerFault(error) && rows.some((r) => r.attempts >= MAX_PUSH_ATTEMPTS);
      if (endsSyncPass(error) && !givenUp) throw error;
      if (rows.length > 1) {
        const half = Math.ceil(rows.length / 2);
        await pushRows(rows.slice(0, half), held);
        await pushRows(rows.slice(half), held);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      if (rows[0]) await markWriteFailed(db, rows[0], givenUp ? `The server failed on this change ${rows[0].attempts} times: ${message}` : message);
      return;
    }
    // One result per mutation, in order; anything else is a server fault, retried later rather than looping.
    if (results.length !== rows.length || results.some((r, i) => r.mutationId !== rows[i]?.mutationId)) {
      throw new ApiClientError('bad_response', 'The server answered a push with results that do not match its mutations.', 502);
    }
    // The server failed on these and stored nothing: they wait for a later pass until their attempts run out.
    const retry = new Set(rows.flatMap((row, i) => (mayRetryLater(row, results[i]) && row.seq !== undefined ? [row.seq] : [])));
    for (const seq of retry) held.add(seq);
    const settled = rows.flatMap((row, i) => (row.seq !== undefined && retry.has(row.seq) ? [] : [{ row, result: results[i]! }]));
    await applyPushResults(
      db,
      settled.map((s) => s.row),
      settled.map((s) => s.result),
      now,
    );
  }

  /** Pushes every queued write once; answers how many were sent and how many the server failed on, to try again later. */
  async function pushAll(): Promise<{ pushed: number; held: number }> {
    const held = new Set<number>();
    let pushed = 0;
    for (;;) {
      const rows = await nextBatch(db, batchSize, held);
      if (rows.length === 0) return { pushed, held: held.size };
      checkStop();
      await pushRows(rows, held);
      pushed += rows.length;
    }
  }

  /**
   * Refuses a page, before it is applied, from a change feed this copy did not come from: another
   * database (`server_changed`), or a server started since (a new epoch) that began before `cursor`,
   * so it may have lost what this copy holds (`cursor_ahead`, as after a restore). The loop then
   * starts the copy over. docs/sync-protocol.md, "Restored or replaced server".
   */
  /** The same server and epoch (absent on both sides counts as the same). */
  function sameOrigin(a: FeedOrigin | null | undefined, b: FeedOrigin | null | undefined): boolean {
    return a?.id === b?.id && a?.epoch === b?.epoch;
  }

  async function checkFeedOrigin(server: PullResponse['server'], cursor: number, confirmed: FeedOrigin | null): Promise<void> {
    if (!server) return;
    // Checked on an earlier page of this pass: only this pass stores the origin while it runs, so no read is needed.
    if (sameOrigin(confirmed, server)) return;
    const known = await feedOrigin(db);
    if (sameOrigin(known, server)) return;
    if (known && known.id !== server.id) {
      throw new ApiClientError('server_changed', 'The server has another database than the one this copy came from; starting over.', 409, {
        serverId: server.id,
      });
    }
    if (known && cursor > server.since) {
      throw new ApiClientError('cursor_ahead', 'The server restarted from an older state than this copy (a restored backup); starting over.', 409, {
        since: server.since,
      });
    }
    await setFeedOrigin(db, { id: server.id, epoch: server.epoch });
  }

  /**
   * Pulls every page after the stored cursor. Pages are fetched (and parsed) ahead of the one being written to Dexie,
   * up to `prefetch` pages: each next request goes out as soon as the page before it has answered (its cursor is the
   * next request's), not when the loop gets to it, so the server works on while a slow write runs. The cursor moves
   * only with a stored page, so a worker killed meanwhile resumes from the last stored page, and a failed fetch
   * surfaces when its page is due. Each step's time goes to the pass's pull profile.
   */
  async function pullAll(): Promise<number> {
    let cursor = await syncCursor(db);
    let applied = 0;
    checkStop();
    // Only this pass writes the tables empty now (pushes ran before it; a local edit is in the outbox and skipped), and
    // tables an earlier pass's pages left as holding only pulled rows (a resumed first sync) are as good: their pages
    // need not be checked against cached versions, a first sync's fast path.
    const pulledOnly = await pulledOnlyTables(db);
    const profile = startPullProfile(cursor);
    const started = performance.now();
    /** Requested pages not yet taken by the loop, in feed order; `answer` set once the page arrived (parsed and valid). */
    const ahead: { page: Promise<PullResponse>; answer: PullResponse | null }[] = [];
    /** The newest requested page once it answered (null while it is in flight or after it failed): where the next starts. */
    let last: PullResponse | null = null;
    let ended = false;
    /** The feed origin an earlier page of this pass checked (or stored): the same on the next page needs no read. */
    let confirmed: FeedOrigin | null = null;
    const request = (from: number): void => {
      const sent = performance.now();
      last = null;
      const waiting: (typeof ahead)[number] = { page: transport.pull(from, pageSize), answer: null };
      waiting.page = waiting.page.then((answer) => {
        profile.requestMs += performance.now() - sent;
        waiting.answer = answer;
        if (!ended) {
          last = answer;
          fetchAhead();
        }
        return answer;
      });
      waiting.page.catch(() => undefined); // awaited when its page is due; not an unhandled rejection if the pass ends first
      ahead.push(waiting);
    };
    /** Requests the page after the newest answered one while fewer than `prefetch` wait; none once a stop is asked. */
    const fetchAhead = (): void => {
      if (last?.hasMore && ahead.length < prefetch && !stopRequested()) request(last.cursor);
    };
    request(cursor);
    try {
      for (let next = ahead.shift(); next; next = ahead.shift()) {
        const waiting = performance.now();
        const pages: PullResponse[] = [await next.page];
        profile.waitMs += performance.now() - waiting;
        // Pages that arrived meanwhile join this one's transaction: one commit for them all (a commit costs ≈ 6–14 ms
        // whatever it holds), and no page waits longer for it. A page still on its way, failed, or from another feed
        // origin than the first (checked, and refused, on its own) is not waited for.
        for (let more = ahead[0]?.answer; more && pages.length < pagesPerTransaction; more = ahead[0]?.answer) {
          if (!sameOrigin(more.server, pages[0]!.server) || more.cursor < pages.at(-1)!.cursor) break;
          ahead.shift();
          pages.push(more);
        }
        let to = cursor;
        for (const page of pages) {
          await checkFeedOrigin(page.server, to, confirmed);
          if (page.server) confirmed = { id: page.server.id, epoch: page.server.epoch };
          if (page.cursor < to) throw new Error(`The server moved the sync cursor backwards (${to} → ${page.cursor}).`);
          to = page.cursor;
        }
        if (pages.at(-1)!.hasMore) {
          checkStop();
          fetchAhead();
        }
        const changes = pages.length === 1 ? pages[0]!.changes : pages.flatMap((page) => page.changes);
        const writing = performance.now();
        // The pages and the cursor after the last of them commit together, or none does (resuming after a killed worker).
        const tables = await applyPulledPage(db, changes, to, pulledOnly);
        addPageWrite(profile, changes, tables, performance.now() - writing, pages.length);
        const telling = performance.now();
        for (const page of pages) {
          const moved = page.cursor !== cursor;
          cursor = page.cursor;
          applied += page.changes.length;
          if (page.changes.length > 0 || moved) onPulled?.(page.changes, page.cursor);
        }
        profile.listenersMs += performance.now() - telling;
        profile.wallMs = performance.now() - started;
      }
    } finally {
      ended = true;
    }
    return applied;
  }

  /** Screenshots go up after the push, once their cases are acknowledged; none without an uploading transport. */
  async function uploadAll() {
    const upload = transport.uploadAttachment;
    if (!upload) return { uploaded: 0, waiting: 0, failed: 0 };
    return uploadAttachments(db, { uploadAttachment: upload }, now);
  }

  /**
   * Push first so the pull that follows already reflects the agent's own writes; then uploads, whose
   * cases the push has just acknowledged. A failed upload, or a write the server failed on, does not
   * hold up the pull: its error is thrown after it, so the caller's backoff retries it.
   */
  async function syncOnce(): Promise<{ pushed: number; pulled: number; uploaded: number }> {
    const { pushed, held } = await pushAll();
    let uploadError: unknown = null;
    const uploads = await uploadAll().catch((error: unknown) => {
      uploadError = error;
      return { uploaded: 0 };
    });
    const pulled = await pullAll();
    if (uploadError) throw uploadError;
    // Thrown after the pull, like an upload's error, so the loop backs off and sends the held writes again.
    if (held > 0) throw new ApiClientError('internal', `The server failed on ${held} change${held === 1 ? '' : 's'}; they will be sent again.`, 500);
    return { pushed, pulled, uploaded: uploads.uploaded };
  }

  return { pushAll, pullAll, uploadAll, syncOnce };
}
