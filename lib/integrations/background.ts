// The background's side of the console's integration screens: API tokens and webhooks, through the signed-in
// admin's client. The server checks the role; an agent's or manager's call comes back `forbidden`.
import { type ApiClient, toMessageError } from '../api/client';
import { type Handlers, MessageError } from '../messaging/dispatch';
import type { MessagesOf } from '../schema/messages';

export interface IntegrationDeps {
  /** The signed-in session's API client; null when signed out or expired. */
  api(): Promise<ApiClient | null>;
}

export function createIntegrationHandlers({ api }: IntegrationDeps): Pick<Handlers, MessagesOf<'integrations'>> {
  async function withClient<T>(what: string, call: (client: ApiClient['integrations']) => Promise<T>): Promise<T> {
    const client = await api();
    if (!client) throw new MessageError('signed_out', `Sign in to Tandem to ${what}.`);
    try {
      return await call(client.integrations);
    } catch (error) {
      throw toMessageError(error);
    }
  }
  return {
    'integrations.tokens': () => withClient('list API tokens', (c) => c.tokens()),
    'integrations.createToken': (request) => withClient('create an API token', (c) => c.createToken(request)),
    'integrations.revokeToken': ({ id }) => withClient('revoke an API token', (c) => c.revokeToken(id)),
    'integrations.webhooks': () => withClient('list webhooks', (c) => c.webhooks()),
    'integrations.createWebhook': (request) => withClient('register a webhook', (c) => c.createWebhook(request)),
    'integrations.deleteWebhook': async ({ id }) => {
      await withClient('remove a webhook', (c) => c.deleteWebhook(id));
      return {};
    },
    'integrations.deliveries': ({ id }) => withClient('list deliveries', (c) => c.deliveries(id)),
  };
}
