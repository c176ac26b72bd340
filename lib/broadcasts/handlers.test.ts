import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TandemDatabase } from '../db';
import type { Broadcast, Snippet } from '../schema';
import { createBroadcastHandlers } from './handlers';
import { createReceiptQueue } from './receipts';

let db: TandemDatabase;
beforeEach(() => {
  db = new TandemDatabase(`broadcasts-test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

function broadcast(id: string, over: Partial<Broadcast> = {}): Broadcast {
  return {
    id,
    version: 1,
    updatedAt: '2026-11-20T09:00:00.000Z',
    deleted: false,
    title: id,
    message: '',
    severity: 'major',
    startsAt: '2026-11-20T09:00:00.000Z',
    endsAt: null,
    suggestedSnippetId: null,
    targeting: { teamIds: [], sites: [], tags: [] },
    ...over,
  };
}

function snippet(id: string, title: string, deleted = false): Snippet {
  return {
    id,
    version: 1,
    updatedAt: '2026-11-20T09:00:00.000Z',
    deleted,
    title,
    shortcut: `;${id}`,
    body: 'Sorry about the outage.',
    tags: [],
    language: 'en',
    status: 'published',
    targeting: { teamIds: [], sites: [], tags: [] },
  };
}

const NOW = new Date('2026-11-20T10:00:00.000Z');
const handlers = () =>
  createBroadcastHandlers({
    db,
    teamIds: async () => ['team-care'],
    now: () => NOW,
    receipts: createReceiptQueue({ db, now: () => NOW }),
    api: async () => null,
  });

describe('broadcasts.active', () => {
  it("returns the agent's active broadcasts for the site with the suggested snippet's title", async () => {
    await db.snippets.put(snippet('snip-outage', 'Outage apology'));
    await db.broadcasts.bulkPut([
      broadcast('bc-care', { targeting: { teamIds: ['team-care'], sites: ['zendesk'], tags: [] }, suggestedSnippetId: 'snip-outage' }),
      broadcast('bc-billing', { targeting: { teamIds: ['team-billing'], sites: [], tags: [] } }),
      broadcast('bc-twitter', { targeting: { teamIds: [], sites: ['twitter'], tags: [] } }),
    ]);
    const { broadcasts } = await handlers()['broadcasts.active']({ site: 'zendesk', host: 'tandemdemo.zendesk.com' }, {});
    expect(broadcasts.map((x) => [x.id, x.suggestedSnippetTitle])).toEqual([['bc-care', 'Outage apology']]);
  });

  it('names no suggested reply when the snippet was deleted or never reached this device', async () => {
    await db.snippets.put(snippet('snip-gone', 'Old apology', true));
    await db.broadcasts.bulkPut([broadcast('bc-a', { suggestedSnippetId: 'snip-gone' }), broadcast('bc-b', { suggestedSnippetId: 'snip-elsewhere' })]);
    const { broadcasts } = await handlers()['broadcasts.active']({ site: null, host: 'example.com' }, {});
    expect(broadcasts.map((x) => x.suggestedSnippetTitle)).toEqual([null, null]);
  });

  it('sends at most 50, the most severe first', async () => {
    await db.broadcasts.bulkPut([
      ...Array.from({ length: 60 }, (_, i) => broadcast(`bc-info-${String(i).padStart(2, '0')}`, { severity: 'info' })),
      broadcast('bc-critical', { severity: 'critical' }),
    ]);
    const { broadcasts } = await handlers()['broadcasts.active']({ site: null, host: 'example.com' }, {});
    expect(broadcasts).toHaveLength(50);
    expect(broadcasts[0]?.id).toBe('bc-critical');
  });
});

describe('broadcasts.reads', () => {
  it('asks a signed-out console to sign in', async () => {
    await expect(handlers()['broadcasts.reads']({}, {})).rejects.toMatchObject({ code: 'signed_out' });
  });
});
