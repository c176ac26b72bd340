// The background's side of privacy: revealing a masked value (the side panel's button, through the signed-in client)
// and noting which customer cards the agent opened, for the server's access log (docs/privacy.md).
import { type ApiClient, toMessageError } from '../api/client';
import { type Handlers, MessageError } from '../messaging/dispatch';
import type { CardSurface } from '../schema/entities';
import type { MessageRequest, MessagesOf } from '../schema/messages';

/** One card opening is noted once per customer and surface in this window, however often the page re-reads. */
export const CARD_OPENED_WINDOW_MS = 30 * 60_000;

export interface PrivacyDeps {
  /** The signed-in session's API client; null when signed out or expired. */
  api(): Promise<ApiClient | null>;
  /** Queues usage events (lib/usage/recorder.ts), which the sync loop sends in batches. */
  record(events: MessageRequest<'usage.record'>['events']): Promise<unknown>;
  now?: () => Date;
}

export function createPrivacyService({ api, record, now = () => new Date() }: PrivacyDeps) {
  const noted = new Map<string, number>();

  /** A customer's card was shown: queue one card_opened event unless this one was noted within the window. */
  async function cardOpened(customerId: string, surface: CardSurface, site: string | null): Promise<void> {
    const key = `${surface}:${customerId}`;
    const at = now().getTime();
    const last = noted.get(key);
    if (last !== undefined && at - last < CARD_OPENED_WINDOW_MS) return;
    noted.set(key, at);
    for (const [k, t] of noted) if (at - t >= CARD_OPENED_WINDOW_MS) noted.delete(k);
    await record([{ type: 'card_opened', itemKind: 'customer', itemId: customerId, site, surface }]);
  }

  /** Calls the server as the signed-in user; its refusals reach the page with their code. */
  async function withClient<T>(what: string, call: (client: ApiClient) => Promise<T>): Promise<T> {
    const client = await api();
    if (!client) throw new MessageError('signed_out', `Sign in to Tandem to ${what}.`);
    try {
      return await call(client);
    } catch (error) {
      throw toMessageError(error);
    }
  }

  const handlers: Pick<Handlers, MessagesOf<'privacy'>> = {
    'privacy.reveal': (request) => withClient('reveal a value', (client) => client.reveal(request)),
    'privacy.retention': () => withClient('read retention', (client) => client.privacy.retention()),
    'privacy.setRetention': ({ teamId, days }) => withClient('set retention', (client) => client.privacy.setRetention(teamId, days)),
    'privacy.runRetention': ({ teamId }) => withClient('run retention', (client) => client.privacy.runRetention(teamId)),
    'privacy.findCustomers': ({ q }) => withClient('find customers', (client) => client.privacy.findCustomers(q)),
    'privacy.eraseCustomer': ({ customerId, reason }) => withClient('erase a customer', (client) => client.privacy.eraseCustomer(customerId, reason)),
    'privacy.exportCustomer': ({ customerId }) => withClient('export a customer', (client) => client.privacy.exportCustomer(customerId)),
  };

  return { handlers, cardOpened };
}
