import { useEffect, useState } from 'preact/hooks';
import { formatNumber } from '../../lib/i18n/format';
import { t } from '../../lib/i18n/t';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import { type CreatedWebhook, type Webhook, type WebhookDelivery, WebhookEvent } from '../../lib/schema/webhooks';
import { ChoiceSet, RecordsTable, useBusyAction } from './controls';
import { formatDateTime } from './format';
import { ShownOnce } from './TokensView';

function deliveryOutcome(d: WebhookDelivery): string {
  const answer = d.lastStatus !== null ? `HTTP ${d.lastStatus}` : (d.lastError ?? '');
  if (d.status === 'delivered') return t('ckb_webhook_delivered', d.deliveredAt ? formatDateTime(d.deliveredAt) : '').trim();
  if (d.status === 'failed') return t('ckb_webhook_failed_after', formatNumber(d.attempts), answer);
  if (d.attempts === 0) return t('ckb_webhook_queued');
  return t('ckb_webhook_retrying', formatNumber(d.attempts), answer, d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : t('ckb_webhook_soon'));
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
      notice.value = t('ckb_webhook_removed', w.url);
      await reload();
    });
  const showDeliveries = (w: Webhook) => act(async () => setOpen({ id: w.id, deliveries: (await send('integrations.deliveries', { id: w.id })).deliveries }));

  return (
    <section class="mgr-panel" aria-label={t('console_view_webhooks')} data-testid="manager-webhooks">
      <p class="tdm-muted">{t('ckb_webhook_help')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label>
          {t('ckb_url')} <input type="url" required value={url} onInput={(e) => setUrl(e.currentTarget.value)} data-testid="webhook-url" />
        </label>{' '}
        <label>
          {t('ckb_webhook_description')} <input type="text" maxLength={200} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        </label>
        <ChoiceSet legend={t('ckb_webhook_events')} options={WebhookEvent.options} chosen={events} onChange={setEvents} testIdPrefix="webhook-event-" />
        <button type="submit" disabled={busy || url.trim() === '' || events.length === 0} data-testid="webhook-create">
          {t('ckb_webhook_add')}
        </button>
      </form>
      {created && <ShownOnce label={t('ckb_webhook_secret', created.url)} secret={created.secret} onDone={() => setCreated(null)} testId="webhook-created" />}
      <RecordsTable
        rows={webhooks}
        headers={[t('ckb_url'), t('ckb_webhook_events'), t('ckb_webhook_pending'), t('ckb_webhook_failed'), '']}
        empty={t('ckb_webhook_none')}
        row={(w) => (
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
                {t('ckb_webhook_deliveries')}
              </button>{' '}
              <button
                type="button"
                disabled={busy}
                onClick={() => void remove(w)}
                aria-label={t('ckb_webhook_remove_named', w.url)}
                data-testid="webhook-remove"
              >
                {t('remove')}
              </button>
            </td>
          </tr>
        )}
      />
      {open && (
        <section aria-label={t('ckb_webhook_recent')} data-testid="webhook-delivery-list">
          <h3>{t('ckb_webhook_recent')}</h3>
          {open.deliveries.length === 0 ? (
            <p class="tdm-muted">{t('ckb_webhook_nothing_sent')}</p>
          ) : (
            <table class="mgr-table">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('ckb_webhook_event')}</th>
                  <th>{t('ckb_webhook_record')}</th>
                  <th>{t('ckb_webhook_queued_at')}</th>
                  <th>{t('ckb_webhook_outcome')}</th>
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
