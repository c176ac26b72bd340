import { beforeAll, describe, expect, it } from 'vitest';
import { RecognitionHealthResponse, RecognitionReportResponse } from '../../lib/schema/recognition';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, ENGINES, expectError, expectOk } from '../testing';

const today = DEMO_CLOCK.toISOString().slice(0, 10);
const yesterday = new Date(DEMO_CLOCK.getTime() - 24 * 3600_000).toISOString().slice(0, 10);

const miss = (at: string, urlPattern: string) => ({ site: 'zendesk', at, urlPattern, layers: ['adapter', 'field', 'link', 'panel'], named: true });

describe.each(ENGINES)('recognition health on %s', (engine) => {
  const { api } = appForSuite(engine, { now: () => DEMO_CLOCK });
  let admin: string;
  let agent: string;
  let manager: string;

  beforeAll(async () => {
    admin = await api.signIn('admin@tandem.demo');
    agent = await api.signIn('agent@tandem.demo');
    manager = await api.signIn('manager@tandem.demo');
  });

  const health = async () => expectOk(await api.get('/recognition/health?days=7', admin), RecognitionHealthResponse);

  it('adds each batch to the per-site, per-day counts once, and shows the last miss to an admin', async () => {
    const batch = {
      batchId: crypto.randomUUID(),
      days: [
        { site: 'zendesk', day: today, seen: 5, recognised: 3, missed: 2 },
        { site: 'zendesk', day: yesterday, seen: 4, recognised: 4, missed: 0 },
        { site: 'twitter', day: today, seen: 2, recognised: 2, missed: 0 },
      ],
      misses: [miss(`${today}T08:00:00.000Z`, '/agent/tickets/:id'), miss(`${today}T09:00:00.000Z`, '/agent/tickets/:id/events')],
    };
    expect(await expectOk(await api.post('/recognition/reports', agent, batch), RecognitionReportResponse)).toEqual({ duplicate: false });
    // The same batch again (its answer was lost): not counted twice.
    expect(await expectOk(await api.post('/recognition/reports', agent, batch), RecognitionReportResponse)).toEqual({ duplicate: true });
    const more = { batchId: crypto.randomUUID(), days: [{ site: 'zendesk', day: today, seen: 1, recognised: 0, missed: 1 }], misses: [] };
    await expectOk(await api.post('/recognition/reports', manager, more), RecognitionReportResponse);

    const { sites } = await health();
    expect(sites.map((s) => s.site)).toEqual(['zendesk', 'twitter']);
    expect(sites[0]).toEqual({
      site: 'zendesk',
      seen: 10,
      recognised: 7,
      missed: 3,
      days: [
        { day: today, seen: 6, recognised: 3, missed: 3 },
        { day: yesterday, seen: 4, recognised: 4, missed: 0 },
      ],
      lastMiss: { at: `${today}T09:00:00.000Z`, urlPattern: '/agent/tickets/:id/events', layers: ['adapter', 'field', 'link', 'panel'], named: true },
    });
    expect(sites[1]!.lastMiss).toBeNull();
  });

  it('shows the health to admins only', async () => {
    await expectError(await api.get('/recognition/health', agent), 403, 'forbidden');
    await expectError(await api.get('/recognition/health', manager), 403, 'forbidden');
    await expectError(await api.get('/recognition/health'), 401, 'unauthorized');
  });

  it('refuses a report with page text in place of a layer, or without a batch id', async () => {
    const bad = { batchId: crypto.randomUUID(), days: [], misses: [{ ...miss(`${today}T10:00:00.000Z`, '/x'), layers: ['Jane Doe'] }] };
    await expectError(await api.post('/recognition/reports', agent, bad), 400, 'invalid_request');
    await expectError(await api.post('/recognition/reports', agent, { days: [], misses: [] }), 400, 'invalid_request');
  });
});
