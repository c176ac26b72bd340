// The admins' integration routes: API tokens (server/tokens/, docs/api.md) and webhooks (server/webhooks/, docs/webhooks.md).
import { ApiTokensResponse, CreateApiTokenRequest, CreatedApiToken } from '../schema/tokens';
import { CreatedWebhook, CreateWebhookRequest, WebhookDeliveriesResponse, WebhooksResponse } from '../schema/webhooks';
import { type Http, path } from './http';

export function integrationRoutes(http: Http) {
  return {
    tokens: () => http.call(ApiTokensResponse, { path: '/admin/tokens' }),
    createToken: (request: CreateApiTokenRequest) =>
      http.call(CreatedApiToken, { method: 'POST', path: '/admin/tokens', json: { schema: CreateApiTokenRequest, value: request } }),
    revokeToken: (id: string) => http.call(ApiTokensResponse, { method: 'POST', path: path`/admin/tokens/${id}/revoke` }),
    webhooks: () => http.call(WebhooksResponse, { path: '/admin/webhooks' }),
    createWebhook: (request: CreateWebhookRequest) =>
      http.call(CreatedWebhook, { method: 'POST', path: '/admin/webhooks', json: { schema: CreateWebhookRequest, value: request } }),
    deleteWebhook: async (id: string) => {
      await http.send({ method: 'DELETE', path: path`/admin/webhooks/${id}` });
    },
    deliveries: (id: string) => http.call(WebhookDeliveriesResponse, { path: path`/admin/webhooks/${id}/deliveries` }),
  };
}
