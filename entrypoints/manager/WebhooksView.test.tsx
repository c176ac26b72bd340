// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Webhook, WebhookDelivery } from '../../lib/schema/webhooks';

const hook: Webhook = {
  id: 'wh-1',
  url: 'https://hooks.example.com/tandem',
  events: ['case.changed'],
  description: 'CRM',
  createdAt: '2026-11-01T09:00:00.000Z',
  pending: 1,
  failed: 1,
};
const delivery = (over: Partial<WebhookDelivery>): WebhookDelivery => ({
  id: '1',
  event: 'case.changed',
  recordId: 'case-1',
  status: 'delivered',
  attempts: 1,
  lastStatus: 200,
  lastError: null,
  createdAt: '2026-11-26T09:00:00.000Z',
  nextAttemptAt: null,
  deliveredAt: '2026-11-26T09:00:01.000Z',
  ...over,
});
let webhooks: Webhook[] = [hook];
const send = vi.fn(async (name: string, request: Record<string, unknown>): Promise<unknown> => {
  if (name === 'integrations.webhooks') return { webhooks };
  if (name === 'integrations.deliveries')
    return { deliveries: [delivery({ id: '2', status: 'failed', attempts: 8, lastStatus: 500, deliveredAt: null }), delivery({ id: '1' })] };
  if (name === 'integrations.createWebhook') {
    const made = { ...hook, id: 'wh-2', url: request.url as string, pending: 0, failed: 0 };
    webhooks = [...webhooks, made];
    return { ...made, secret: 'whsec_shown_once' };
  }
  if (name === 'integrations.deleteWebhook') {
    webhooks = webhooks.filter((w) => w.id !== request.id);
    return {};
  }
  throw new Error(`unexpected ${name}`);
});
vi.mock('../../lib/messaging/browser', () => ({ send: (name: string, request: Record<string, unknown>) => send(name, request) }));
const { WebhooksView } = await import('./WebhooksView');

const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

describe('the webhooks view', () => {
  const root = document.createElement('div');
  document.body.append(root);
  afterEach(() => render(null, root));
  const $ = <E extends Element>(testId: string) => root.querySelector<E>(`[data-testid="${testId}"]`);

  it('shows a webhook’s deliveries with why one failed', async () => {
    await act(async () => render(<WebhooksView />, root));
    await settle();
    expect($('webhook-failed')?.textContent).toBe('1');
    await act(async () => $<HTMLButtonElement>('webhook-deliveries')?.click());
    await settle();
    expect(send).toHaveBeenCalledWith('integrations.deliveries', { id: 'wh-1' });
    const rows = [...root.querySelectorAll('[data-testid="webhook-delivery"]')];
    expect(rows.map((r) => r.getAttribute('data-status'))).toEqual(['failed', 'delivered']);
    expect(rows[0]?.textContent).toContain('failed after 8 attempts: HTTP 500');
  });

  it('registers a webhook, shows its secret once, and removes one', async () => {
    await act(async () => render(<WebhooksView />, root));
    await settle();
    await act(async () => {
      const url = $<HTMLInputElement>('webhook-url');
      if (!url) throw new Error('no url field');
      url.value = 'https://example.org/in';
      url.dispatchEvent(new Event('input'));
    });
    await act(async () => $<HTMLButtonElement>('webhook-create')?.click());
    await settle();
    expect(send).toHaveBeenCalledWith('integrations.createWebhook', {
      url: 'https://example.org/in',
      events: ['case.changed', 'customer.changed'],
      description: '',
    });
    expect($('webhook-created-value')?.textContent).toBe('whsec_shown_once');
    expect(root.querySelectorAll('[data-testid="webhook-row"]')).toHaveLength(2);
    await act(async () => $<HTMLButtonElement>('webhook-remove')?.click());
    await settle();
    expect(send).toHaveBeenCalledWith('integrations.deleteWebhook', { id: 'wh-1' });
    expect(root.querySelectorAll('[data-testid="webhook-row"]')).toHaveLength(1);
  });
});
