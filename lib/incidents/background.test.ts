import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/client';
import { TandemDatabase } from '../db';
import type { Role } from '../schema/entities';
import type { Incident } from '../schema/incidents';
import { createIncidentHandlers } from './background';

let db: TandemDatabase;
beforeEach(() => {
  db = new TandemDatabase(`incidents-test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

const incident = (id: string, status: Incident['status']): Incident => ({
  id,
  teamId: 'team-care',
  terms: ['leeds', 'signal'],
  caseIds: ['case-1'],
  contacts: 5,
  expected: 0.2,
  firstAt: '2026-11-20T16:05:00.000Z',
  detectedAt: '2026-11-20T16:12:00.000Z',
  lastAt: '2026-11-20T16:12:00.000Z',
  status,
  broadcastId: null,
  closedAt: null,
  followUps: 0,
  workaround: null,
});

function handlersFor(role: Role | null) {
  const list = vi.fn(async () => ({ incidents: [incident('inc-open', 'open'), incident('inc-bc', 'broadcast'), incident('inc-closed', 'closed')] }));
  const api = { incidents: { list } } as unknown as ApiClient;
  return { list, handlers: createIncidentHandlers({ db, api: async () => api, role: async () => role }) };
}

describe('incidents.list', () => {
  it("answers a manager their teams' open and broadcast incidents, each with the broadcast one click makes", async () => {
    const { handlers } = handlersFor('manager');
    const { incidents } = await handlers['incidents.list']({}, {});
    expect(incidents.map((c) => [c.incident.id, c.draft.title])).toEqual([
      ['inc-open', 'Possible incident: Leeds · Signal'],
      ['inc-bc', 'Possible incident: Leeds · Signal'],
    ]);
  });

  it('answers agents and signed-out browsers none without asking the server (the overlay asks on every page view)', async () => {
    for (const role of ['agent', null] as const) {
      const { handlers, list } = handlersFor(role);
      expect(await handlers['incidents.list']({}, {})).toEqual({ incidents: [] });
      expect(list).not.toHaveBeenCalled();
    }
  });
});
