// Outbound webhooks: changes to cases and customers become signed POSTs to the URLs an admin registered.
// The change log is the outbox: each webhook keeps the last change sequence it has queued, so a change
// is queued exactly once per webhook (even across restarts), and only changes every reader can see are
// taken (change_settled_seq(), as pulls do), so none is skipped. Delivery is at least once: a receiver
// dedupes by the delivery's event id. Failed attempts are retried with exponential backoff, then given up.
import type { Db, Queryable } from '../db/database';
import { settledSeq } from '../db/records';
import { SIGNATURE_HEADER, signDelivery } from './signature';

/** Give up after this many attempts (about 21 minutes of backoff in all). */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 10_000;
const MAX_RETRY_MS = 3600_000;
const QUEUE_BATCH = 500;
const SEND_BATCH = 50;
const SEND_TIMEOUT_MS = 10_000;

const ENTITY_OF_EVENT = { 'case.changed': 'cases', 'customer.changed': 'customers' } as const;
type EventName = keyof typeof ENTITY_OF_EVENT;

/** The wait before attempt n+1 after n failed attempts: 10 s, 20 s, 40 s… at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/** Queues a delivery for every change since each webhook's cursor, up to the settled sequence. */
export async function queueWebhookEvents(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const upTo = await settledSeq(tx);
    const { rows: hooks } = await tx.query<{ id: string; events: EventName[]; queued_seq: string | number }>(
      'select id, events, queued_seq from webhooks where active and queued_seq < $1 for update',
      [upTo],
    );
    let queued = 0;
    for (const hook of hooks) {
      const from = Number(hook.queued_seq);
      const changes = await changesSince(tx, hook.events, from, upTo);
      for (const change of changes) {
        const payload = {
          id: `${change.entity}:${change.id}:${change.seq}`,
          event: change.event,
          occurredAt: new Date(change.updatedAt).toISOString(),
          data: { id: change.id, deleted: change.deleted, record: change.data },
        };
        const { rows: inserted } = await tx.query(
          `insert into webhook_deliveries (webhook_id, event_id, event, record_id, payload, status, attempts, next_attempt_at, created_at)
           values ($1, $2, $3, $4, $5, 'pending', 0, $6, $6) on conflict (webhook_id, event_id) do nothing returning 1`,
          [hook.id, payload.id, change.event, change.id, JSON.stringify(payload), now.toISOString()],
        );
        queued += inserted.length;
      }
      // A full batch may have more behind it: the cursor stops at the last change taken.
      const cursor = changes.length === QUEUE_BATCH ? Number(changes.at(-1)?.seq) : upTo;
      await tx.query('update webhooks set queued_seq = $2 where id = $1', [hook.id, cursor]);
    }
    return queued;
  });
}

interface Change {
  event: EventName;
  entity: string;
  id: string;
  seq: number;
  deleted: boolean;
  updatedAt: string;
  data: unknown;
}

async function changesSince(tx: Queryable, events: readonly EventName[], from: number, upTo: number): Promise<Change[]> {
  // Table names come from the fixed event → entity map, never from input.
  const parts = events.map(
    (event) =>
      `select '${event}' as event, '${ENTITY_OF_EVENT[event]}' as entity, id, seq, deleted, updated_at, data from ${ENTITY_OF_EVENT[event]} where seq > $1 and seq <= $2`,
  );
  const { rows } = await tx.query<{
    event: EventName;
    entity: string;
    id: string;
    seq: string | number;
    deleted: boolean;
    updated_at: string | Date;
    data: unknown;
  }>(`${parts.join(' union all ')} order by seq limit ${QUEUE_BATCH}`, [from, upTo]);
  return rows.map((r) => ({
    event: r.event,
    entity: r.entity,
    id: r.id,
    seq: Number(r.seq),
    deleted: r.deleted,
    updatedAt: String(r.updated_at instanceof Date ? r.updated_at.toISOString() : r.updated_at),
    data: r.data,
  }));
}

export interface SendOptions {
  now: () => Date;
  fetch?: typeof fetch;
}

/** Sends the deliveries that are due; returns how many succeeded and failed this round. */
export async function sendDueDeliveries(db: Db, { now, fetch: send = fetch }: SendOptions): Promise<{ delivered: number; failed: number }> {
  const { rows } = await db.query<{ id: string | number; url: string; secret: string; event: string; payload: unknown; attempts: number }>(
    `select d.id, w.url, w.secret, d.event, d.payload, d.attempts from webhook_deliveries d join webhooks w on w.id = d.webhook_id
      where d.status = 'pending' and w.active and d.next_attempt_at <= $1 order by d.id limit ${SEND_BATCH}`,
    [now().toISOString()],
  );
  let delivered = 0;
  let failed = 0;
  for (const row of rows) {
    const body = JSON.stringify(row.payload);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await send(row.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Tandem-Webhooks/1',
          'Tandem-Event': row.event,
          'Tandem-Delivery': String(row.id),
          [SIGNATURE_HEADER]: signDelivery(row.secret, body, now()),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const attempts = row.attempts + 1;
    const at = now();
    if (!error) {
      delivered++;
      await db.query(
        `update webhook_deliveries set status = 'delivered', attempts = $2, last_status = $3, last_error = null, delivered_at = $4, next_attempt_at = null where id = $1`,
        [row.id, attempts, status, at.toISOString()],
      );
    } else {
      const givenUp = attempts >= MAX_ATTEMPTS;
      if (givenUp) failed++;
      await db.query(`update webhook_deliveries set status = $2, attempts = $3, last_status = $4, last_error = $5, next_attempt_at = $6 where id = $1`, [
        row.id,
        givenUp ? 'failed' : 'pending',
        attempts,
        status,
        error.slice(0, 500),
        givenUp ? null : new Date(at.getTime() + retryDelayMs(attempts)).toISOString(),
      ]);
    }
  }
  return { delivered, failed };
}

/** One round: queue what changed, send what is due. The server runs it every few seconds (server/start.ts). */
export async function runWebhooks(db: Db, options: SendOptions): Promise<void> {
  await queueWebhookEvents(db, options.now());
  await sendDueDeliveries(db, options);
}
