// `/admin/webhooks`: an admin registers the URLs that receive case and customer changes, sees each one's
// deliveries with their status, and removes one (server/webhooks/, docs/webhooks.md). Mounted by ./admin.ts,
// whose middleware has already checked the admin role. The signing secret is shown once, at creation.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { CreatedWebhook, CreateWebhookRequest, WebhookDeliveriesResponse, WebhooksResponse } from '../../lib/schema/webhooks';
import { settledSeq } from '../db/records';
import { HttpError, pathParam, readJson } from '../http';
import { newWebhookSecret } from '../webhooks/signature';
import type { RouteDeps, RouteEnv } from './access';

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  description: string;
  created_at: string | Date;
  pending: string | number;
  failed: string | number;
}

const SELECT_WEBHOOKS = `
  select w.id, w.url, w.events, w.description, w.created_at,
         count(d.id) filter (where d.status = 'pending') as pending,
         count(d.id) filter (where d.status = 'failed') as failed
    from webhooks w left join webhook_deliveries d on d.webhook_id = w.id
   where w.active`;

const webhook = (r: WebhookRow) => ({
  id: r.id,
  url: r.url,
  events: r.events,
  description: r.description,
  createdAt: iso(r.created_at),
  pending: Number(r.pending),
  failed: Number(r.failed),
});

export function adminWebhookRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();

  router.get('/', async (c) => {
    const { rows } = await db.query<WebhookRow>(`${SELECT_WEBHOOKS} group by w.id order by w.created_at`);
    return c.json(WebhooksResponse.parse({ webhooks: rows.map(webhook) }));
  });

  router.post('/', async (c) => {
    const input = await readJson(c, CreateWebhookRequest);
    const id = `wh-${randomUUID()}`;
    const secret = newWebhookSecret();
    const created = await db.transaction(async (tx) => {
      // Changes from now on: a new webhook does not replay the whole history.
      const from = await settledSeq(tx);
      await tx.query(
        'insert into webhooks (id, url, events, description, secret, queued_seq, created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8)',
        [id, input.url, [...new Set(input.events)], input.description, secret, from, c.get('user').id, now().toISOString()],
      );
      const { rows } = await tx.query<WebhookRow>(`${SELECT_WEBHOOKS} and w.id = $1 group by w.id`, [id]);
      return rows[0]!;
    });
    return c.json(CreatedWebhook.parse({ ...webhook(created), secret }), 201);
  });

  router.delete('/:id', async (c) => {
    const id = pathParam(c, 'id');
    const { rows } = await db.query('update webhooks set active = false where id = $1 and active returning 1', [id]);
    if (rows.length === 0) throw new HttpError(404, 'not_found', 'No such webhook.');
    return c.body(null, 204);
  });

  router.get('/:id/deliveries', async (c) => {
    const id = pathParam(c, 'id');
    const { rows: found } = await db.query('select 1 from webhooks where id = $1 and active', [id]);
    if (found.length === 0) throw new HttpError(404, 'not_found', 'No such webhook.');
    const { rows } = await db.query<{
      id: string | number;
      event: string;
      record_id: string;
      status: string;
      attempts: number;
      last_status: number | null;
      last_error: string | null;
      created_at: string | Date;
      next_attempt_at: string | Date | null;
      delivered_at: string | Date | null;
    }>('select * from webhook_deliveries where webhook_id = $1 order by id desc limit 100', [id]);
    return c.json(
      WebhookDeliveriesResponse.parse({
        deliveries: rows.map((r) => ({
          id: String(r.id),
          event: r.event,
          recordId: r.record_id,
          status: r.status,
          attempts: r.attempts,
          lastStatus: r.last_status,
          lastError: r.last_error,
          createdAt: iso(r.created_at),
          nextAttemptAt: iso(r.next_attempt_at),
          deliveredAt: iso(r.delivered_at),
        })),
      }),
    );
  });
  return router;
}
