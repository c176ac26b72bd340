import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/client';
import { ApiClientError } from '../api/client';
import { MessageError } from '../messaging/dispatch';
import { CARD_OPENED_WINDOW_MS, createPrivacyService } from './background';

function setup(client: Partial<ApiClient> | null = null) {
  const clock = { now: Date.parse('2026-11-20T09:00:00.000Z') };
  const record = vi.fn(async (_events: unknown) => undefined);
  const service = createPrivacyService({ api: async () => client as ApiClient | null, record, now: () => new Date(clock.now) });
  return { service, record, clock };
}

describe('card openings for the access log', () => {
  it('notes a card once per customer and surface within the window, however often the page re-reads', async () => {
    const { service, record, clock } = setup();
    for (let i = 0; i < 20; i++) await service.cardOpened('cust-jane', 'page', 'twitter');
    await service.cardOpened('cust-jane', 'sidepanel', 'twitter');
    await service.cardOpened('cust-olu', 'page', 'twitter');
    expect(record.mock.calls.map(([events]) => events)).toEqual([
      [{ type: 'card_opened', itemKind: 'customer', itemId: 'cust-jane', site: 'twitter', surface: 'page' }],
      [{ type: 'card_opened', itemKind: 'customer', itemId: 'cust-jane', site: 'twitter', surface: 'sidepanel' }],
      [{ type: 'card_opened', itemKind: 'customer', itemId: 'cust-olu', site: 'twitter', surface: 'page' }],
    ]);
    clock.now += CARD_OPENED_WINDOW_MS;
    await service.cardOpened('cust-jane', 'page', 'twitter');
    expect(record).toHaveBeenCalledTimes(4);
  });
});

describe('privacy.reveal', () => {
  const request = { entity: 'customers' as const, id: 'cust-jane', field: 'phone' as const, reason: 'Call back' };

  it("answers the server's full value", async () => {
    const reveal = vi.fn(async () => ({ field: 'phone', values: ['+14155550123'] }));
    const { service } = setup({ reveal } as Partial<ApiClient>);
    expect(await service.handlers['privacy.reveal'](request, {})).toEqual({ field: 'phone', values: ['+14155550123'] });
    expect(reveal).toHaveBeenCalledWith(request);
  });

  it("passes on the server's refusal with its code, and asks a signed-out agent to sign in", async () => {
    const reveal = vi.fn(async () => {
      throw new ApiClientError('forbidden', 'Your role may not reveal phone.', null);
    });
    await expect(setup({ reveal } as Partial<ApiClient>).service.handlers['privacy.reveal'](request, {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setup(null).service.handlers['privacy.reveal'](request, {})).rejects.toBeInstanceOf(MessageError);
  });
});

describe('the console’s retention, erasure and export', () => {
  it('sends an erasure with its reason and answers the counts', async () => {
    const removed = { customers: 1, interactions: 4, cases: 2, screenshots: 1 };
    const eraseCustomer = vi.fn(async () => ({ customerId: 'cust-jane', erasedAt: '2026-11-20T09:00:00.000Z', removed }));
    const { service } = setup({ privacy: { eraseCustomer } } as unknown as Partial<ApiClient>);
    expect(await service.handlers['privacy.eraseCustomer']({ customerId: 'cust-jane', reason: 'Request #4711' }, {})).toMatchObject({ removed });
    expect(eraseCustomer).toHaveBeenCalledWith('cust-jane', 'Request #4711');
  });

  it("passes on a non-admin's refusal with its code", async () => {
    const runRetention = vi.fn(async () => {
      throw new ApiClientError('forbidden', 'This needs the admin role.', null);
    });
    const { service } = setup({ privacy: { runRetention } } as unknown as Partial<ApiClient>);
    await expect(service.handlers['privacy.runRetention']({}, {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setup(null).service.handlers['privacy.exportCustomer']({ customerId: 'cust-jane' }, {})).rejects.toMatchObject({ code: 'signed_out' });
  });
});
