import { describe, expect, it } from 'vitest';
import type { Broadcast } from '../schema';
import { activeBroadcasts, isBroadcastActive } from './active';

const now = new Date('2026-11-20T10:00:00.000Z');
function bc(over: Partial<Broadcast> = {}): Broadcast {
  return {
    id: 'bc-1',
    version: 1,
    updatedAt: '2026-11-20T09:00:00.000Z',
    deleted: false,
    title: 'Berlin outage',
    message: 'Data down in Berlin',
    severity: 'major',
    startsAt: '2026-11-20T09:00:00.000Z',
    endsAt: null,
    suggestedSnippetId: null,
    targeting: { teamIds: [], sites: [], tags: [] },
    ...over,
  };
}
const agent = { teamIds: ['team-care'], site: 'zendesk', host: 'tandemdemo.zendesk.com', now };

describe('isBroadcastActive', () => {
  it('shows an untargeted broadcast inside its window to everyone', () => {
    expect(isBroadcastActive(bc(), agent)).toBe(true);
  });

  it('hides broadcasts before they start, after they end, and tombstones', () => {
    expect(isBroadcastActive(bc({ startsAt: '2026-11-20T11:00:00.000Z' }), agent)).toBe(false);
    expect(isBroadcastActive(bc({ endsAt: '2026-11-20T10:00:00.000Z' }), agent)).toBe(false);
    expect(isBroadcastActive(bc({ deleted: true }), agent)).toBe(false);
  });

  it("shows a team-targeted broadcast only to that team's agents", () => {
    expect(isBroadcastActive(bc({ targeting: { teamIds: ['team-care'], sites: [], tags: [] } }), agent)).toBe(true);
    expect(isBroadcastActive(bc({ targeting: { teamIds: ['team-billing'], sites: [], tags: [] } }), agent)).toBe(false);
  });

  it('matches listed sites by adapter name, host, or parent domain', () => {
    const on = (sites: string[]) => isBroadcastActive(bc({ targeting: { teamIds: [], sites, tags: [] } }), agent);
    expect(on(['zendesk'])).toBe(true);
    expect(on(['tandemdemo.zendesk.com'])).toBe(true);
    expect(on(['zendesk.com'])).toBe(true);
    expect(on(['twitter', 'x.com'])).toBe(false);
    expect(isBroadcastActive(bc({ targeting: { teamIds: [], sites: ['zendesk'], tags: [] } }), { ...agent, site: null, host: 'x.com' })).toBe(false);
  });
});

describe('activeBroadcasts', () => {
  it('orders the most severe first, then the newest', () => {
    const list = activeBroadcasts(
      [
        bc({ id: 'a', severity: 'info' }),
        bc({ id: 'b', severity: 'critical' }),
        bc({ id: 'c', severity: 'info', startsAt: '2026-11-20T09:30:00.000Z' }),
        bc({ id: 'd', deleted: true }),
      ],
      agent,
    );
    expect(list.map((b) => b.id)).toEqual(['b', 'c', 'a']);
  });
});
