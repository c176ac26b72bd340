// The queue's delta protocol: the background's feed (lib/queue/feed.ts) and the page's model (lib/queue/model.ts).
import { describe, expect, it } from 'vitest';
import type { QueueCase, QueueChanges, QueueSnapshot } from '../schema/queue';
import { QueueChanges as QueueChangesSchema } from '../schema/queue';
import { createQueueFeed } from './feed';
import { NO_FILTERS, type QueueFilters } from './filters';
import { createQueueModel } from './model';
import { minutesFromNow, QUEUE_TEST_NOW, queueRow } from './test-rows';
import { queueView } from './view';

const NOW = QUEUE_TEST_NOW;
const min = minutesFromNow;

const row = (id: string, over: Partial<QueueCase> = {}) => queueRow(id, { tags: ['billing'], ...over });

const snap = (cases: QueueCase[]): QueueSnapshot => ({ me: { id: 'me', name: 'Me', teamIds: ['team-care'] }, cases, presence: [], teammates: [], live: true });
/** What the page receives: a copy, as runtime messaging makes one, parsed as the message schema says. */
const wire = (changes: QueueChanges): QueueChanges => QueueChangesSchema.parse(structuredClone(changes));
const ids = (rows: readonly QueueCase[]) => rows.map((r) => r.id);

describe('the queue feed (background)', () => {
  it('sends a snapshot first, then only the rows a change touched', () => {
    const feed = createQueueFeed({ id: 'f1' });
    const first = feed.changes(snap([row('a'), row('b'), row('c')]), null);
    expect(first).toMatchObject({ kind: 'snapshot', feed: 'f1', version: 1 });
    // Rows are rebuilt from the cache on every ask: fresh objects with the same content are not changes.
    const claim = feed.changes(snap([row('a'), row('b', { assigneeId: 'me', version: 2 }), row('c')]), { feed: 'f1', version: 1 });
    expect(claim).toMatchObject({ kind: 'delta', from: 1, version: 2, remove: [], upsert: [expect.objectContaining({ id: 'b', assigneeId: 'me' })] });
    const closed = feed.changes(snap([row('a'), row('b', { assigneeId: 'me', version: 2 })]), { feed: 'f1', version: 2 });
    expect(closed).toMatchObject({ kind: 'delta', from: 2, version: 3, upsert: [], remove: ['c'] });
    // Nothing changed: an empty delta at the same version.
    expect(feed.changes(snap([row('a'), row('b', { assigneeId: 'me', version: 2 })]), { feed: 'f1', version: 3 })).toMatchObject({
      kind: 'delta',
      version: 3,
      upsert: [],
      remove: [],
    });
  });

  it('gathers every row changed since an older version, and notices changes inside nested fields', () => {
    const feed = createQueueFeed({ id: 'f1' });
    feed.changes(snap([row('a'), row('b')]), null);
    feed.changes(snap([row('a', { tags: ['billing', 'vip'] }), row('b')]), null);
    const late = feed.changes(snap([row('a', { tags: ['billing', 'vip'] }), row('b', { claimConflict: { mutationId: 'm', wanted: 'me' } })]), {
      feed: 'f1',
      version: 1,
    });
    expect(late.kind === 'delta' && ids(late.upsert).sort()).toEqual(['a', 'b']);
  });

  it("sends the agent, teammates and presence with a delta only when they changed since the page's version", () => {
    const feed = createQueueFeed({ id: 'f1' });
    const viewing = { caseId: 'a', teamId: 'team-care', userId: 'bea', userName: 'Bea', state: 'viewing' as const, expiresAt: min(1) };
    feed.changes(snap([row('a'), row('b')]), null);
    const claim = wire(feed.changes(snap([row('a', { assigneeId: 'me' }), row('b')]), { feed: 'f1', version: 1 }));
    expect(claim.kind === 'delta' && claim.surroundings).toBeUndefined();
    // Bea opens case a: no row changed, the presence did; a new version carries it.
    const seen = wire(feed.changes({ ...snap([row('a', { assigneeId: 'me' }), row('b')]), presence: [viewing] }, { feed: 'f1', version: 2 }));
    expect(seen).toMatchObject({ kind: 'delta', from: 2, version: 3, upsert: [], remove: [], surroundings: { presence: [viewing] } });
    // A page still at version 1 gets the row and the presence; one at version 3 gets neither.
    expect(wire(feed.changes({ ...snap([row('a', { assigneeId: 'me' }), row('b')]), presence: [viewing] }, { feed: 'f1', version: 1 }))).toMatchObject({
      upsert: [expect.objectContaining({ id: 'a' })],
      surroundings: { presence: [viewing] },
    });
    const idle = wire(feed.changes({ ...snap([row('a', { assigneeId: 'me' }), row('b')]), presence: [viewing] }, { feed: 'f1', version: 3 }));
    expect(idle).toMatchObject({ kind: 'delta', version: 3, upsert: [], remove: [] });
    expect(idle.kind === 'delta' && idle.surroundings).toBeUndefined();
  });

  it('answers with a snapshot when the position is from another feed, ahead of it, or older than its history', () => {
    const feed = createQueueFeed({ id: 'f1', history: 2 });
    for (let v = 1; v <= 5; v++) feed.changes(snap([row('a', { version: v })]), null);
    expect(feed.changes(snap([row('a', { version: 5 })]), { feed: 'restarted', version: 5 }).kind).toBe('snapshot');
    expect(feed.changes(snap([row('a', { version: 5 })]), { feed: 'f1', version: 9 }).kind).toBe('snapshot');
    expect(feed.changes(snap([row('a', { version: 5 })]), { feed: 'f1', version: 2 }).kind).toBe('snapshot');
    expect(feed.changes(snap([row('a', { version: 5 })]), { feed: 'f1', version: 3 }).kind).toBe('delta');
  });
});

describe('the queue model (page)', () => {
  it('applies deltas so the view equals a full re-sort and re-count, under filters too', () => {
    const feed = createQueueFeed({ id: 'f1' });
    const model = createQueueModel();
    let rows = Array.from({ length: 40 }, (_, i) =>
      row(`c${i}`, { slaDueAt: min(i * 7 - 60), channel: i % 3 ? 'email' : 'twitter', customerTier: i % 5 ? 'standard' : 'gold' }),
    );
    const twitter: QueueFilters = { ...NO_FILTERS, channel: 'twitter' };
    model.receive(wire(feed.changes(snap(rows), null)));
    model.view(twitter, 'me', NOW); // built before the deltas, so they are applied to it incrementally
    const edits: ((rs: QueueCase[]) => QueueCase[])[] = [
      (rs) => rs.map((r) => (r.id === 'c3' ? { ...r, assigneeId: 'me', slaDueAt: min(-200) } : r)),
      (rs) => rs.filter((r) => r.id !== 'c6'),
      (rs) => [...rs, row('new', { channel: 'twitter', slaDueAt: min(1), tags: ['vip'] })],
      (rs) => rs.map((r) => (r.id === 'c9' ? { ...r, channel: 'email' } : r)),
    ];
    for (const edit of edits) {
      rows = edit(rows);
      expect(model.receive(wire(feed.changes(snap(rows), model.position())))).toBe(true);
      const fresh = queueView(rows, twitter, 'me', NOW);
      const kept = model.view(twitter, 'me', NOW);
      expect(ids(kept.rows)).toEqual(ids(fresh.rows));
      expect(Object.fromEntries(Object.entries(kept.counts).map(([facet, m]) => [facet, Object.fromEntries(m)]))).toEqual(
        Object.fromEntries(Object.entries(fresh.counts).map(([facet, m]) => [facet, Object.fromEntries(m)])),
      );
    }
    expect(model.view(twitter, 'me', NOW).rows[0]?.id).toBe('c3');
    expect(ids(model.view(NO_FILTERS, 'me', NOW).rows)).toEqual(ids(queueView(rows, NO_FILTERS, 'me', NOW).rows));
  });

  it('refuses a delta cut from a version it does not have (a missed delta); a snapshot puts it right', () => {
    const feed = createQueueFeed({ id: 'f1' });
    const model = createQueueModel();
    model.receive(wire(feed.changes(snap([row('a'), row('b')]), null)));
    const behind = model.position();
    feed.changes(snap([row('a', { assigneeId: 'x' }), row('b')]), behind); // this delta never reaches the page
    const next = wire(feed.changes(snap([row('a', { assigneeId: 'x' })]), { feed: 'f1', version: 2 }));
    expect(model.receive(next)).toBe(false);
    expect(ids(model.view(NO_FILTERS, 'me', NOW).rows)).toEqual(['a', 'b']);
    expect(model.receive(wire(feed.changes(snap([row('a', { assigneeId: 'x' })]), null)))).toBe(true);
    expect(model.view(NO_FILTERS, 'me', NOW).rows).toEqual([expect.objectContaining({ id: 'a', assigneeId: 'x' })]);
    expect(model.position()).toEqual({ feed: 'f1', version: 3 });
  });
});
