import { useEffect, useState } from 'preact/hooks';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import { type CreatedWebhook, type Webhook, type WebhookDelivery, WebhookEvent } from '../../lib/schema/webhooks';
import { ChoiceSet, useBusyAction } from './controls';
import { formatDateTime } from './format';
import { ShownOnce } from './TokensView';

function deliveryOutcome(d: WebhookDelivery): string {
  const answer = d.lastStatus !== null ? `HTTP ${d.lastStatus}` : (d.lastError ?? '');
  if (d.status === 'delivered') return `delivered ${d.deliveredAt ? formatDateTime(d.deliveredAt) : ''}`;
  if (d.status === 'failed') return `failed after ${d.attempts} attempts: ${answer}`;
  return d.attempts === 0 ? 'queued' : `retrying (${d.attempts} so far: ${answer}), next ${d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : 'soon'}`;
}

/** Admins: the webhooks that receive case and customer changes (docs/webhooks.md): register, see deliveries and failures, remove. */
export function WebhooksView() {
  const [webhooks, setWebhooks] = useState<Webhook[] | null>(null);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([...WebhookEvent.options]);
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [open, setOpen] = useState<{ id: string; deliveries: WebhookDelivery[] } | null>(null);
  const [busy, act] = useBusyAction();

  const reload = async () => setWebhooks((await send('integrations.webhooks', {})).webhooks);
  useEffect(() => {
    void act(reload);
  }, []);

  const create = () =>
    act(async () => {
      setCreated(await send('integrations.createWebhook', { url: url.trim(), events, description: description.trim() }));
      setUrl('');
      setDescription('');
      await reload();
    });
  const remove = (w: Webhook) =>
    act(async () => {
      await send('integrations.deleteWebhook', { id: w.id });
      if (open?.id === w.id) setOpen(null);
      notice.value = `Removed the webhook to ${w.url}: nothing more is sent to it.`;
      await reload();
    });
  const showDeliveries = (w: Webhook) => act(async () => setOpen({ id: w.id, deliveries: (await send('integrations.deliveries', { id: w.id })).deliveries }));

  return (
    <section class="mgr-panel" aria-label="Webhooks" data-testid="manager-webhooks">
      <p class="tdm-muted">
        Each change to a case or a customer is sent to the URL as a signed POST, retried with backoff for a while when the receiver fails. How to check the
        signature: docs/webhooks.md.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label>
          URL <input type="url" required value={url} onInput={(e) => setUrl(e.currentTarget.value)} data-testid="webhook-url" />
        </label>{' '}
        <label>
          Description <input type="text" maxLength={200} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        </label>
        <ChoiceSet legend="Events" options={WebhookEvent.options} chosen={events} onChange={setEvents} testIdPrefix="webhook-event-" />
        <button type="submit" disabled={busy || url.trim() === '' || events.length === 0} data-testid="webhook-create">
          Add webhook
        </button>
      </form>
      {created && (
        <ShownOnce
          label={`The signing secret of the webhook to ${created.url}.`}
          secret={created.secret}
          onDone={() => setCreated(null)}
          testId="webhook-created"
        />
      )}
      {webhooks === null ? (
        <p class="tdm-muted">Loading…</p>
      ) : webhooks.length === 0 ? (
        <p class="tdm-muted">No webhooks yet.</p>
      ) : (
        <table class="mgr-table">
          <thead>
            <tr>
              <th>URL</th>
              <th>Events</th>
              <th>Pending</th>
              <th>Failed</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {webhooks.map((w) => (
              <tr key={w.id} data-testid="webhook-row" data-webhook={w.id}>
                <td>
                  {w.url}
                  {w.description && <span class="tdm-muted"> · {w.description}</span>}
                </td>
                <td>{w.events.join(', ')}</td>
                <td>{w.pending}</td>
                <td data-testid="webhook-failed">{w.failed}</td>
                <td>
                  <button type="button" disabled={busy} onClick={() => void showDeliveries(w)} data-testid="webhook-deliveries">
                    Deliveries
                  </button>{' '}
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void remove(w)}
                    aria-label={`Remove the webhook to ${w.url}`}
                    data-testid="webhook-remove"
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && (
        <section aria-label="Recent deliveries" data-testid="webhook-delivery-list">
          <h3>Recent deliveries</h3>
          {open.deliveries.length === 0 ? (
            <p class="tdm-muted">Nothing sent yet.</p>
          ) : (
            <table class="mgr-table">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Event</th>
                  <th>Record</th>
                  <th>Queued</th>
                  <th>Outcome</th>
                </tr>
              </thead>
              <tbody>
                {open.deliveries.map((d) => (
                  <tr key={d.id} data-testid="webhook-delivery" data-status={d.status}>
                    <td>{d.id}</td>
                    <td>{d.event}</td>
                    <td>{d.recordId}</td>
                    <td>{formatDateTime(d.createdAt)}</td>
                    <td>{deliveryOutcome(d)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </section>
  );
}
