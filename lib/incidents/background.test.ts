import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/client';
import { TandemDatabase } from '../db';
import { kase } from '../db/test-fixtures';
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
  return { list, handlers: createIncidentHandlers({ db, api: async () => api, role: async () => role, teamIds: async () => ['team-care'] }) };
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

describe('incidents.offer', () => {
  it('offers an agent, from the cache, the suggested reply of the active broadcast the post is about', async () => {
    await db.snippets.put({
      id: 'snip-wifi',
      version: 1,
      updatedAt: '2026-11-20T00:00:00.000Z',
      deleted: false,
      title: 'Wi-Fi calling',
      shortcut: ';wifi',
      body: 'Turn on Wi-Fi calling while we fix the mast.',
      tags: ['workaround'],
      language: 'en',
      status: 'published',
      targeting: { teamIds: [], sites: [], tags: [] },
    });
    const bc = (id: string, teamIds: string[], endsAt: string | null) => ({
      id,
      version: 1,
      updatedAt: '2026-11-20T00:00:00.000Z',
      deleted: false,
      title: 'Possible incident: Leeds · Signal',
      message: 'Customers write about leeds signal.',
      severity: 'major' as const,
      startsAt: '2026-11-20T16:20:00.000Z',
      endsAt,
      suggestedSnippetId: 'snip-wifi',
      targeting: { teamIds, sites: [], tags: [] },
    });
    const offer = (at: string) =>
      createIncidentHandlers({ db, api: async () => null, role: async () => 'agent', teamIds: async () => ['team-care'], now: () => new Date(at) })[
        'incidents.offer'
      ]({ text: 'No signal in Leeds!!', site: 'twitter', host: 'x.com' }, {});
    // Another team's broadcast is not this agent's.
    await db.broadcasts.put(bc('bc-other', ['team-other'], null));
    expect((await offer('2026-11-20T17:00:00.000Z')).offer).toBeNull();
    await db.broadcasts.put(bc('bc-leeds', ['team-care'], '2026-11-20T18:00:00.000Z'));
    expect((await offer('2026-11-20T17:00:00.000Z')).offer).toMatchObject({ broadcastId: 'bc-leeds', reply: 'Turn on Wi-Fi calling while we fix the mast.' });
    // Once the broadcast has ended, nothing is offered.
    expect((await offer('2026-11-20T18:30:00.000Z')).offer).toBeNull();
  });
});

describe("incidents.toBroadcast with an agent's workaround note", () => {
  async function cacheCaseWithNote() {
    await db.cases.put(
      kase('case-1', 'cust-1', {
        subject: 'No signal in Leeds',
        channel: 'twitter',
        notes: [{ kind: 'workaround', text: 'Switch the network to 3G.', incidentId: null, createdAt: '2026-11-20T16:14:00.000Z' }],
      }),
    );
  }
  function managerApi() {
    const link = vi.fn(async () => incident('inc-open', 'broadcast'));
    const api = {
      incidents: { list: async () => ({ incidents: [incident('inc-open', 'open')] }), link },
      manager: {
        create: vi.fn(async () => ({ record: { id: 'bc-new', version: 1 } })),
        setStatus: vi.fn(async () => ({ record: { id: 'bc-new', version: 2 } })),
      },
    } as unknown as ApiClient;
    const handlers = createIncidentHandlers({ db, api: async () => api, role: async () => 'manager', teamIds: async () => ['team-care'] });
    return { link, handlers };
  }

  it('offers the note on the card and sends the one the manager picked (or none) with the link', async () => {
    await cacheCaseWithNote();
    const { link, handlers } = managerApi();
    const [card] = (await handlers['incidents.list']({}, {})).incidents;
    expect(card?.draft.workarounds.map((o) => [o.source, o.caseId, o.text])).toEqual([['case', 'case-1', 'Switch the network to 3G.']]);
    await handlers['incidents.toBroadcast']({ id: 'inc-open', workaround: 'Switch the network to 3G.' }, {});
    expect(link).toHaveBeenLastCalledWith('inc-open', 'bc-new', 'Switch the network to 3G.');
    await handlers['incidents.toBroadcast']({ id: 'inc-open', workaround: null }, {});
    expect(link).toHaveBeenLastCalledWith('inc-open', 'bc-new', null);
  });

  it('refuses a workaround the draft does not offer', async () => {
    await cacheCaseWithNote();
    const { link, handlers } = managerApi();
    await expect(handlers['incidents.toBroadcast']({ id: 'inc-open', workaround: 'Something of my own.' }, {})).rejects.toMatchObject({
      code: 'invalid_request',
    });
    expect(link).not.toHaveBeenCalled();
  });
});
