import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponse } from '../../lib/schema/api';
import { CreatedWebhook, WebhookDeliveriesResponse, WebhooksResponse } from '../../lib/schema/webhooks';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, createCase, ENGINES, expectError, expectOk } from '../testing';
import { MAX_ATTEMPTS, queueWebhookEvents, retryDelayMs, runWebhooks, sendDueDeliveries } from './dispatch';
import { SIGNATURE_HEADER, signatureProblem, signDelivery } from './signature';

/** A receiver as an integrator writes one: checks the signature with the secret it was shown, answers what `answer` says. */
function startReceiver() {
  const received: { body: string; signature: string | null; event: string | null; problem: string | null }[] = [];
  let secret = '';
  let failuresLeft = 0;
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => resolve(body));
    });
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const signature = req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined;
    // The receiver's clock is the test's: the deliveries are signed with the server's (DEMO_CLOCK-based) time.
    const problem = signatureProblem(secret, signature ?? null, body, new Date(Number(signature?.match(/t=(\d+)/)?.[1] ?? 0) * 1000));
    received.push({ body, signature: signature ?? null, event: (req.headers['tandem-event'] as string) ?? null, problem });
    if (failuresLeft > 0) {
      failuresLeft--;
      res.writeHead(503).end('busy');
      return;
    }
    res.writeHead(problem ? 400 : 204).end();
  });
  return {
    received,
    setSecret: (s: string) => (secret = s),
    failNext: (n: number) => (failuresLeft = n),
    listen: () =>
      new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('webhook signatures', () => {
  const body = '{"id":"cases:case-1:7","event":"case.changed"}';
  const at = new Date('2026-11-20T09:00:00Z');
  it('verify with the secret, the body and a timestamp inside the tolerance', () => {
    expect(signatureProblem('whsec_a', signDelivery('whsec_a', body, at), body, at)).toBeNull();
  });
  it('tell a wrong secret, a changed body, an old timestamp and a missing header apart from a genuine delivery', () => {
    const header = signDelivery('whsec_a', body, at);
    expect(signatureProblem('whsec_b', header, body, at)).toBe('signature does not match');
    expect(signatureProblem('whsec_a', header, body.replace('7', '8'), at)).toBe('signature does not match');
    expect(signatureProblem('whsec_a', header, body, new Date(at.getTime() + 301_000))).toBe('timestamp outside the tolerance');
    expect(signatureProblem('whsec_a', null, body, at)).toBe('no signature header');
    expect(signatureProblem('whsec_a', 'v1=abc', body, at)).toBe('malformed signature header');
  });
  it('back off exponentially, at most an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(20)).toBe(3600_000);
  });
});

describe.each(ENGINES)('outbound webhooks on %s', (engine) => {
  let clock = new Date(DEMO_CLOCK);
  const now = () => clock;
  const { db, api } = appForSuite(engine, { now });
  const receiver = startReceiver();
  let url = '';
  let admin = '';
  let agent = '';

  beforeAll(async () => {
    url = await receiver.listen();
    admin = await api.signIn('admin@tandem.demo');
    agent = await api.signIn('agent@tandem.demo');
  });
  afterAll(() => receiver.close());

  const deliveries = async (id: string) => expectOk(await api.get(`/admin/webhooks/${id}/deliveries`, admin), WebhookDeliveriesResponse);
  const pushCase = async (subject: string) => {
    const res = await api.post('/sync/push', agent, { mutations: [{ id: crypto.randomUUID(), ...createCase({ subject }) }] });
    const [result] = PushResponse.parse(await res.json()).results;
    expect(result?.status).toBe('applied');
  };

  it('lets only admins register a webhook, shows its secret once, and refuses a non-http URL', async () => {
    await expectError(await api.post('/admin/webhooks', agent, { url, events: ['case.changed'] }), 403, 'forbidden');
    await expectError(await api.post('/admin/webhooks', admin, { url: 'javascript:alert(1)', events: ['case.changed'] }), 400, 'invalid_request');
    const created = await expectOk(await api.post('/admin/webhooks', admin, { url, events: ['case.changed'], description: 'CRM bridge' }), CreatedWebhook, 201);
    expect(created.secret).toMatch(/^whsec_/);
    const listed = await expectOk(await api.get('/admin/webhooks', admin), WebhooksResponse);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const removed = await api.request(`/admin/webhooks/${created.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${admin}` } });
    expect(removed.status).toBe(204);
    await expectError(await api.get(`/admin/webhooks/${created.id}/deliveries`, admin), 404, 'not_found');
  });

  it('delivers each new case once, signed, retrying a failing receiver with backoff until it answers', async () => {
    const hook = await expectOk(await api.post('/admin/webhooks', admin, { url, events: ['case.changed'] }), CreatedWebhook, 201);
    receiver.setSecret(hook.secret);
    receiver.received.length = 0;
    await pushCase('Webhook case one');

    receiver.failNext(2);
    await runWebhooks(db(), { now });
    // Queued once, however often the queue runs.
    expect(await queueWebhookEvents(db(), now())).toBe(0);
    let [delivery] = (await deliveries(hook.id)).deliveries;
    expect(delivery).toMatchObject({ event: 'case.changed', status: 'pending', attempts: 1, lastStatus: 503 });
    // Not due again before its backoff.
    await sendDueDeliveries(db(), { now });
    expect(receiver.received).toHaveLength(1);
    clock = new Date(clock.getTime() + retryDelayMs(1));
    await sendDueDeliveries(db(), { now });
    clock = new Date(clock.getTime() + retryDelayMs(2));
    await sendDueDeliveries(db(), { now });
    [delivery] = (await deliveries(hook.id)).deliveries;
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 204 });

    expect(receiver.received).toHaveLength(3);
    expect(receiver.received.every((r) => r.problem === null && r.event === 'case.changed')).toBe(true);
    const payload = JSON.parse(receiver.received[2]!.body) as { event: string; data: { record: { subject: string } } };
    expect(payload).toMatchObject({ event: 'case.changed', data: { record: { subject: 'Webhook case one' } } });
    // Every attempt of one delivery carries the same event id, so the receiver can drop repeats.
    expect(new Set(receiver.received.map((r) => (JSON.parse(r.body) as { id: string }).id)).size).toBe(1);
  });

  it('gives a delivery up after the last attempt and says so in the list', async () => {
    const hook = await expectOk(await api.post('/admin/webhooks', admin, { url, events: ['case.changed'] }), CreatedWebhook, 201);
    receiver.setSecret(hook.secret);
    await pushCase('Webhook case never taken');
    receiver.failNext(1000);
    await queueWebhookEvents(db(), now());
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await sendDueDeliveries(db(), { now });
      clock = new Date(clock.getTime() + retryDelayMs(i + 1));
    }
    const [delivery] = (await deliveries(hook.id)).deliveries;
    expect(delivery).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    const listed = (await expectOk(await api.get('/admin/webhooks', admin), WebhooksResponse)).webhooks.find((w) => w.id === hook.id);
    expect(listed).toMatchObject({ failed: 1 });
    receiver.failNext(0);
  });
});
