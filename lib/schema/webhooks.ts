// Outbound webhooks (server/webhooks/, docs/webhooks.md): what an admin registers and what the server
// reports about deliveries.
import { z } from 'zod';
import { isHttpUrl } from './http-url';

/** The events a webhook may subscribe to: any change to a case or a customer (created, updated, deleted). */
export const WebhookEvent = z.enum(['case.changed', 'customer.changed']);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

export const CreateWebhookRequest = z.strictObject({
  url: z.string().max(2000).refine(isHttpUrl, 'The address must be an http: or https: URL.'),
  events: z.array(WebhookEvent).min(1).max(WebhookEvent.options.length),
  description: z.string().max(200).default(''),
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequest>;

export const Webhook = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(WebhookEvent),
  description: z.string(),
  createdAt: z.string(),
  /** Deliveries still to succeed, and the last that failed for good. */
  pending: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});
export type Webhook = z.infer<typeof Webhook>;

/** The answer to creating a webhook: the signing secret, shown this once. */
export const CreatedWebhook = Webhook.extend({ secret: z.string() });
export type CreatedWebhook = z.infer<typeof CreatedWebhook>;

export const WebhooksResponse = z.object({ webhooks: z.array(Webhook) });

export const WebhookDelivery = z.object({
  id: z.string(),
  event: WebhookEvent,
  recordId: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int().nonnegative(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveriesResponse = z.object({ deliveries: z.array(WebhookDelivery) });
